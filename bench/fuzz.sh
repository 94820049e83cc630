#!/bin/bash
# Fuzzing run (docs/fuzzing.md). Not a test and not run by CI. Steps:
#   1. configures a clang build with -DPARKATLAS_FUZZ=ON (ASan + UBSan + libFuzzer coverage on every target) and
#      builds the fuzz targets of tests/fuzz;
#   2. makes seed corpora: small cuts (ogr2ogr -limit) of the bundled sample (gis-data/) and of ../shared/data/real
#      in each format (shapefile trios packed in fuzz_shapefile's framing, GeoPackage, GeoJSON, FlatGeobuf), the
#      variants the tests use (no .prj, no .cpg, GBK, empty layer, point layer), the first rows of the ledger as CSV
#      and XLSX, and the JSON files of config/ and the JSON literals of tests/unit;
#   3. runs each target for SECONDS (-max_total_time, -timeout=10, -rss_limit_mb=4096), then prints per target the
#      executions, execs/s, corpus size and the crash-/timeout-/oom-/leak- files found.
# Usage: bench/fuzz.sh [SECONDS_PER_TARGET=60] [--build DIR] [--work DIR] [--targets "fuzz_gpkg fuzz_mapping"]
#                      [--jobs N] [--no-build]
# Corpora grow across runs in WORK/corpus/<target>; findings land in WORK/artifacts/<target>/. Reproduce one with
#   BUILD/tests/fuzz/<target> WORK/artifacts/<target>/crash-…
# shrink it with `BUILD/tests/fuzz/<target> -minimize_crash=1 -max_total_time=60 -exact_artifact_path=OUT FILE` and
# keep OUT in tests/fuzz/regressions/<target>/ (replayed by `ctest -L fuzz` in BUILD).
set -u
cd "$(dirname "$0")/.." || exit 1
SRC=$PWD
SECS=60; BUILD=${PA_FUZZ_BUILD_DIR:-build-fuzz}; WORK=""; TARGETS=""; JOBS=2; DO_BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --build) BUILD=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --targets) TARGETS=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --no-build) DO_BUILD=0; shift ;;
    [0-9]*) SECS=$1; shift ;;
    *) echo "unknown option $1 (usage: bench/fuzz.sh [SECONDS] [--build DIR] [--work DIR] [--targets LIST])"; exit 2 ;;
  esac
done
WORK=${WORK:-$BUILD/fuzz-work}
ALL_TARGETS="fuzz_shapefile fuzz_gpkg fuzz_geojson fuzz_fgb fuzz_ledger_csv fuzz_ledger_xlsx fuzz_mapping
             fuzz_targets_config fuzz_chain_config"
TARGETS=${TARGETS:-$ALL_TARGETS}

# --- 1. build --------------------------------------------------------------------------------------------------
if [ "$DO_BUILD" = 1 ]; then
  t0=$(date +%s)
  cmake -S "$SRC" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DPARKATLAS_FUZZ=ON -DPARKATLAS_BUILD_TESTS=OFF \
    >/dev/null || { echo "configure failed"; exit 1; }
  # shellcheck disable=SC2086
  nice -n 19 cmake --build "$BUILD" -j "$JOBS" --target $TARGETS || { echo "build failed"; exit 1; }
  echo "build: $(( $(date +%s) - t0 )) s"
fi

# --- 2. seeds ----------------------------------------------------------------------------------------------------
SEEDS=$WORK/seeds
rm -rf "$SEEDS" "$WORK/tmp"; mkdir -p "$SEEDS" "$WORK/tmp" "$WORK/corpus" "$WORK/artifacts"
for t in $ALL_TARGETS; do mkdir -p "$SEEDS/$t"; done
TMP=$WORK/tmp
SHARED=$SRC/../shared/data/real
export CPL_LOG=/dev/null
ogr() { ogr2ogr "$@" >/dev/null 2>&1; }

# pack_shp STEM OUT [EXT...]: the parts of a shapefile in fuzz_shapefile's framing (u32 LE length + bytes, in the
# order .shp .shx .dbf .prj .cpg); a part not listed (or missing) ends the frame list or is written empty.
pack_shp() {
  python3 - "$@" <<'PYEOF'
import os, struct, sys
stem, out, exts = sys.argv[1], sys.argv[2], sys.argv[3:] or ["shp", "shx", "dbf", "prj", "cpg"]
order = ["shp", "shx", "dbf", "prj", "cpg"]
parts = []
for e in order:
    p = stem + "." + e
    if e not in exts or not os.path.exists(p):
        break
    parts.append(open(p, "rb").read())
with open(out, "wb") as f:
    for b in parts:
        f.write(struct.pack("<I", len(b)) + b)
PYEOF
}

# Polygon sources: the sample's zones and both parcel layers, and the real boundaries in ../shared (CGCS2000 and
# GCJ-02 GeoJSON). Each is cut to a few features (small seeds keep executions fast) and written in every format.
declare -A POLY=(
  [zones]="$SRC/gis-data/zones.shp"
  [parcels_guiyang]="$SRC/gis-data/parcels_guiyang.shp"
  [parcels_guian]="$SRC/gis-data/parcels_guian.gpkg"
  [tianditu]="$SHARED/tianditu_cgcs2000/tianditu_guiyang_districts_cgcs2000.geojson"
  [datav]="$SHARED/datav_gcj02/520100_full.json"
)
for k in "${!POLY[@]}"; do
  src=${POLY[$k]}
  [ -f "$src" ] || continue
  for n in 1 4; do
    b=$TMP/${k}_$n
    ogr -f "ESRI Shapefile" "$b.shp" "$src" -limit $n -lco ENCODING=UTF-8
    pack_shp "$b" "$SEEDS/fuzz_shapefile/${k}_$n.bin"
    ogr -f GPKG "$b.gpkg" "$src" -limit $n -nln "$k" --config OGR_SQLITE_PRAGMA page_size=512 \
      -lco SPATIAL_INDEX=NO && cp "$b.gpkg" "$SEEDS/fuzz_gpkg/${k}_$n.gpkg"
    ogr -f GeoJSON "$b.geojson" "$src" -limit $n -lco COORDINATE_PRECISION=7 -lco RFC7946=NO && \
      cp "$b.geojson" "$SEEDS/fuzz_geojson/${k}_$n.geojson"
    ogr -f FlatGeobuf "$b.fgb" "$src" -limit $n -nlt PROMOTE_TO_MULTI && cp "$b.fgb" "$SEEDS/fuzz_fgb/${k}_$n.fgb"
  done
done
# Shapefile variants the reader handles differently: GBK with .cpg, GBK without .cpg (detected), no .prj (assumed
# CRS, lon/lat), no .shx (a zero-length part: rebuilt from a private copy), the sample's projected zones as shipped
# (Gauss-Kruger zone 35).
b=$TMP/gbk; ogr -f "ESRI Shapefile" "$b.shp" "$SRC/gis-data/zones.shp" -limit 3 -lco ENCODING=CP936
pack_shp "$b" "$SEEDS/fuzz_shapefile/gbk_cpg.bin"
pack_shp "$b" "$SEEDS/fuzz_shapefile/gbk_no_cpg.bin" shp shx dbf prj
[ -f "$TMP/tianditu_4.shp" ] && pack_shp "$TMP/tianditu_4" "$SEEDS/fuzz_shapefile/no_prj.bin" shp shx dbf  # lon/lat
python3 - "$b" "$SEEDS/fuzz_shapefile/no_shx.bin" <<'PYEOF'
import struct, sys
shp, dbf = open(sys.argv[1] + ".shp", "rb").read(), open(sys.argv[1] + ".dbf", "rb").read()
open(sys.argv[2], "wb").write(b"".join(struct.pack("<I", len(x)) + x for x in (shp, b"", dbf)))
PYEOF
pack_shp "$SRC/gis-data/zones" "$SEEDS/fuzz_shapefile/zones_full.bin"
# The bad inputs of tests/integration/ledger_bad_inputs.sh: a point layer and an empty layer.
ogr -f GeoJSON "$TMP/points.geojson" "$SRC/gis-data/parcels_guian.gpkg" -dialect sqlite -limit 3 \
  -sql "SELECT ZDDM, ST_PointOnSurface(geom) AS geom FROM parcels_guian" &&
  cp "$TMP/points.geojson" "$SEEDS/fuzz_geojson/"
ogr -f GeoJSON "$TMP/empty.geojson" "$SRC/gis-data/parcels_guian.gpkg" -where "1=0" &&
  cp "$TMP/empty.geojson" "$SEEDS/fuzz_geojson/"
ogr -f FlatGeobuf "$TMP/points.fgb" "$TMP/points.geojson" && cp "$TMP/points.fgb" "$SEEDS/fuzz_fgb/"
for f in "$SHARED"/mca_topojson/*.geojson; do [ -f "$f" ] && cp "$f" "$SEEDS/fuzz_geojson/"; done

# Ledger: the header and the first rows of projects.csv (UTF-8 with BOM, as shipped), without the BOM, in GBK, with
# blank rows below the data; the same rows as XLSX; the development-zone list of ../shared (a CSV of another shape).
python3 - "$SRC/gis-data/projects.csv" "$SEEDS/fuzz_ledger_csv" "$TMP" <<'PYEOF'
import sys
src, out, tmp = sys.argv[1:4]
lines = open(src, encoding="utf-8-sig").read().splitlines()
head = "\n".join(lines[:6]) + "\n"
open(out + "/projects_5.csv", "w", encoding="utf-8-sig").write(head)
open(out + "/projects_5_nobom.csv", "w", encoding="utf-8").write(head)
open(out + "/projects_5_gbk.csv", "w", encoding="gbk", errors="replace").write(head)
open(out + "/projects_1_blank.csv", "w", encoding="utf-8").write("\n".join(lines[:2]) + "\n,,,,\n\n")
open(tmp + "/projects_5.csv", "w", encoding="utf-8").write(head)
PYEOF
[ -f "$SHARED/devzones/guiyang_development_zones.csv" ] &&
  cp "$SHARED/devzones/guiyang_development_zones.csv" "$SEEDS/fuzz_ledger_csv/"
ogr -f XLSX "$SEEDS/fuzz_ledger_xlsx/projects_5.xlsx" "$TMP/projects_5.csv" -nln 项目台账
ogr -f XLSX "$SEEDS/fuzz_ledger_xlsx/projects_1.xlsx" "$TMP/projects_5.csv" -nln Sheet1 -limit 1

# JSON: config/*.json, the JSON literals of tests/unit (R"(…)" strings that parse as JSON), and mapping files.
python3 - "$SRC" "$SEEDS" <<'PYEOF'
import glob, json, os, re, sys
src, seeds = sys.argv[1:3]
docs = {}
for p in glob.glob(src + "/config/*.json"):
    docs[os.path.basename(p)] = open(p, encoding="utf-8").read()
for p in glob.glob(src + "/tests/unit/**/*.cpp", recursive=True):
    for i, m in enumerate(re.finditer(r'R"\((.*?)\)"', open(p, encoding="utf-8").read(), re.S)):
        try:
            json.loads(m.group(1))
        except ValueError:
            continue
        docs[os.path.basename(p)[:-4] + "_%d.json" % i] = m.group(1)
docs["mapping_all.json"] = json.dumps({"zones": {"code": "CODE", "name": "NAME"},
                                       "parcels": {"code": "DKBH", "landuse_code": "YT", "declared_area": "ZDMJ"},
                                       "ledger": {"project_id": "项目编号", "lon": "lon"}}, ensure_ascii=False)
docs["mapping_missing.json"] = '{"parcels": {"code": "BAR"}}'
for target in ("fuzz_mapping", "fuzz_targets_config", "fuzz_chain_config"):
    for name, text in docs.items():
        open(os.path.join(seeds, target, name), "w", encoding="utf-8").write(text)
PYEOF
rm -rf "$TMP"

# --- 3. run --------------------------------------------------------------------------------------------------------
# Leaks of third-party libraries only (tests/sanitize/lsan.supp says which and why); libFuzzer checks every input.
if [ -f "$SRC/tests/sanitize/lsan.supp" ]; then
  export LSAN_OPTIONS="suppressions=$SRC/tests/sanitize/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
fi
printf '\n%-20s %6s %10s %8s %7s %8s  %s\n' target seeds execs exec/s corpus secs findings
for t in $TARGETS; do
  bin=$BUILD/tests/fuzz/$t
  [ -x "$bin" ] || { echo "$t: not built ($bin)"; continue; }
  mkdir -p "$WORK/corpus/$t" "$WORK/artifacts/$t"
  log=$WORK/$t.log
  t0=$(date +%s)
  # The corpus folder comes first: libFuzzer writes new inputs there and only reads the seeds.
  nice -n 19 "$bin" "$WORK/corpus/$t" "$SEEDS/$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$WORK/artifacts/$t/" >"$log" 2>&1
  secs=$(( $(date +%s) - t0 ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$WORK/corpus/$t" -type f | wc -l)
  nseeds=$(find "$SEEDS/$t" -type f | wc -l)
  found=$(cd "$WORK/artifacts/$t" && ls -1 crash-* timeout-* oom-* leak-* slow-unit-* 2>/dev/null | tr '\n' ' ')
  printf '%-20s %6s %10s %8s %7s %8s  %s\n' "$t" "$nseeds" "${execs:-?}" "${rate:-?}" "$corpus" "$secs" "${found:-none}"
done
echo
echo "logs: $WORK/<target>.log; findings: $WORK/artifacts/<target>/ (reproduce: $BUILD/tests/fuzz/<target> FILE)"
