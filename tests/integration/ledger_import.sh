#!/bin/bash
# Integration: import the bundled sample with the real CLI; report totals equal sums computed independently from
# the source files (GDAL/pyproj in Python, not our code); check names every manifest id and nothing else at
# warning/error level; check exits 1 (errors planted); outputs (.gpkg, .xlsx, .csv, .md) are written and readable.
# Usage: ledger_import.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
cd "$SRC" || exit 1
fail() { echo "ledger_import: FAIL: $*"; exit 1; }
"$PA" import -w "$T/ws.sqlite" --zones gis-data/zones.shp --parcels gis-data/parcels_guian.gpkg \
  --parcels gis-data/parcels_guiyang.shp --ledger gis-data/projects.xlsx >"$T/import.out" 2>&1 || fail "import exited $? : $(tail -3 "$T/import.out")"
[ ! -s "$T/ws.sqlite-wal" ] || fail "the WAL was not checkpointed into the .sqlite after import"
"$PA" report -w "$T/ws.sqlite" --format json >"$T/report.json" || fail "report --format json"
"$PA" check -w "$T/ws.sqlite" --format json --out "$T/problems.gpkg" >"$T/check.json"; rc=$?
[ $rc = 1 ] || fail "check should exit 1 with error-level problems planted, got $rc"
"$PA" report -w "$T/ws.sqlite" --out "$T/report.xlsx" >/dev/null || fail "report --out .xlsx"
"$PA" report -w "$T/ws.sqlite" --lang en --format csv --out "$T/report.md" >"$T/report.csv" || fail "report csv/md"
grep -q "^| GANA" "$T/report.md" || fail "markdown report lacks the GANA row"
head -1 "$T/report.csv" | grep -q "^code,zone" || fail "english CSV header wrong: $(head -1 "$T/report.csv")"
"$PA" report -w "$T/ws.sqlite" | head -1 | grep -q "开发区" || fail "default table has no Chinese headers"
T="$T" $PY - <<'PYEOF' || exit 1
import json, os, sys, csv
from osgeo import ogr, osr, gdal
from pyproj import Geod
gdal.UseExceptions()
T = os.environ["T"]
def fail(m): print("ledger_import: FAIL:", m); sys.exit(1)
rep = json.load(open(T + "/report.json")); tot = rep["totals"]
# 1. parcels and ellipsoidal area, from the source files
geod = Geod(a=6378137.0, rf=298.257222101)
dst = osr.SpatialReference(); dst.ImportFromEPSG(4490); dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
def ring(r):
    pts = r.GetPoints(); return abs(geod.polygon_area_perimeter([p[0] for p in pts], [p[1] for p in pts])[0])
def area(g):
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbPolygon: return ring(g.GetGeometryRef(0)) - sum(ring(g.GetGeometryRef(i)) for i in range(1, g.GetGeometryCount()))
    return sum(area(g.GetGeometryRef(i)) for i in range(g.GetGeometryCount()))
m2 = 0.0; n = 0; codes = set()
for path in ("gis-data/parcels_guian.gpkg", "gis-data/parcels_guiyang.shp"):
    ds = ogr.Open(path); lyr = ds.GetLayer(0)
    src = lyr.GetSpatialRef().Clone(); src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    for f in lyr:
        g = f.GetGeometryRef().Clone()
        if not g.IsValid(): g = g.MakeValid()
        g.Transform(ct); m2 += area(g); n += 1; codes.add(f.GetField("ZDDM"))
if tot["parcel_count"] != n: fail("totals.parcel_count %s, source files hold %d" % (tot["parcel_count"], n))
if abs(tot["area_mu"] - m2 / (2000 / 3)) > 1e-6 * tot["area_mu"]: fail("totals.area_mu %.3f vs %.3f" % (tot["area_mu"], m2 / (2000 / 3)))
if abs(sum(z["area_mu"] for z in rep["zones"]) - tot["area_mu"]) > 1e-6 * tot["area_mu"]:
    print("note: parcels outside every zone:", tot["area_mu"] - sum(z["area_mu"] for z in rep["zones"]))
# 2. money, from projects.csv: investment of the projects placed on existing parcels; funds of all projects
import re, unicodedata
def norm(c): return unicodedata.normalize("NFKC", c).strip().upper()
ncodes = {norm(c) for c in codes}
inv = 0.0; funds = {"2021": 0.0, "2022": 0.0, "2023": 0.0}; nproj = 0
for row in csv.DictReader(open("gis-data/projects.csv", encoding="utf-8-sig")):
    nproj += 1
    cs = [c for c in re.split(r"[;；,，、\s\u3000]+", row["宗地编号"]) if c]
    if row["固定资产投资"] and any(norm(c) in ncodes for c in cs): inv += float(row["固定资产投资"])
    for y in funds:
        if row["到位资金_" + y]: funds[y] += float(row["到位资金_" + y])
if abs(tot["fixed_asset_invest_wan"] - inv) > 1e-6 * inv: fail("totals.fixed_asset_invest_wan %.2f vs %.2f from the ledger" % (tot["fixed_asset_invest_wan"], inv))
for y in funds:
    if abs(tot["funds_wan_by_year"][y] - funds[y]) > 1e-6 * funds[y]: fail("funds %s: %.2f vs %.2f" % (y, tot["funds_wan_by_year"][y], funds[y]))
if tot["project_count"] != nproj: fail("project_count %d vs %d rows" % (tot["project_count"], nproj))
for z in rep["zones"]:
    if z["invest_intensity_wan_per_mu"] is not None and z["industrial_with_figures_mu"] > 0:
        pass
# 3. planted defects: exactly the manifest ids at warning/error level
probs = json.load(open(T + "/check.json"))["problems"]
flagged = {p["id"] for p in probs if p["severity"] in ("warning", "error")}
want = {d["id"] for d in json.load(open("gis-data/manifest.json", encoding="utf-8"))["defects"]}
if want - flagged: fail("manifest ids not reported: %s" % sorted(want - flagged)[:5])
if flagged - want: fail("ids reported beyond the manifest: %s" % sorted(flagged - want)[:5])
for p in probs:
    for k in ("kind", "severity", "layer", "id", "lon", "lat", "message"):
        if k not in p: fail("problem record lacks %s" % k)
# 4. files written
g = ogr.Open(T + "/problems.gpkg"); l = g.GetLayerByName("problems")
if l is None or l.GetFeatureCount() != len(probs): fail("problems.gpkg does not hold the %d problems" % len(probs))
x = ogr.Open(T + "/report.xlsx"); xl = x.GetLayer(0)
if xl.GetFeatureCount() != len(rep["zones"]) + 1: fail("report.xlsx rows %d" % xl.GetFeatureCount())
print("ledger_import: ok: %d parcels, %.1f mu, invest %.1f wan, %d planted ids exactly" % (n, tot["area_mu"], inv, len(want)))
PYEOF
