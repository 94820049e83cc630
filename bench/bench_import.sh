#!/bin/bash
# Import benchmark. Not a test. For each layout (roads: blocks separated by roads; tessellated: parcels sharing
# boundaries, as a real 宗地 layer) and size: generate the synthetic cadastre with
# tools/gen_sample.py --scale N --layout L, then on the same files:
#   A. parkatlas import (read, reproject, repair, areas, checks, ledger join, indicators, store + R*Tree index)
#   B. baseline: ogr2ogr -f GPKG -t_srs EPSG:4490 (GDAL reprojecting and copying the parcels)
#   C. point join: N project points (one inside each parcel, no parcel code) joined to the parcels by ParkAtlas
#      (bench_point_join, join only) and by SpatiaLite SQL with its R*Tree index (SpatialIndex + ST_Contains)
# A and B run twice, alternating (A B A B), and both ratios are printed.
# Prints wall time, peak memory (/usr/bin/time -v) and the ratios. Target: import <= 1.0x the ogr2ogr copy.
# Usage: bench/bench_import.sh [--build DIR] [--with-1m] [--sizes "10000 100000"] [--layouts "roads tessellated"]
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=/tmp/build-bench; SIZES="10000 100000"; LAYOUTS="roads tessellated"; WORK=${BENCH_WORK:-/tmp/parkatlas-bench}
while [ $# -gt 0 ]; do
  case $1 in
    --build) BUILD=$2; shift 2 ;;
    --with-1m) SIZES="$SIZES 1000000"; shift ;;
    --sizes) SIZES=$2; shift 2 ;;
    --layouts) LAYOUTS=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
PY=/usr/bin/python3
if [ ! -x "$BUILD/src/apps/cli/parkatlas" ] || [ ! -x "$BUILD/bench/bench_point_join" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null && ninja -C "$BUILD" -j2 parkatlas bench_point_join >/dev/null || exit 1
fi
PA=$BUILD/src/apps/cli/parkatlas; PJ=$BUILD/bench/bench_point_join
mkdir -p "$WORK"
# run LABEL CMD...: prints "LABEL wall_s peak_MB" and sets WALL / PEAK
run() {
  local label=$1; shift
  /usr/bin/time -v "$@" >"$WORK/$label.out" 2>"$WORK/$label.time" || { echo "$label failed: $(tail -3 "$WORK/$label.out" "$WORK/$label.time")"; return 1; }
  WALL=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/$label.time")
  PEAK=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$WORK/$label.time")
}
printf "%-9s %-34s %9s %9s\n" size step wall_s peak_MB
for LAYOUT in $LAYOUTS; do
for N in $SIZES; do
  D=$WORK/n$N-$LAYOUT
  if [ ! -f "$D/parcels.gpkg" ]; then $PY tools/gen_sample.py --scale "$N" --layout "$LAYOUT" --out "$D" >/dev/null || exit 1; fi
  echo "== $LAYOUT, $N parcels"
  RATIOS=""
  # Both tools read the same files: read them once first, so that neither pays for the page cache (the first
  # run of a size was otherwise the slower one, whichever tool ran first).
  cat "$D/parcels.gpkg" "$D/zones."* "$D/projects.csv" >/dev/null
  for rep in 1 2; do
    rm -f "$D/ws.sqlite"* "$D/copy.gpkg" "$D/sl.sqlite"
    run import_$N "$PA" import -w "$D/ws.sqlite" --zones "$D/zones.shp" --parcels "$D/parcels.gpkg" --ledger "$D/projects.csv" || exit 1
    IMPORT=$WALL; IMPORT_PEAK=$PEAK; printf "%-9s %-34s %9.2f %9s\n" "$N" "parkatlas import (all)" "$WALL" "$PEAK"
    grep "^time:" "$WORK/import_$N.out" | sed "s/^/          /"
    run ogr2ogr_$N ogr2ogr -f GPKG -t_srs EPSG:4490 "$D/copy.gpkg" "$D/parcels.gpkg" || exit 1
    OGR=$WALL; printf "%-9s %-34s %9.2f %9s\n" "$N" "ogr2ogr -t_srs EPSG:4490 copy" "$WALL" "$PEAK"
    RATIOS="$RATIOS $(awk -v i="$IMPORT" -v o="$OGR" 'BEGIN{printf "%.2f", i/o}')"
  done
  echo "$N $LAYOUT: import/ogr2ogr =$RATIOS (target <= 1.0); import peak $IMPORT_PEAK MB (target < 2048 at 1M)"
  # project points: one inside each parcel (PointOnSurface), lon/lat CGCS2000, no parcel code, with an investment
  if [ ! -f "$D/points.csv" ] || ! head -1 "$D/points.csv" | grep -q 固定资产投资; then
    rm -f "$D/points.csv"
    ogr2ogr -f CSV "$D/points.csv" "$D/copy.gpkg" -dialect SQLite -lco GEOMETRY=AS_XY \
      -sql "SELECT 'PT' || fid AS 项目编号, 1000.0 AS 固定资产投资, ST_PointOnSurface(geom) AS geom FROM parcels" || exit 1
  fi
  run pjoin_$N "$PJ" "$D/ws.sqlite" "$D/points.csv" || exit 1
  PJS=$(sed -n 's/.*join_s=\([0-9.]*\).*/\1/p' "$WORK/pjoin_$N.out"); LINKED=$(sed -n 's/.*linked=\([0-9]*\).*/\1/p' "$WORK/pjoin_$N.out")
  printf "%-9s %-34s %9.2f %9s  (%s linked)\n" "$N" "parkatlas point join (join only)" "$PJS" "$PEAK" "$LINKED"
  # SpatiaLite: parcels (already in 4490, with R*Tree) and the points as a table; time the SQL join only.
  ogr2ogr -f SQLite -dsco SPATIALITE=YES "$D/sl.sqlite" "$D/copy.gpkg" -nln parcels -lco SPATIAL_INDEX=YES >/dev/null 2>&1 || exit 1
  ogr2ogr -f SQLite -update "$D/sl.sqlite" "$D/points.csv" -nln pts -oo X_POSSIBLE_NAMES=X -oo Y_POSSIBLE_NAMES=Y \
    -a_srs EPSG:4490 -lco SPATIAL_INDEX=NO >/dev/null 2>&1 || exit 1
  cat >"$WORK/sl_join.py" <<'PYEOF'
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.enable_load_extension(True); c.load_extension("mod_spatialite")
gp = c.execute("SELECT f_geometry_column FROM geometry_columns WHERE f_table_name='parcels'").fetchone()[0]
gq = c.execute("SELECT f_geometry_column FROM geometry_columns WHERE f_table_name='pts'").fetchone()[0]
t = time.time()
n = c.execute(f"""SELECT count(*) FROM pts p JOIN parcels a ON a.ROWID IN (SELECT ROWID FROM SpatialIndex
  WHERE f_table_name='parcels' AND search_frame=p.{gq}) AND ST_Contains(a.{gp}, p.{gq})""").fetchone()[0]
print("join_s=%.3f linked=%d" % (time.time() - t, n))
PYEOF
  run sljoin_$N $PY "$WORK/sl_join.py" "$D/sl.sqlite" || exit 1
  SLS=$(sed -n 's/.*join_s=\([0-9.]*\).*/\1/p' "$WORK/sljoin_$N.out"); SLL=$(sed -n 's/.*linked=\([0-9]*\).*/\1/p' "$WORK/sljoin_$N.out")
  printf "%-9s %-34s %9.2f %9s  (%s linked)\n" "$N" "SpatiaLite SQL point join" "$SLS" "$PEAK" "$SLL"
  awk -v i="$IMPORT" -v o="$OGR" -v p="$PJS" -v s="$SLS" -v n="$N" -v m="$IMPORT_PEAK" 'BEGIN{
    printf "%-9s SpatiaLite join / ours = %.1fx (target >= 5 at 100k)\n", n, (p>0? s/p : 0)}'
done
done
