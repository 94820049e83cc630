#!/bin/bash
# Integration: refused inputs and interrupted imports leave an existing workspace exactly as it was.
# Each bad input (truncated GeoPackage, shapefile without .prj, point layer as parcels, XLSX ledger without the
# project-id column, empty layer, missing path) must exit 3 with a message naming the file, and leave the .sqlite
# byte-identical. An import killed just before COMMIT (test hook PA_TEST_ABORT_AFTER_WRITE, see
# src/core/import/import_pipeline.hpp) or by SIGKILL at some point must leave the previous content on reopening.
# Usage: ledger_bad_inputs.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
cd "$SRC" || exit 1
fail() { echo "ledger_bad_inputs: FAIL: $*"; exit 1; }
WS=$T/ws.sqlite
"$PA" import -w "$WS" --zones gis-data/zones.shp --parcels gis-data/parcels_guian.gpkg \
  --parcels gis-data/parcels_guiyang.shp --ledger gis-data/projects.xlsx >/dev/null 2>&1 || fail "sample import"
snapshot() {  # content of the workspace as the user sees it
  "$PA" report -w "$WS" --format json >"$1.report" 2>/dev/null || fail "report on the workspace failed"
  "$PA" check -w "$WS" --format json >"$1.check" 2>/dev/null
  "$PA" info -w "$WS" >"$1.info" 2>/dev/null
}
snapshot "$T/before"
md5_before=$(md5sum <"$WS")

# --- bad inputs
head -c 20000 gis-data/parcels_guian.gpkg >"$T/truncated.gpkg"
mkdir -p "$T/noprj"; for e in shp shx dbf cpg; do cp gis-data/parcels_guiyang.$e "$T/noprj/parcels.$e"; done
ogr2ogr -f GPKG "$T/points.gpkg" gis-data/parcels_guian.gpkg -nln points -dialect SQLite \
  -sql "SELECT ZDDM, ST_PointOnSurface(geom) AS geom FROM parcels_guian" 2>/dev/null || fail "making the point layer"
ogr2ogr -f GPKG "$T/empty.gpkg" gis-data/parcels_guian.gpkg -where "1=0" -nln empty 2>/dev/null || fail "making the empty layer"
$PY - "$T" <<'PYEOF' || fail "making the ledger without 项目编号"
import csv, sys
rows = list(csv.reader(open("gis-data/projects.csv", encoding="utf-8-sig")))
i = rows[0].index("项目编号")
with open(sys.argv[1] + "/noid.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    for r in rows: w.writerow(r[:i] + r[i + 1:])
PYEOF
ogr2ogr -f XLSX "$T/noid.xlsx" "$T/noid.csv" -oo AUTODETECT_TYPE=YES -nln 项目台账 2>/dev/null || fail "making noid.xlsx"

try_bad() {  # name, expected word in the message, import arguments...
  local name=$1 word=$2; shift 2
  "$PA" import -w "$WS" "$@" >"$T/$name.out" 2>"$T/$name.err"; local rc=$?
  [ $rc = 3 ] || fail "$name: exit $rc, expected 3 ($(head -c 300 "$T/$name.err"))"
  grep -q -- "$word" "$T/$name.err" || fail "$name: the message does not name '$word': $(head -c 300 "$T/$name.err")"
  [ "$(md5sum <"$WS")" = "$md5_before" ] || fail "$name: the workspace file changed"
  echo "  $name: exit 3: $(head -c 160 "$T/$name.err" | tr '\n' ' ')"
}
try_bad truncated truncated.gpkg --parcels "$T/truncated.gpkg"
try_bad noprj parcels.shp --parcels "$T/noprj/parcels.shp"
try_bad points points.gpkg --parcels "$T/points.gpkg"
try_bad noid noid.xlsx --ledger "$T/noid.xlsx"
try_bad empty empty.gpkg --parcels "$T/empty.gpkg"
try_bad missing does-not-exist.gpkg --parcels "$T/does-not-exist.gpkg"
# a good source together with a bad one: nothing of the good one may be stored either
try_bad mixed truncated.gpkg --zones gis-data/zones.shp --parcels "$T/truncated.gpkg"
snapshot "$T/after_bad"
for k in report check info; do cmp -s "$T/before.$k" "$T/after_bad.$k" || fail "$k output changed after refused inputs"; done

# --- an import that dies just before COMMIT (test hook) and one killed by SIGKILL
PA_TEST_ABORT_AFTER_WRITE=1 "$PA" import -w "$WS" --parcels gis-data/parcels_guian.gpkg >/dev/null 2>&1; rc=$?
[ $rc = 9 ] || fail "the abort hook did not fire (exit $rc)"
snapshot "$T/after_abort"
for k in report check info; do cmp -s "$T/before.$k" "$T/after_abort.$k" || fail "$k output changed after an import died before COMMIT"; done
for delay in 0.2 0.4 0.6 0.8 1.0; do
  ( timeout -s KILL $delay "$PA" import -w "$WS" --parcels gis-data/parcels_guiyang.shp --ledger gis-data/projects.xlsx >/dev/null 2>&1 ) 2>/dev/null
  snapshot "$T/after_kill"
  if ! cmp -s "$T/before.report" "$T/after_kill.report"; then
    # The import may have finished before the kill: then it must be the complete new content.
    "$PA" info -w "$WS" --lang en | grep -q "parcels  *3330" || fail "killed at $delay s: neither the previous nor the new content"
    echo "  kill at $delay s: the import had committed before the kill"; break
  fi
  echo "  kill at $delay s: previous content intact"
done
echo "ledger_bad_inputs: ok"
