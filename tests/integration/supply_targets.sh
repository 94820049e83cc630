#!/bin/bash
# Integration: import the bundled sample, then check `supply`, `projects` and `targets` against sums computed
# independently from gis-data/projects.csv and the parcel files with /usr/bin/python3 (GDAL bindings).
# Usage: bash supply_targets.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -euo pipefail
PA=$1; SRC=$2; OUT=$3
PY=/usr/bin/python3
rm -rf "$OUT"; mkdir -p "$OUT"
cd "$SRC"
WS=$OUT/ws.sqlite
"$PA" import -w "$WS" --zones gis-data/zones.shp --parcels gis-data/parcels_guian.gpkg \
  --parcels gis-data/parcels_guiyang.shp --ledger gis-data/projects.xlsx >"$OUT/import.log" 2>&1

"$PA" targets -w "$WS" --format json >"$OUT/targets.json"
"$PA" targets -w "$WS" --format xlsx --out "$OUT/targets.xlsx" >/dev/null
"$PA" supply -w "$WS" --format json >"$OUT/supply.json"
"$PA" supply -w "$WS" --zone gana --from 2022-01 --to 2022-12 --format csv --lang en >"$OUT/supply_gana.csv"
"$PA" supply -w "$WS" --zone 贵安新区 --from 2022-01 --to 2022-12 --format csv >"$OUT/supply_gana_zh.csv"
"$PA" supply -w "$WS" --format xlsx --out "$OUT/supply.xlsx" >/dev/null
"$PA" projects -w "$WS" --format json >"$OUT/projects.json"
"$PA" projects -w "$WS" --behind --format json >"$OUT/behind.json"
"$PA" projects -w "$WS" --tier city --format csv --lang en >"$OUT/city.csv"
"$PA" supply -w "$WS" --vacant --format json >"$OUT/vacant.json"

# Refusals: a bad date and a bad targets file are input errors (exit 3), a missing workspace exit 4.
set +e
"$PA" supply -w "$WS" --as-of 2023-02-30 >/dev/null 2>&1; rc1=$?
echo '{ broken' >"$OUT/bad.json"
"$PA" targets -w "$WS" --config "$OUT/bad.json" >/dev/null 2>&1; rc2=$?
"$PA" projects -w "$OUT/none.sqlite" >/dev/null 2>&1; rc3=$?
"$PA" projects -w "$WS" --zone NOPE >/dev/null 2>"$OUT/zone.err"; rc4=$?
"$PA" supply -w "$WS" --zone NOPE >/dev/null 2>&1; rc5=$?
set -e
[ "$rc1" = 3 ] || { echo "supply --as-of 2023-02-30 exited $rc1, expected 3"; exit 1; }
[ "$rc2" = 3 ] || { echo "targets with a broken config exited $rc2, expected 3"; exit 1; }
[ "$rc3" = 4 ] || { echo "projects on a missing workspace exited $rc3, expected 4"; exit 1; }
[ "$rc4" = 3 ] && [ "$rc5" = 3 ] || { echo "an unknown --zone exited $rc4 (projects) / $rc5 (supply), expected 3"; exit 1; }
grep -q "GANA" "$OUT/zone.err" || { echo "the unknown-zone message does not list the zones: $(cat "$OUT/zone.err")"; exit 1; }

OUT="$OUT" $PY - <<'PYEOF'
import csv, json, os, sys
from osgeo import ogr, gdal
OUT = os.environ["OUT"]
def fail(m): print("supply_targets:", m); sys.exit(1)
rows = list(csv.DictReader(open("gis-data/projects.csv", encoding="utf-8-sig")))
num = lambda v: float(v) if (v or "").strip() else 0.0
years = ["到位资金_2021", "到位资金_2022", "到位资金_2023"]
t = json.load(open(OUT + "/targets.json"))
total = sum(num(r[c]) for r in rows for c in years)
if abs(t["totals"]["funds_in_place_wan"] - total) > 0.01: fail("funds in place %.2f != ledger %.2f" % (t["totals"]["funds_in_place_wan"], total))
if abs(t["totals"]["funds_in_place_yi"] - total / 1e4) > 1e-6: fail("funds in place in 亿元 wrong")
for y, c in zip(("2021", "2022", "2023"), years):
    s = sum(num(r[c]) for r in rows)
    if abs(t["whole"]["funds_by_year"][y]["wan"] - s) > 0.01: fail("funds %s %.2f != %.2f" % (y, t["whole"]["funds_by_year"][y]["wan"], s))
industrial = set(json.load(open("config/targets.json"))["industrial_industries"])
ind = sum(num(r[c]) for r in rows for c in years if r["产业类别"].strip() in industrial)
if abs(t["whole"]["industrial_funds"]["wan"] - ind) > 0.01: fail("industrial funds %.2f != %.2f" % (t["whole"]["industrial_funds"]["wan"], ind))
q = {(r["统一社会信用代码"].strip() or r["企业名称"].strip()) for r in rows if r["优强企业"] == "是"}
if t["whole"]["quality_firms"] != len(q): fail("quality firms %d != %d" % (t["whole"]["quality_firms"], len(q)))
dig = {r["项目编号"].strip() for r in rows if r["数字经济"] == "是"}
if t["whole"]["digital_economy_projects"] != len(dig): fail("digital projects %d != %d" % (t["whole"]["digital_economy_projects"], len(dig)))
zsum = sum(z["funds_in_place_wan"] for z in t["by_zone"].values())
if abs(zsum - total) > 0.05: fail("zones sum %.2f != total %.2f" % (zsum, total))
if t["baseline_2018_2020_funds_yi"] is not None or "baseline_note" not in t: fail("baseline should be unknown and said so")

# Supply: monthly supplied 亩 per transfer method (all zones) equals the parcels supplied in the range, by GYRQ.
s = json.load(open(OUT + "/supply.json"))
frm, to = s["from"], s["to"]
tl = [m for m in s["timeline"] if m["zone"] == "全部"]
if len(tl) == 0: fail("no timeline rows for all zones")
import collections
count = collections.Counter()
for path in ("gis-data/parcels_guian.gpkg", "gis-data/parcels_guiyang.shp"):
    ds = gdal.OpenEx(path, gdal.OF_VECTOR)
    lyr = ds.GetLayer(0)
    for f in lyr:
        d = f.GetFieldAsString("GYRQ").replace("/", "-")[:7]
        if d and frm <= d <= to: count[f.GetFieldAsString("GYFS")] += 1
got = collections.Counter()
for m in tl:
    got["all"] += m["supplied_count"]
if got["all"] != sum(count.values()): fail("supplied parcels in the timeline %d != %d in the files" % (got["all"], sum(count.values())))
mu = sum(m["supplied_mu"] for m in tl)
if abs(mu - s["totals"]["supplied_mu"]) > 1e-6: fail("supplied total mismatch")
zones = collections.defaultdict(float)
for m in s["timeline"]:
    if m["zone"] != "全部": zones[m["month"]] += m["supplied_mu"]
for m in tl:
    if abs(zones[m["month"]] - m["supplied_mu"]) > 1e-6: fail("zones do not add up to the total in %s" % m["month"])
for m in tl:
    parts = m["标准地_mu"] + m["招拍挂_mu"] + m["协议_mu"] + m["other_mu"]
    if abs(parts - m["supplied_mu"]) > 1e-6: fail("methods do not add up in %s" % m["month"])
st = s["states_as_of"]["*"]
ws_mu = sum(v["mu"] for v in st.values())
if ws_mu <= 0: fail("no land states")
for i in s["idle"]:
    if i["status"] in ("idle", "reclaimable") and not i["since"]: fail("idle parcel %s without a since date" % i["code"])
    if i["status"] == "exempt" and not i["exempt_reason"]: fail("exempt parcel without a reason")
gana = list(csv.DictReader(open(OUT + "/supply_gana.csv", encoding="utf-8-sig")))
if len(gana) != 12 or any(r["Zone"] != "GANA" for r in gana): fail("--zone gana --from 2022-01 --to 2022-12 gave %d rows" % len(gana))
# One language per table: the Chinese CSV (the default) has no snake_case header, the English one no Chinese.
zh_head = next(csv.reader(open(OUT + "/supply_gana_zh.csv", encoding="utf-8-sig")))
if any("_" in h for h in zh_head): fail("a snake_case header in the Chinese table: %s" % zh_head)
if any("\u4e00" <= ch <= "\u9fff" for h in gana[0].keys() for ch in h): fail("Chinese in the English headers")

# Projects: rates consistent, behind list sorted and only behind projects.
p = json.load(open(OUT + "/projects.json"))
allz = [z for z in p["zones"] if z["zone"] == "全部"][0]
if allz["signed"] != sum(z["signed"] for z in p["zones"] if z["zone"] != "全部"): fail("zone signed counts do not add up")
b = json.load(open(OUT + "/behind.json"))["projects"]
if not b: fail("no project behind schedule in the sample")
if any(r["days_behind_start"] is None and r["days_behind_production"] is None for r in b): fail("a listed project is not behind")
city = list(csv.DictReader(open(OUT + "/city.csv", encoding="utf-8-sig")))
if any(float(r["Total investment (10k CNY)"] or 0) < 10000 for r in city): fail("a city-tier project below 1 亿元")

for x in ("targets.xlsx", "supply.xlsx"):
    ds = ogr.Open(OUT + "/" + x)
    if ds is None or ds.GetLayer(0).GetFeatureCount() == 0: fail(x + " is empty or unreadable")
v = json.load(open(OUT + "/vacant.json"))
print("supply_targets: ok: funds in place %.2f 亿元 (%d ledger rows), %d parcels supplied %s..%s (%.1f 亩), %d behind, %d vacant"
      % (total / 1e4, len(rows), got["all"], frm, to, mu, len(b), v["count"]))
PYEOF
