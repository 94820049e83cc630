#!/bin/bash
# Integration: the planner through the real CLI on the sample. plan --solve gives a consistent, proven-optimal
# assignment whose score parts sum to the scores; a lock is kept; the scenario is stored and listed; compare gives
# KPIs with deltas; exports (XLSX, GPKG) hold one row per assignment; bad input is a sentence with exit 3, and the
# ledger is never changed by planning.
# Usage: plan_cli.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
cd "$SRC" || exit 1
fail() { echo "plan_cli: FAIL: $*"; exit 1; }
WS=$T/ws.sqlite
"$PA" import -w "$WS" --zones gis-data/zones.shp --parcels gis-data/parcels_guian.gpkg \
  --parcels gis-data/parcels_guiyang.shp --ledger gis-data/projects.xlsx >/dev/null 2>&1 || fail "sample import"
"$PA" projects -w "$WS" --format json >"$T/projects_before.json" 2>/dev/null || fail "projects before"
"$PA" plan -w "$WS" --scenario s1 --pipeline gis-data/pipeline.xlsx --solve --candidates --format json \
  >"$T/s1.json" 2>"$T/s1.err" || fail "plan --solve: $(cat "$T/s1.err")"
"$PA" plan -w "$WS" --scenario s2 --format json >"$T/s2.json" 2>/dev/null || fail "plan without --solve"
lock=$(T="$T" $PY - <<'PYEOF'
import json, os
r = json.load(open(os.environ["T"] + "/s1.json"))
chosen = {(a["project_id"], tuple(a["parcel_ids"])) for a in r["assignments"]}
c = next(c for c in r["candidates"] if (c["project_id"], tuple(c["parcel_ids"])) not in chosen)
print("%s=%s" % (c["project_id"], "+".join(c["parcel_ids"])))
PYEOF
)
"$PA" plan -w "$WS" --scenario s3 --pipeline gis-data/pipeline.xlsx --solve --lock "$lock" --format json \
  >"$T/s3.json" 2>/dev/null || fail "plan --lock $lock"
"$PA" plan -w "$WS" --scenario s4 --pipeline gis-data/pipeline.xlsx --solve --format xlsx --out "$T/s4.xlsx" \
  2>/dev/null || fail "plan --format xlsx"
"$PA" plan -w "$WS" --scenario s4 --solve --format gpkg --out "$T/s4.gpkg" 2>/dev/null || fail "plan --format gpkg"
"$PA" scenario list -w "$WS" --format json >"$T/list.json" 2>/dev/null || fail "scenario list"
"$PA" scenario compare -w "$WS" s1 s2 --format json >"$T/cmp.json" 2>/dev/null || fail "scenario compare"
"$PA" projects -w "$WS" --format json >"$T/projects_after.json" 2>/dev/null || fail "projects after"
cmp -s "$T/projects_before.json" "$T/projects_after.json" || fail "planning changed the ledger"
# bad input
"$PA" scenario compare -w "$WS" s1 nope >/dev/null 2>"$T/e1"; rc=$?
[ $rc = 3 ] && grep -q "s1" "$T/e1" || fail "unknown scenario: exit $rc, $(cat "$T/e1")"
"$PA" plan -w "$WS" --scenario x --pipeline gis-data/pipeline.xlsx --lock "XM2024-0001=NO-SUCH-PARCEL" >/dev/null 2>"$T/e2"; rc=$?
[ $rc = 3 ] && grep -q "NO-SUCH-PARCEL" "$T/e2" || fail "unknown parcel in --lock: exit $rc, $(cat "$T/e2")"
printf '项目编号,最小用地(亩),最大用地(亩),固定资产投资(万元)\nA,10,20,9000\n' >"$T/nouse.csv"
"$PA" plan -w "$WS" --scenario x --pipeline "$T/nouse.csv" >/dev/null 2>"$T/e3"; rc=$?
[ $rc = 3 ] && grep -q "用地类型" "$T/e3" || fail "pipeline without 用地类型: exit $rc, $(cat "$T/e3")"
T="$T" LOCK="$lock" $PY - <<'PYEOF' || exit 1
import json, os, sys
from osgeo import ogr, gdal
T = os.environ["T"]
def fail(m): print("plan_cli: FAIL:", m); sys.exit(1)
r = json.load(open(T + "/s1.json"))
if r["optimal"] is not True: fail("sample plan not proven optimal")
seen_p, seen_q, total = set(), set(), 0.0
for a in r["assignments"]:
    if a["project_id"] in seen_p: fail("project twice")
    seen_p.add(a["project_id"])
    for q in a["parcel_ids"]:
        if q in seen_q: fail("parcel twice")
        seen_q.add(q)
    if abs(sum(a["score_parts"].values()) - a["score"]) > 1e-9 * max(1, abs(a["score"])): fail("parts do not sum to the score")
    total += a["score"]
if abs(total - r["objective"]) > 1e-6 * max(1, total): fail("objective is not the sum of scores")
if not all(u.get("reason") for u in r["unplaced"]): fail("an unplaced project without a reason")
s3 = json.load(open(T + "/s3.json"))
p, q = os.environ["LOCK"].split("=")
if not any(a["project_id"] == p and "+".join(a["parcel_ids"]) == q and a["locked"] for a in s3["assignments"]): fail("lock not kept")
if s3["objective"] > r["objective"] + 1e-6: fail("a lock cannot raise the optimum")
s2 = json.load(open(T + "/s2.json"))
if s2["assignments"] or s2["optimal"]: fail("an unsolved scenario has assignments or claims optimality")
names = {s["name"] for s in json.load(open(T + "/list.json"))}
if not {"s1", "s2", "s3", "s4"} <= names: fail("scenario list: %s" % names)
c = json.load(open(T + "/cmp.json"))
if abs(c["delta"]["land_mu"] - (c["b"]["land_mu"] - c["a"]["land_mu"])) > 1e-9: fail("compare delta")
if abs(c["a"]["land_mu"] - sum(a["area_mu"] for a in r["assignments"])) > 1e-6: fail("compare land_mu differs from the plan")
n = len(r["assignments"])
gdal.SetConfigOption("OGR_XLSX_HEADERS", "FORCE")
xds = ogr.Open(T + "/s4.xlsx"); x = xds.GetLayer(0)  # keep the dataset alive while its layer is used
if x.GetFeatureCount() < n: fail("xlsx rows %d < %d assignments" % (x.GetFeatureCount(), n))
gds = ogr.Open(T + "/s4.gpkg"); g = gds.GetLayer(0)
if g.GetFeatureCount() != n: fail("gpkg features %d != %d assignments" % (g.GetFeatureCount(), n))
print("plan_cli: ok: %d assigned, objective %.3f, lock kept" % (n, r["objective"]))
PYEOF
