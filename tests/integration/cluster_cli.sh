#!/bin/bash
# parkatlas cluster / concentration / chains on the bundled sample: hull and member layers that GDAL opens, JSON
# shapes, per-industry filter, edge metric, and the exit code for refused options.
# usage: cluster_cli.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -eu
source "$(dirname "$0")/lib/sample.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "FAIL: $*"; exit 1; }
cd "$SRC"
[ -f gis-data/zones.shp ] || { echo "SKIP: no bundled sample in gis-data/"; exit 77; }
import_sample "$T/ws.sqlite" "$T/import.log" || fail "import: $(tail -n 2 "$T/import.log")"

"$PA" cluster -w "$T/ws.sqlite" --eps 500 --min-points 5 --out "$T/c.gpkg" --format json >"$T/c.json" \
  || fail "cluster json"
"$PA" cluster -w "$T/ws.sqlite" --industry 铝及铝加工 --eps 800 --min-points 4 --weight invest --format csv --lang en >"$T/al.csv" \
  || fail "cluster --industry"
"$PA" cluster -w "$T/ws.sqlite" --of parcels --metric edge --eps 100 --min-points 4 --hull convex --out "$T/e.gpkg" \
  >"$T/edge.txt" || fail "cluster --metric edge"
set +e
"$PA" cluster -w "$T/ws.sqlite" --metric edge >/dev/null 2>"$T/err.txt"; rc=$?
set -e
[ $rc -eq 3 ] || fail "--metric edge with projects should exit 3 (bad input), got $rc"
grep -q "of parcels" "$T/err.txt" || fail "the edge-metric error does not say what to do: $(cat "$T/err.txt")"
set +e
"$PA" cluster -w "$T/ws.sqlite" --industry 铝加工 >/dev/null 2>"$T/err2.txt"; rc=$?
set -e
[ $rc -eq 3 ] || fail "an industry no project has should exit 3 (a typo), got $rc"
grep -q "铝及铝加工" "$T/err2.txt" || fail "the unknown-industry error does not list the industries: $(cat "$T/err2.txt")"
"$PA" concentration -w "$T/ws.sqlite" --by invest --format json >"$T/conc.json" || fail "concentration"
"$PA" chains -w "$T/ws.sqlite" --distance 3000 --format json >"$T/chains.json" || fail "chains"
echo '{"chains": [{"upstream": "x"}]}' >"$T/bad.json"
set +e
"$PA" chains -w "$T/ws.sqlite" --config "$T/bad.json" >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 3 ] || fail "a malformed chain config should exit 3, got $rc"

T="$T" $PY - <<'PYEOF'
import csv, json, os, sys
from osgeo import ogr
T = os.environ["T"]
def fail(m): print("FAIL:", m); sys.exit(1)
j = json.load(open(T + "/c.json"))
if j["params"]["eps_m"] != 500 or j["params"]["min_points"] != 5: fail("params not echoed")
if len(j["clusters"]) < 1: fail("no cluster on the sample")
ds = ogr.Open(T + "/c.gpkg")
hulls, members = ds.GetLayerByName("cluster_hulls"), ds.GetLayerByName("cluster_members")
if hulls is None or members is None: fail("layers missing")
if ogr.GT_Flatten(hulls.GetGeomType()) != ogr.wkbMultiPolygon: fail("hulls not declared polygonal")
if ogr.GT_Flatten(members.GetGeomType()) != ogr.wkbPoint: fail("members not declared as points")
if hulls.GetFeatureCount() != len(j["clusters"]): fail("hull count != cluster count")
nmem = sum(c["members"] for c in j["clusters"])
if members.GetFeatureCount() != nmem: fail("member count mismatch")
if nmem + j["noise"] != j["items"]: fail("members + noise != items")
srs = hulls.GetSpatialRef()
if srs is None or srs.GetAuthorityCode(None) != "4490": fail("hulls not in EPSG:4490")
# Every member point lies in (or on) its cluster's hull; hulls are in Guiyang (lon 105.5..108, lat 25.5..27.5).
hull_by_id = {f.GetField("cluster_id"): f.GetGeometryRef().Clone() for f in hulls}
for f in members:
    h = hull_by_id[f.GetField("cluster_id")]
    if h.Distance(f.GetGeometryRef()) > 1e-6: fail("member %s outside its hull" % f.GetField("item_id"))
for h in hull_by_id.values():
    x0, x1, y0, y1 = h.GetEnvelope()
    if not (105.5 < x0 < 108 and 25.5 < y0 < 27.5): fail("hull not in lon/lat order: %s" % str(h.GetEnvelope()))
for c in j["clusters"]:
    if c["invest_wan"] <= 0 or c["area_mu"] <= 0 or not c["zones"]: fail("cluster summary empty: %s" % c["id"])
rows = list(csv.DictReader(open(T + "/al.csv", encoding="utf-8-sig")))
if not rows or any(r["Industry"] != "Aluminium and aluminium processing" for r in rows): fail("--industry filter not applied")
ds_edge = ogr.Open(T + "/e.gpkg")  # keep the dataset alive while its layer is used
if ds_edge.GetLayerByName("cluster_hulls").GetFeatureCount() < 1: fail("edge metric found no cluster")
c = json.load(open(T + "/conc.json"))
for cell in c["cells"]:
    if cell["lq"] is not None and cell["lq"] < 0: fail("negative LQ")
if not any(i["nni"] and i["nni"]["r"] < 1 for i in c["industries"]): fail("no clustered industry (R < 1) in the sample")
ch = json.load(open(T + "/chains.json"))
if not ch["gaps"]: fail("empty chain gap table")
st = {g["status"] for g in ch["gaps"]}
if not st <= {"present", "nearby", "distant", "missing_upstream", "missing_downstream"}: fail("unknown status %s" % st)
print("cluster_cli: %d clusters, %d members, %d chain links, statuses %s" % (len(j["clusters"]), nmem, len(ch["links"]), sorted(st)))
PYEOF
