#!/bin/bash
# PostGIS vs SpatiaLite benchmark (not a test; docs/benchmarks.md). On the synthetic cadastre of
# bench/bench_import.sh (tools/gen_sample.py --scale N, files under $BENCH_WORK/nN-roads, generated when missing),
# in a PostgreSQL cluster of its own (initdb into a temporary folder, Unix socket, stopped at the end):
#   1. import zones + parcels + ledger into a SpatiaLite file and into PostGIS (wall, peak)
#   2. report --format json on both (wall, peak) and whether they are byte-identical
#   3. the viewer's first map frame on both (view --quit-after-tasks --timings under Xvfb), twice (the first open
#      triangulates and caches the mesh)
#   4. READERS concurrent report runs on PostGIS while a ledger import runs: each reader's wall time, and that
#      every reader saw one consistent snapshot (its report equals the one before or the one after the import)
# Usage: bench/bench_pg.sh [--build DIR] [--size N] [--readers K]
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=build; N=1000000; READERS=4; WORK=${BENCH_WORK:-/tmp/parkatlas-bench}
while [ $# -gt 0 ]; do
  case $1 in
    --build) BUILD=$2; shift 2 ;;
    --size) N=$2; shift 2 ;;
    --readers) READERS=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
PA=$(realpath "$BUILD/src/apps/cli/parkatlas")
D=$WORK/n$N-roads
if [ ! -f "$D/parcels.gpkg" ]; then
  mkdir -p "$D"
  /usr/bin/python3 tools/gen_sample.py --scale "$N" --layout roads --out "$D" >/dev/null || exit 1
fi
source bench/lib_pg.sh
pg_cluster_start -c shared_buffers=1GB -c max_wal_size=4GB
SL=$T/ws.sqlite
echo "== $N parcels (roads layout), this machine: $(nproc) cores =="
IMP=(--zones "$D/zones.shp" --parcels "$D/parcels.gpkg" --ledger "$D/projects.csv")
run "import SpatiaLite" "$PA" import -w "$SL" "${IMP[@]}"
run "import PostGIS" "$PA" import -w "$PGW" "${IMP[@]}"
run "report SpatiaLite" "$PA" report -w "$SL" --format json
cp "$T/report SpatiaLite.out" "$T/sl.json"
run "report PostGIS" "$PA" report -w "$PGW" --format json
cp "$T/report PostGIS.out" "$T/pg.json"
cmp -s "$T/sl.json" "$T/pg.json" && echo "reports: byte-identical" || echo "reports: DIFFER"
if command -v xvfb-run >/dev/null; then
  for i in 1 2; do
    for W in "$SL" "$PGW"; do
      name=$([ "$W" = "$SL" ] && echo SpatiaLite || echo PostGIS)
      xvfb-run -a -s "-screen 0 1920x1080x24" "$PA" view "$W" --size 1920x1080 --quit-after-tasks --timings >"$T/view.log" 2>&1
      printf "%-34s %s\n" "view $name (open $i)" "$(grep -m1 'first map frame' "$T/view.log")"
    done
  done
fi
# Concurrent readers during a ledger import: each reads one snapshot (REPEATABLE READ READ ONLY).
echo "== $READERS readers while a ledger import runs =="
"$PA" import -w "$PGW" --ledger "$D/projects.csv" >/dev/null 2>"$T/imp2.err" &
IPID=$!
sleep 1
for k in $(seq 1 "$READERS"); do
  ( s=$(date +%s.%N); "$PA" report -w "$PGW" --format json >"$T/r$k.json" 2>/dev/null; echo "$(echo "$(date +%s.%N) - $s" | bc)" >"$T/r$k.s" ) &
done
wait
"$PA" report -w "$PGW" --format json >"$T/after.json" 2>/dev/null
ok=0
for k in $(seq 1 "$READERS"); do
  if cmp -s "$T/r$k.json" "$T/pg.json" || cmp -s "$T/r$k.json" "$T/after.json"; then ok=$((ok + 1)); fi
  printf "reader %d: %s s\n" "$k" "$(cat "$T/r$k.s")"
done
echo "readers that saw one consistent snapshot: $ok of $READERS"
