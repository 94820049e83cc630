#!/bin/bash
# Integration: the 亩均 evaluation and the review lists through the real CLI on the sample. Every graded score is
# recomputed here from the raw ledger (projects.csv) with the Huangyan formula, its group-mean rule and its rank
# cut-offs; the review's below-threshold list is exactly the report's count; exports open in GDAL; --zone and
# --lang en work; a schema-1 workspace (before the evaluation columns) is read as is and migrated on write.
# Usage: evaluation_cli.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
cd "$SRC" || exit 1
fail() { echo "evaluation_cli: FAIL: $*"; exit 1; }
WS=$T/ws.sqlite
"$PA" import -w "$WS" --zones gis-data/zones.shp --parcels gis-data/parcels_guian.gpkg \
  --parcels gis-data/parcels_guiyang.shp --ledger gis-data/projects.csv >/dev/null 2>&1 || fail "sample import"
"$PA" grade -w "$WS" --format json >"$T/grade.json" 2>"$T/grade.err" || fail "grade: $(cat "$T/grade.err")"
"$PA" grade -w "$WS" --zone gana --format json >"$T/grade_gana.json" 2>/dev/null || fail "grade --zone gana"
"$PA" grade -w "$WS" --out "$T/grade.xlsx" >/dev/null 2>&1 || fail "grade --out x.xlsx"
"$PA" grade -w "$WS" --preset linhai --format json >"$T/linhai.json" 2>/dev/null || fail "grade --preset linhai"
"$PA" report -w "$WS" --format json >"$T/report.json" 2>/dev/null || fail "report"
"$PA" review -w "$WS" --list below-threshold --format json >"$T/below.json" 2>/dev/null || fail "review below-threshold"
"$PA" review -w "$WS" --list below-threshold --format gpkg --out "$T/below.gpkg" 2>/dev/null || fail "review --format gpkg"
for l in below-commitment idle reclaimable not-yet-due unfulfilled no-data; do
  "$PA" review -w "$WS" --list $l --as-of 2023-12-31 --format json >"$T/$l.json" 2>/dev/null || fail "review --list $l"
done
"$PA" supply -w "$WS" --as-of 2023-12-31 --format json >"$T/supply.json" 2>/dev/null || fail "supply"
set +e
"$PA" grade -w "$WS" --zone NOPE >/dev/null 2>"$T/nozone.err"; rc1=$?
"$PA" review -w "$WS" --list nothing >/dev/null 2>&1; rc2=$?
echo '{"presets": {"x": {"groups": [{"name": "a", "indicators": [{"indicator": "tax_per_acre", "weight": 1}]}]}}}' >"$T/bad.json"
"$PA" grade -w "$WS" --config "$T/bad.json" >/dev/null 2>"$T/bad.err"; rc3=$?
set -e
[ $rc1 = 3 ] && grep -q "GANA" "$T/nozone.err" || fail "an unknown --zone: exit $rc1, $(cat "$T/nozone.err")"
[ $rc2 = 2 ] || fail "an unknown --list: exit $rc2 (want 2)"
[ $rc3 = 3 ] && grep -q "tax_per_acre" "$T/bad.err" || fail "a bad evaluation config: exit $rc3, $(cat "$T/bad.err")"

T="$T" SRC="$SRC" $PY - <<'PYEOF' || exit 1
import csv, json, os, sys
from osgeo import ogr
T, SRC = os.environ["T"], os.environ["SRC"]
def fail(m): print("evaluation_cli: FAIL:", m); sys.exit(1)
g = json.load(open(T + "/grade.json"))
E = {e["credit_code"]: e for e in g["enterprises"]}
rows = list(csv.DictReader(open(SRC + "/gis-data/projects.csv", encoding="utf-8-sig")))
def f(r, k):
    v = r.get(k, "").strip()
    return float(v) if v else None
by = {}
for r in rows:
    prod = r["实际投产日期"].strip()
    producing = (int(prod[:4]) <= g["year"]) if prod else r["项目阶段"] in ("投产", "达产")
    if producing: by.setdefault(r["统一社会信用代码"].strip(), []).append(r)
def total(rs, k):
    vs = [f(r, k) for r in rs]
    return None if any(v is None for v in vs) else sum(vs)
W = {"above": [("tax_per_mu", 24.097, 30), ("value_added_per_mu", 136.16, 20), ("value_added_per_energy", 2.694, 20),
               ("value_added_per_emission", 4929.81, 10), ("labour_productivity", 18.14, 10), ("rd_share", 0.0302, 10)],
     "below": [("tax_per_mu", 11.5932, 50), ("tax_per_kwh", 0.2352, 50)]}
def ind(rs):
    mu = total(rs, "用地面积"); tax = total(rs, "年税收"); va = total(rs, "增加值"); rev = total(rs, "营业收入")
    d = lambda a, b: None if a is None or b is None or b <= 0 else a / b
    return {"tax_per_mu": d(tax, mu), "value_added_per_mu": d(va, mu), "revenue_per_mu": d(rev, mu),
            "value_added_per_energy": d(va, total(rs, "综合能耗")), "value_added_per_emission": d(va, total(rs, "排放量")),
            "labour_productivity": d(va, total(rs, "就业人数")), "rd_share": d(total(rs, "研发经费"), rev),
            "tax_per_kwh": d(tax, total(rs, "用电量"))}
graded = [e for e in g["enterprises"] if e["grade"]]
if len(graded) < 100: fail("only %d enterprises graded" % len(graded))
checked = 0
for grp, spec in W.items():
    es = [e for e in graded if e["group"] == grp and all(f(r, "用地面积") for r in by[e["credit_code"]])]
    if not es: continue
    I = {e["credit_code"]: ind(by[e["credit_code"]]) for e in es}
    # the revenue fallback's benchmark: the group's average revenue per 亩 over its graded firms
    num = sum(total(by[e["credit_code"]], "营业收入") or 0 for e in es if total(by[e["credit_code"]], "营业收入") is not None)
    den = sum(total(by[e["credit_code"]], "用地面积") for e in es if total(by[e["credit_code"]], "营业收入") is not None)
    parts = {}
    for name, bench, w in spec:
        for e in es:
            v, b = I[e["credit_code"]][name], bench
            if v is None and name == "value_added_per_mu" and I[e["credit_code"]]["revenue_per_mu"] is not None:
                v, b = I[e["credit_code"]]["revenue_per_mu"], num / den
            parts.setdefault(e["credit_code"], {})[name] = None if v is None else min(max(v / b, 0), 3.0) * w
    for name, bench, w in spec:
        present = [parts[c][name] for c in parts if parts[c][name] is not None]
        mean = sum(present) / len(present)
        for c in parts:
            if parts[c][name] is None: parts[c][name] = mean
    for e in es:
        want = sum(parts[e["credit_code"]].values())
        if abs(want - e["score"]) > 1e-6 * max(1, want): fail("%s: score %.6f, recomputed %.6f" % (e["credit_code"], e["score"], want))
        checked += 1
    # grades by rank, A top 25 %, D bottom 5 %
    allg = sorted([e for e in graded if e["group"] == grp], key=lambda e: -e["score"])
    n = len(allg)
    for e in allg:
        r = 1 + sum(1 for x in allg if x["score"] > e["score"])
        want = "A" if r <= 0.25 * n + 1e-9 else "B" if r <= 0.70 * n + 1e-9 else "C" if r <= 0.95 * n + 1e-9 else "D"
        if e["grade"] != want or e["rank"] != r: fail("%s: rank %s grade %s, want %d %s" % (e["credit_code"], e["rank"], e["grade"], r, want))
if checked < 100: fail("only %d scores recomputed" % checked)
reasons = {e["not_graded_reason"] for e in g["enterprises"] if not e["grade"]}
if not {"producing_under_a_year", "under_construction"} <= reasons: fail("not-graded reasons %s" % reasons)
if not any(e["imputed"] for e in graded): fail("no graded firm has an imputed part (the sample leaves figures blank)")
# per-zone distribution = the grades
for z in g["zones"]:
    cnt = {k: sum(1 for e in graded if e["grade"] == k and z["code"] in e["area_mu_by_zone"]) for k in "ABCD"}
    if cnt != z["counts"]: fail("zone %s counts %s, enterprises say %s" % (z["code"], z["counts"], cnt))
gz = json.load(open(T + "/grade_gana.json"))
if [z["code"] for z in gz["zones"]] != ["GANA"] or any("GANA" not in e["zones"] for e in gz["enterprises"]): fail("grade --zone gana")
ds = ogr.Open(T + "/grade.xlsx")
if ds is None or ds.GetLayerCount() != 2 or ds.GetLayer(0).GetFeatureCount() != len(g["enterprises"]): fail("grade.xlsx")
lh = json.load(open(T + "/linhai.json"))
if {e["group"] for e in lh["enterprises"] if e["grade"]} - {"small", "large"}: fail("linhai groups")
if not any("value_added_per_water" in n for n in lh["notes"]): fail("linhai: the missing water indicator is not noted")
# review
rep = json.load(open(T + "/report.json"))["totals"]
b = json.load(open(T + "/below.json"))
if b["count"] != rep["noncompliant_parcels"] or len(b["parcels"]) != b["count"]: fail("below-threshold %d vs report %d" % (b["count"], rep["noncompliant_parcels"]))
if abs(sum(r["gap_wan"] for r in b["parcels"]) - b["gap_wan"]) > 1e-6 * b["gap_wan"]: fail("gap_wan total")
gp = ogr.Open(T + "/below.gpkg")
if gp is None or gp.GetLayer(0).GetFeatureCount() != b["count"] or gp.GetLayer(0).GetGeomType() == ogr.wkbNone: fail("below.gpkg")
s = json.load(open(T + "/supply.json"))
for l, st in (("idle", "idle"), ("reclaimable", "reclaimable"), ("not-yet-due", "not_yet_due")):
    got = {r["parcel_id"] for r in json.load(open(T + "/%s.json" % l))["parcels"]}
    want = {i["code"] for i in s["idle"] if i["status"] == st}
    if got != want: fail("review %s: %d parcels, supply says %d" % (l, len(got), len(want)))
nd = json.load(open(T + "/no-data.json"))
if nd["count"] != rep["nodata_parcels"]: fail("no-data %d vs report nodata %d" % (nd["count"], rep["nodata_parcels"]))
u = json.load(open(T + "/unfulfilled.json"))
if not u["parcels"]: fail("no unfulfilled commitment in the sample")
for r in u["parcels"]:
    if r["value"] is None or not r["value"] < r["threshold"]: fail("unfulfilled row without a shortfall: %s" % r)
    if r["review_stage"] not in ("completion", "full_output"): fail("unfulfilled row without a review stage: %s" % r)
    if r["review_stage"] == "completion" and r["indicator"] not in ("invest_wan_per_mu", "plot_ratio"): fail("completion reviews %s" % r["indicator"])
    if r["review_stage"] == "full_output" and r["indicator"] not in ("output_wan_per_mu", "tax_wan_per_mu"): fail("full output reviews %s" % r["indicator"])
    if abs(r["shortfall_pct"] - (r["threshold"] - r["value"]) / r["threshold"] * 100) > 1e-6: fail("shortfall_pct")
if abs(sum(e["gap_wan"] for e in u["enterprises"]) - u["gap_wan"]) > 1e-6 * max(1, u["gap_wan"]): fail("enterprise gaps do not add up")
print("evaluation_cli: ok: %d graded, %d scores recomputed; %d below threshold (= report), gap %.0f 万元; %d idle rows"
      % (len(graded), checked, b["count"], b["gap_wan"], len(json.load(open(T + "/idle.json"))["parcels"])))
PYEOF

# A schema-1 workspace (the first wave's, without the evaluation columns nor the planned supply date): read as
# is, migrated on write.
cp "$WS" "$T/v1.sqlite"
sqlite3 "$T/v1.sqlite" "ALTER TABLE projects DROP COLUMN value_added_wan; ALTER TABLE projects DROP COLUMN revenue_wan;
  ALTER TABLE projects DROP COLUMN emission_t; ALTER TABLE projects DROP COLUMN electricity_wan_kwh;
  ALTER TABLE projects DROP COLUMN rd_wan; ALTER TABLE projects DROP COLUMN floor_area_m2;
  ALTER TABLE projects DROP COLUMN above_scale; ALTER TABLE parcels DROP COLUMN exempt_until;
  ALTER TABLE parcels DROP COLUMN planned_supply_date; ALTER TABLE zones DROP COLUMN part_names;
  UPDATE meta SET value='1' WHERE key='schema_version';" \
  || fail "could not make a schema-1 workspace"
"$PA" report -w "$T/v1.sqlite" --format json >"$T/v1_report.json" 2>/dev/null || fail "report on a schema-1 workspace"
"$PA" grade -w "$T/v1.sqlite" --format json >/dev/null 2>&1 || fail "grade on a schema-1 workspace"
[ "$(sqlite3 "$T/v1.sqlite" "SELECT value FROM meta WHERE key='schema_version'")" = 1 ] || fail "a read changed the schema"
"$PA" import -w "$T/v1.sqlite" --ledger gis-data/projects.csv >/dev/null 2>&1 || fail "import into a schema-1 workspace"
[ "$(sqlite3 "$T/v1.sqlite" "SELECT value FROM meta WHERE key='schema_version'")" = 5 ] || fail "not migrated to 5"
[ "$(sqlite3 "$T/v1.sqlite" "SELECT count(*) FROM pragma_table_info('parcels') WHERE name='planned_supply_date'")" = 1 ] || fail "parcels.planned_supply_date not added"
[ "$(sqlite3 "$T/v1.sqlite" "SELECT count(*) FROM projects WHERE value_added_wan IS NOT NULL")" -gt 500 ] || fail "evaluation columns not stored after the migration"
[ "$(sqlite3 "$T/v1.sqlite" "SELECT count(*) FROM pragma_table_info('zones') WHERE name='part_names'")" = 1 ] || fail "zones.part_names not added"
"$PA" import -w "$T/v1.sqlite" --zones gis-data/zones.shp >/dev/null 2>&1 || fail "zones import into a migrated workspace"
[ "$(sqlite3 "$T/v1.sqlite" "SELECT part_names FROM zones WHERE code='GANA'")" = '["马场","湖潮","党武"]' ] || fail "GANA's part names not stored: $(sqlite3 "$T/v1.sqlite" "SELECT part_names FROM zones WHERE code='GANA'")"
echo "evaluation_cli: ok: schema 1 read as is and migrated to 5 on import (part names stored)"
