#!/bin/bash
# Province-scale benchmark of reading by view (not a test; docs/benchmarks.md). In a PostgreSQL 15 + PostGIS 3
# cluster of its own (initdb in a temporary folder, Unix socket, stopped at the end):
#   1. a synthetic province: N parcels (default 10,000,000; lots of about 1 ha in blocks over a square of
#      sqrt(N) x 100 m around Guiyang, each with a land use, a supply status and an investment intensity) written
#      straight into the workspace's tables by SQL (beside the bundled sample's zones, imported by parkatlas)
#   2. `workspace prepare-view`: the view index (levels of detail, boxes, triangles of every parcel)
#   3. `render` of the city view (the whole extent at 1600x900) and of a district (a 5 km box), each twice
#   4. the viewer's first map frame at the city view and after --bbox, under Xvfb (view --quit-after-tasks
#      --timings), each twice
#   5. with --import: the same parcels exported to a GeoPackage (ogr2ogr) and imported by `parkatlas import`
#      into a second schema (wall, peak; run under a 20 GB address-space cap so that it fails, not the machine)
# Usage: bench/bench_province.sh [--build DIR] [--size N] [--import]
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=build; N=10000000; IMPORT=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) BUILD=$2; shift 2 ;;
    --size) N=$2; shift 2 ;;
    --import) IMPORT=1; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
PA=$(realpath "$BUILD/src/apps/cli/parkatlas")
export PARKATLAS_VIEW_READ_FROM=1  # read by view at every size (from 2,000,000 parcels it is anyway)
source bench/lib_pg.sh
pg_cluster_start -c shared_buffers=2GB -c max_wal_size=8GB -c work_mem=256MB -c maintenance_work_mem=1GB
PSQL=(psql -h "$T" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q)
echo "== $N synthetic parcels, PostGIS, this machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB =="
"$PA" import -w "$PGW" --zones gis-data/zones.shp >/dev/null || exit 1
SIDE=$(awk -v n="$N" 'BEGIN{printf "%d", int(sqrt(n)) + 1}')
t0=$(date +%s.%N)
# Lots of 100 m x 100 m cells less a road of 8-30 m (a little skewed), ids 1..N; the GiST index is built after the
# rows (as a restore would), the columns as the importer writes them.
"${PSQL[@]}" -d pa <<SQL || exit 1
SET search_path = parkatlas, public;
DROP INDEX parcels_geom; DROP INDEX parcels_code_norm;
INSERT INTO imports(id, time, kind, source_path, layer, driver, crs, encoding, feature_count, stored_count, problem_count)
  VALUES (2, now()::text, 'parcels', 'synthetic', 'synthetic', 'SQL', 'EPSG:4490', 'UTF-8', $N, $N, 0);
INSERT INTO parcels(id, code, code_norm, layer, source_fid, zone_code, landuse, area_m2, area_mu, planar_area_m2, gk_zone,
  supply_status, centroid_lon, centroid_lat, project_count, invest_wan, invest_wan_per_mu, threshold_wan_per_mu,
  compliance, import_id, geom)
SELECT g + 1, 'SYN' || (g + 1), 'SYN' || (g + 1), 'synthetic', g, NULL,
  (ARRAY['industrial','industrial','industrial','commercial','residential','public','storage','other'])[1 + (g % 8)],
  a, a / 666.6667, a, 36,
  (ARRAY['supplied','supplied','supplied','reserve','approved','unknown'])[1 + ((g / 7) % 6)],
  x0 + w / 2, y0 + h / 2, CASE WHEN g % 3 = 0 THEN 0 ELSE 1 END,
  CASE WHEN g % 3 = 0 THEN NULL ELSE iv * a / 666.6667 END, CASE WHEN g % 3 = 0 THEN NULL ELSE iv END, 300,
  CASE WHEN g % 3 = 0 THEN 'nodata' WHEN iv >= 300 THEN 'meets' ELSE 'below' END, 2,
  ST_Multi(ST_MakePolygon(ST_MakeLine(ARRAY[ST_MakePoint(x0, y0), ST_MakePoint(x0 + w, y0 + s),
    ST_MakePoint(x0 + w, y0 + h), ST_MakePoint(x0 - s, y0 + h), ST_MakePoint(x0, y0)])))::geometry(MultiPolygon, 4490)
FROM (
  SELECT g, x0, y0, w, h, s, w * h * 111320 * 111320 * cos(radians(y0)) AS a, 40 + 900 * random() * random() AS iv
  FROM (
    SELECT g,
      106.7 - ($SIDE * 0.0009 / 2) + (g % $SIDE) * 0.0009 + 0.00004 + random() * 0.00005 AS x0,
      26.6 - ($SIDE * 0.0009 / 2) + (g / $SIDE) * 0.0009 + 0.00004 + random() * 0.00005 AS y0,
      0.0009 - 0.00009 - random() * 0.00018 AS w, 0.0009 - 0.00009 - random() * 0.00018 AS h,
      (random() - 0.5) * 0.00004 AS s
    FROM generate_series(0, $N - 1) AS g) p) q;
CREATE INDEX parcels_geom ON parcels USING gist(geom);
CREATE INDEX parcels_code_norm ON parcels(code_norm);
ANALYZE parcels;
SQL
t1=$(date +%s.%N)
printf "%-40s %9.1f s   (SQL, not the importer)\n" "write $N parcels + GiST index" "$(echo "$t1 - $t0" | bc)"
"${PSQL[@]}" -d pa -Atc "SELECT 'on disk: ' || pg_size_pretty(pg_total_relation_size('parkatlas.parcels'))"
run "workspace prepare-view" "$PA" workspace prepare-view -w "$PGW" && cat "$T/workspace prepare-view.out"
"${PSQL[@]}" -d pa -Atc "SELECT 'view index on disk: ' || pg_size_pretty(pg_total_relation_size('parkatlas.parcel_view'))"
B=$(awk 'BEGIN{printf "%.4f,%.4f,%.4f,%.4f", 106.70, 26.58, 106.75, 26.625}')  # a district: 5 km x 5 km
for i in 1 2; do
  run "render city view ($i)" env -u DISPLAY "$PA" render -w "$PGW" --out "$T/city.png" && grep "read by view" "$T/render city view ($i).time" | sed 's/^/    /'
  run "render 5 km box ($i)" env -u DISPLAY "$PA" render -w "$PGW" --bbox "$B" --out "$T/box.png" && grep "read by view" "$T/render 5 km box ($i).time" | sed 's/^/    /'
done
[ -n "${BENCH_KEEP_PNG:-}" ] && cp "$T/city.png" "$T/box.png" "$BENCH_KEEP_PNG"/
if command -v xvfb-run >/dev/null; then
  for i in 1 2; do
    run "view city: first frame ($i)" xvfb-run -a -s "-screen 0 1920x1080x24" "$PA" view "$PGW" --size 1600x900 --quit-after-tasks --timings
    grep -E "first map frame|read by view|open: parcels of the view" "$T/view city: first frame ($i).out" | sed 's/^/    /'
    run "view 5 km box: first frame ($i)" xvfb-run -a -s "-screen 0 1920x1080x24" "$PA" view "$PGW" --size 1600x900 --bbox "$B" --quit-after-tasks --timings
    grep -E "first map frame|read by view" "$T/view 5 km box: first frame ($i).out" | sed 's/^/    /'
  done
  run "view: panning 120 frames" xvfb-run -a -s "-screen 0 1920x1080x24" "$PA" view "$PGW" --size 1600x900 --bbox "$B" --frames 120 --timings
  grep -E "first map frame|map redrawn|read by view" "$T/view: panning 120 frames.out" | sed 's/^/    /'
fi
if [ $IMPORT = 1 ]; then
  # The same parcels as a bureau would deliver them (ZDDM in the national pattern, YDYHDM land-use codes), and 10 x 10
  # provincial zones tiling the province so that every parcel lies in one.
  W=$(awk -v s="$SIDE" 'BEGIN{printf "%.6f", s * 0.0009}')
  ogr2ogr -f GPKG "$T/zones.gpkg" "PG:host=$T port=$PORT dbname=pa user=postgres" -nln zones -a_srs EPSG:4490 -sql \
    "SELECT 'P' || lpad((i * 10 + j)::text, 2, '0') AS \"CODE\", '省级开发区' || (i * 10 + j) AS \"NAME\",
       'provincial' AS \"LEVEL\", 300 AS \"THRESHOLD\",
       ST_Multi(ST_MakeEnvelope(106.7 - $W / 2 + j * $W / 10 - 0.001, 26.6 - $W / 2 + i * $W / 10 - 0.001,
         106.7 - $W / 2 + (j + 1) * $W / 10 + 0.001, 26.6 - $W / 2 + (i + 1) * $W / 10 + 0.001, 4490)) AS geom
     FROM generate_series(0, 9) i, generate_series(0, 9) j" || exit 1
  ogr2ogr -f GPKG "$T/province.gpkg" "PG:host=$T port=$PORT dbname=pa user=postgres" -nln parcels -gt 1000000 -sql \
    "SELECT '5201' || lpad((id / 100000)::text, 8, '0') || 'GB' || lpad((id % 100000)::text, 5, '0') AS \"ZDDM\",
       CASE landuse WHEN 'commercial' THEN '0901' WHEN 'residential' THEN '0701' WHEN 'public' THEN '0801'
         WHEN 'storage' THEN '1101' ELSE '1001' END AS \"YDYHDM\", geom FROM parkatlas.parcels" || exit 1
  ls -la "$T/province.gpkg" | awk '{printf "GeoPackage: %.0f MB\n", $5/1048576}'
  "${PSQL[@]}" -d pa -c "CREATE SCHEMA imp" >/dev/null
  run "import $N parcels (PostGIS)" prlimit --as=20000000000 "$PA" import -w "$PGW schema=imp" --zones "$T/zones.gpkg" \
    --parcels "$T/province.gpkg" && tail -n 4 "$T/import $N parcels (PostGIS).out" | sed 's/^/    /'
  run "import $N parcels (SpatiaLite)" prlimit --as=20000000000 "$PA" import -w "$T/province.sqlite" --zones "$T/zones.gpkg" \
    --parcels "$T/province.gpkg" && tail -n 4 "$T/import $N parcels (SpatiaLite).out" | sed 's/^/    /'
fi
