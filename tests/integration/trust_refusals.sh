#!/bin/bash
# Integration: inputs that used to destroy or silently replace data are refused with a sentence naming the file
# (exit 3/4, never "internal error") and leave the workspace and the input folders exactly as they were; outputs
# are written whole or not at all; option values and ledger values that cannot be read are refused or recorded.
# Usage: trust_refusals.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
cd "$SRC" || exit 1
fail() { echo "trust_refusals: FAIL: $*"; exit 1; }
WS=$T/ws.sqlite
"$PA" import -w "$WS" --zones gis-data/zones.shp --parcels gis-data/parcels_guian.gpkg \
  --parcels gis-data/parcels_guiyang.shp --ledger gis-data/projects.xlsx >/dev/null 2>&1 || fail "sample import"
md5_before=$(md5sum <"$WS")
unchanged() { [ "$(md5sum <"$WS")" = "$md5_before" ] || fail "$1: the workspace file changed"; }
# refused NAME WORD ARGS...: exit 3 or 4, the message names WORD, no "internal error", the workspace unchanged
refused() {
  local name=$1 word=$2; shift 2
  "$@" >"$T/$name.out" 2>"$T/$name.err" </dev/null; local rc=$?
  { [ $rc = 3 ] || [ $rc = 4 ]; } || fail "$name: exit $rc, expected 3 or 4 ($(head -c 300 "$T/$name.err"))"
  grep -qF -- "$word" "$T/$name.err" || fail "$name: the message does not name '$word': $(head -c 300 "$T/$name.err")"
  ! grep -q "internal error" "$T/$name.err" || fail "$name: an internal error"
  unchanged "$name"
  echo "  $name: exit $rc: $(head -c 200 "$T/$name.err" | tr '\n' ' ')"
}

# 1. Shapefiles with a missing, empty or truncated .dbf.
mkdir -p "$T/nodbf"; for e in shp shx prj cpg; do cp gis-data/parcels_guiyang.$e "$T/nodbf/p.$e"; done
refused nodbf "p.dbf' is missing" "$PA" import -w "$WS" --parcels "$T/nodbf/p.shp"
: >"$T/nodbf/p.dbf"
refused emptydbf "empty or damaged" "$PA" import -w "$WS" --parcels "$T/nodbf/p.shp"
head -c 30000 gis-data/parcels_guiyang.dbf >"$T/nodbf/p.dbf"
refused truncdbf "truncated" "$PA" import -w "$WS" --parcels "$T/nodbf/p.shp"

# 2. A shapefile without .shx is read, and its folder stays byte for byte as it was.
mkdir -p "$T/noshx"; for e in shp dbf prj cpg; do cp gis-data/parcels_guiyang.$e "$T/noshx/p.$e"; done
chmod -R a-w "$T/noshx" 2>/dev/null
folder_sum() { (find "$1" -printf "%p %s %T@ %m\n" | sort; cat "$1"/*) | md5sum; }
sum_before=$(folder_sum "$T/noshx")
cp "$WS" "$T/w_noshx.sqlite"
"$PA" import -w "$T/w_noshx.sqlite" --parcels "$T/noshx/p.shp" >"$T/noshx.out" 2>&1 || fail "noshx: $(tail -n 2 "$T/noshx.out")"
grep -q "stored=3330" "$T/noshx.out" || fail "noshx: not all 3330 parcels stored: $(head -n 1 "$T/noshx.out")"
[ "$(folder_sum "$T/noshx")" = "$sum_before" ] || fail "noshx: the input folder changed"
chmod -R u+w "$T/noshx"
# The same delivered as a zip (the usual way): read from a private copy too.
(cd "$T/noshx" && zip -q ../noshx.zip p.shp p.dbf p.prj p.cpg) || fail "zipping the shapefile"
zip_sum=$(md5sum <"$T/noshx.zip")
"$PA" import -w "$T/w_zip.sqlite" --parcels "$T/noshx.zip" 2>&1 | grep -q "stored=3330" || fail "a zipped shapefile without .shx"
[ "$(md5sum <"$T/noshx.zip")" = "$zip_sum" ] || fail "importing a zip changed it"

# 2b. Shapefiles are matched by their whole name: p.shp without .shx beside p.z.shp, a folder with zparcels.dbf.
mkdir -p "$T/sh" "$T/dir"
for e in shp dbf prj cpg; do cp gis-data/parcels_guiyang.$e "$T/sh/p.$e"; done
for e in shp shx dbf prj cpg; do cp gis-data/zones.$e "$T/sh/p.z.$e"; cp gis-data/parcels_guiyang.$e "$T/dir/parcels.$e"; cp gis-data/zones.$e "$T/dir/zparcels.$e"; done
"$PA" import -w "$T/w_sh.sqlite" --parcels "$T/sh/p.shp" 2>&1 | grep -q "stored=3330" || fail "p.shp beside p.z.shp"
"$PA" import -w "$T/w_dir.sqlite" --parcels "$T/dir::parcels" 2>&1 | grep -q "stored=3330" || fail "a folder with zparcels.dbf"

# 3. A layer whose every geometry is unusable, and one far from China (three ways a CRS goes wrong).
$PY - "$T" <<'PYEOF' || fail "writing the test layers"
import sys, json
from osgeo import ogr, osr
t = sys.argv[1]
srs = osr.SpatialReference(); srs.ImportFromEPSG(4545)
ds = ogr.GetDriverByName("GPKG").CreateDataSource(t + "/allnan.gpkg"); l = ds.CreateLayer("p", srs, ogr.wkbPolygon)
l.CreateField(ogr.FieldDefn("ZDDM", ogr.OFTString))
for i in range(3):
    f = ogr.Feature(l.GetLayerDefn()); f.SetField("ZDDM", "NAN%d" % i)
    r = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in ((float("nan"), 1.0), (2.0, float("nan")), (float("nan"), float("nan")), (float("nan"), 1.0)): r.AddPoint_2D(x, y)
    g = ogr.Geometry(ogr.wkbPolygon); g.AddGeometry(r); f.SetGeometry(g); l.CreateFeature(f)
ds = None
def square(x, y, d): return [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]
def fc(coords): return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"ZDDM": "F1"}, "geometry": {"type": "Polygon", "coordinates": coords}}]}
json.dump(fc(square(0, 0, 0.01)), open(t + "/far.geojson", "w"))
json.dump(fc(square(26.6, 106.7, 0.01)), open(t + "/swapped.geojson", "w"))
# Gauss-Kruger metres under a WGS84 .prj
sr = osr.SpatialReference(); sr.ImportFromEPSG(4326)
ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(t + "/metres.shp"); l = ds.CreateLayer("metres", sr, ogr.wkbPolygon)
l.CreateField(ogr.FieldDefn("ZDDM", ogr.OFTString))
f = ogr.Feature(l.GetLayerDefn()); f.SetField("ZDDM", "M1")
f.SetGeometry(ogr.CreateGeometryFromJson(json.dumps({"type": "Polygon", "coordinates": square(600000, 2940000, 100)}))); l.CreateFeature(f)
ds = None
PYEOF
refused allnan "allnan.gpkg" "$PA" import -w "$WS" --parcels "$T/allnan.gpkg"
refused far "far.geojson" "$PA" import -w "$WS" --parcels "$T/far.geojson"
refused swapped "look swapped" "$PA" import -w "$WS" --parcels "$T/swapped.geojson"
refused metres "metres, not degrees" "$PA" import -w "$WS" --parcels "$T/metres.shp"
"$PA" import -w "$T/new.sqlite" --parcels "$T/far.geojson" >/dev/null 2>&1
! compgen -G "$T/new.sqlite*" >/dev/null || fail "a refused import into a new workspace left $(ls "$T"/new.sqlite*)"

# 4. Zones with a duplicate code name both features; a zone threshold that is no number is refused.
$PY - gis-data/zones.shp "$T" <<'PYEOF' || fail "writing the zone layers"
import sys
from osgeo import ogr, gdal
gdal.SetConfigOption("SHAPE_ENCODING", "")
src = ogr.Open(sys.argv[1])
for name in ("zdup",):
    ds = ogr.GetDriverByName("ESRI Shapefile").CopyDataSource(src, sys.argv[2] + "/" + name + ".shp")
    l = ds.GetLayer(0); f1 = l.GetFeature(1)
    if name == "zdup": f1.SetField("CODE", l.GetFeature(0).GetField("CODE"))
    else: f1.SetField(f1.GetFieldIndex("THRESHOLD") if f1.GetFieldIndex("THRESHOLD") >= 0 else 4, "abc")
    l.SetFeature(f1); ds = None
PYEOF
cp gis-data/zones.cpg "$T/zdup.cpg"
refused zdup "features 0 and 1" "$PA" import -w "$WS" --zones "$T/zdup.shp"

# 4b. A blank threshold is no threshold (the level's applies); a workspace another program holds open still imports.
$PY - "$T" <<'PYEOF' || fail "writing the blank-threshold zones"
import json, sys
sq = lambda x, y, d: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]
fs = [{"type": "Feature", "properties": {"CODE": "Z%d" % i, "NAME": "园区%d" % i, "LEVEL": "省级", "THRESHOLD": v},
       "geometry": {"type": "Polygon", "coordinates": sq(106.6 + i * 0.1, 26.5, 0.05)}} for i, v in enumerate(["", "-", 350])]
json.dump({"type": "FeatureCollection", "features": fs}, open(sys.argv[1] + "/zblank.geojson", "w"), ensure_ascii=False)
PYEOF
"$PA" import -w "$T/w_blank.sqlite" --zones "$T/zblank.geojson" >"$T/zblank.out" 2>&1 || fail "zones with a blank threshold refused: $(tail -n 1 "$T/zblank.out")"
cp "$WS" "$T/w_busy.sqlite"
$PY -c "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); c.execute('select count(*) from meta').fetchall(); time.sleep(8)" "$T/w_busy.sqlite" &
holder=$!; sleep 1
"$PA" import -w "$T/w_busy.sqlite" --zones gis-data/zones.shp >"$T/busy.out" 2>&1 || { kill $holder; fail "import beside an open connection: $(tail -n 1 "$T/busy.out")"; }
kill $holder 2>/dev/null; wait $holder 2>/dev/null

# 5. Outputs that are the workspace, an input or a folder are refused; the workspace and the folder survive.
refused out_ws "is the same file as" "$PA" check -w "$WS" --out "$WS"
refused out_ws_cluster "is the same file as" "$PA" cluster -w "$WS" --out "$T/../$(basename "$T")/ws.sqlite"
refused out_ws_screenshot "is the same file as" "$PA" view "$WS" --frames 1 --screenshot "$WS"
mkdir -p "$T/dir.xlsx"
refused out_dir "is a directory" "$PA" report -w "$WS" --out "$T/dir.xlsx"
[ -d "$T/dir.xlsx" ] || fail "report --out DIR.xlsx deleted the folder"

# 6. A write that fails (the file-size limit stands in for a full disk: 50 KB is above the workspace's -shm file and
# below the outputs) leaves the previous file and no half file; an XLSX that GDAL zips without noticing the error is
# caught by reading it back.
"$PA" supply -w "$WS" --vacant --min-mu 1 --out "$T/v.xlsx" >/dev/null 2>&1 || fail "supply --vacant --out v.xlsx"
"$PA" render -w "$WS" --theme compliance --size 1200x900 --out "$T/m.png" >/dev/null 2>&1 || fail "render"
[ "$(stat -c %s "$T/v.xlsx")" -gt 51200 ] && [ "$(stat -c %s "$T/m.png")" -gt 51200 ] || fail "outputs too small to test"
v_sum=$(md5sum <"$T/v.xlsx"); m_sum=$(md5sum <"$T/m.png")
( ulimit -f 50; trap '' XFSZ; "$PA" supply -w "$WS" --vacant --min-mu 1 --out "$T/v.xlsx" ) >"$T/full_v.out" 2>"$T/full_v.err"; rc=$?
{ [ $rc = 3 ] || [ $rc = 4 ]; } || fail "an XLSX onto a full disk: exit $rc ($(head -c 200 "$T/full_v.err"))"
( ulimit -f 50; trap '' XFSZ; "$PA" render -w "$WS" --theme invest_intensity --size 1200x900 --out "$T/m.png" ) >"$T/full_m.out" 2>"$T/full_m.err"; rc=$?
{ [ $rc = 3 ] || [ $rc = 4 ]; } || fail "render onto a full disk: exit $rc ($(head -c 200 "$T/full_m.err"))"
grep -q "wrote" "$T/full_m.err" && fail "render onto a full disk said it wrote the file"
[ "$(md5sum <"$T/v.xlsx")" = "$v_sum" ] || fail "a failed XLSX write changed the previous file"
[ "$(md5sum <"$T/m.png")" = "$m_sum" ] || fail "a failed render changed the previous file"
! compgen -G "$T/.*part-*" >/dev/null || fail "a failed write left a temporary file: $(ls -a "$T" | grep part)"
echo "  full disk: XLSX and PNG refused, previous files intact"
# A link stays a link (the file it points to is replaced, keeping its permissions); /dev/stdout is written in place.
echo old >"$T/real.csv"; chmod 600 "$T/real.csv"; ln -sf real.csv "$T/lnk.csv"
"$PA" report -w "$WS" --out "$T/lnk.csv" >/dev/null 2>&1 || fail "report --out a link"
[ -L "$T/lnk.csv" ] && [ "$(stat -c %a "$T/real.csv")" = 600 ] && grep -q ALL "$T/real.csv" || fail "report --out a link"
"$PA" render -w "$WS" --size 400x300 --out "$T/s.png" --legend-json /dev/stdout >"$T/legend.json" 2>/dev/null || fail "--legend-json /dev/stdout"
$PY -c "import json,sys; json.load(open(sys.argv[1]))" "$T/legend.json" || fail "--legend-json /dev/stdout wrote no JSON"

# 7. Numbers on options must be finite and breaks ordered.
"$PA" import -w "$T/w_nan.sqlite" --zones gis-data/zones.shp --new-area-threshold nan >/dev/null 2>"$T/nan.err"; rc=$?
{ [ $rc = 2 ] || [ $rc = 3 ]; } || fail "--new-area-threshold nan: exit $rc"
[ ! -e "$T/w_nan.sqlite" ] || fail "--new-area-threshold nan created a workspace"
for b in "5,3,nan" "5,3" "1,inf"; do
  "$PA" render -w "$WS" --method manual --breaks "$b" --out "$T/b.png" >/dev/null 2>"$T/breaks.err"; rc=$?
  [ $rc = 3 ] || fail "--breaks $b: exit $rc"
done
"$PA" render -w "$WS" --size 40000x100 --out "$T/huge.png" >/dev/null 2>"$T/huge.err"; rc=$?
[ $rc = 3 ] && grep -q "16384" "$T/huge.err" || fail "render --size 40000x100: exit $rc: $(head -c 200 "$T/huge.err")"
"$PA" cluster -w "$WS" --threads 100000 --format json >/dev/null 2>"$T/threads.err" || fail "cluster --threads 100000: $(head -c 200 "$T/threads.err")"

# 8. Ledger values that cannot be read are recorded as problems naming the row and the column; 万/亿 are read.
$PY - "$T" <<'PYEOF' || fail "writing the ledger with odd values"
import csv, sys
rows = list(csv.reader(open("gis-data/projects.csv", encoding="utf-8-sig")))
h = rows[0]; inv = h.index("固定资产投资(万元)") if "固定资产投资(万元)" in h else next(i for i, c in enumerate(h) if "固定资产" in c)
sign = next(i for i, c in enumerate(h) if "签约" in c)
vals = ["12万", "abc", "1.5亿", "inf", "-500", "1e308"]
for k, v in enumerate(vals): rows[1 + k][inv] = v
rows[10][sign] = "2023-02-30"; rows[11][sign] = "昨天"
csv.writer(open(sys.argv[1] + "/odd.csv", "w", encoding="utf-8-sig", newline="")).writerows(rows)
print(rows[1][h.index("项目编号")], rows[3][h.index("项目编号")], file=open(sys.argv[1] + "/odd_ids", "w"))
PYEOF
cp "$WS" "$T/w_odd.sqlite"
"$PA" import -w "$T/w_odd.sqlite" --ledger "$T/odd.csv" >"$T/odd.out" 2>&1 || fail "ledger with odd values refused: $(tail -n 1 "$T/odd.out")"
"$PA" check -w "$T/w_odd.sqlite" --lang en --format json >"$T/odd.json" 2>/dev/null
$PY - "$T/odd.json" <<'PYEOF' || fail "odd ledger values"
import json, sys
d = json.load(open(sys.argv[1])); ps = d["problems"] if isinstance(d, dict) else d
msgs = [p.get("message", p.get("message_en", "")) for p in ps if p["kind"] == "unreadable_value"]
for word in ("'abc' is not a number", "'inf'", "'-500' is out of range", "'1e308' is out of range", "'2023-02-30' is not a date", "'昨天' is not a date"):
    if not any(word in m for m in msgs): print("no problem saying", word, "in", msgs[:8]); sys.exit(1)
if any("12万" in m or "1.5亿" in m for m in msgs): print("12万 / 1.5亿 were not read:", msgs); sys.exit(1)
if not all("Row " in m and "column " in m for m in msgs): print("a message without row/column:", msgs); sys.exit(1)
PYEOF
echo "  ledger values: unreadable ones recorded, 万/亿 read"

# 9. A UTF-8 .dbf without .cpg holding one character cut in half stays UTF-8; the value is recorded, stored valid.
$PY - "$T" <<'PYEOF' || fail "writing the cut-character dbf"
import sys
from osgeo import ogr, osr, gdal
t = sys.argv[1]
srs = osr.SpatialReference(); srs.ImportFromEPSG(4545)
ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(t + "/cut.shp", options=["ENCODING=UTF-8"])
l = ds.CreateLayer("cut", srs, ogr.wkbPolygon, options=["ENCODING=UTF-8"])
l.CreateField(ogr.FieldDefn("ZDDM", ogr.OFTString)); fd = ogr.FieldDefn("ZL", ogr.OFTString); fd.SetWidth(40); l.CreateField(fd)
for i in range(20):
    f = ogr.Feature(l.GetLayerDefn()); f.SetField("ZDDM", "CUT%02d" % i); f.SetField("ZL", "贵阳市观山湖区金阳大道%d号" % i)
    x = 600000 + i * 200
    f.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON((%d 2940000,%d 2940000,%d 2940100,%d 2940100,%d 2940000))" % (x, x + 100, x + 100, x, x)))
    l.CreateFeature(f)
ds = None
import os
for e in ("cpg",):
    if os.path.exists(t + "/cut." + e): os.remove(t + "/cut." + e)
b = bytearray(open(t + "/cut.dbf", "rb").read()); b[29] = 0   # no LDID either
i = b.find("金阳".encode("utf-8")); b[i + 1] = 0x20             # cut the first character in half
open(t + "/cut.dbf", "wb").write(bytes(b))
PYEOF
"$PA" import -w "$T/w_cut.sqlite" --parcels "$T/cut.shp" >"$T/cut.out" 2>&1 || fail "cut: $(tail -n 1 "$T/cut.out")"
grep -q "encoding=UTF-8" "$T/cut.out" || fail "cut: the layer was not read as UTF-8: $(head -n 1 "$T/cut.out")"
"$PA" check -w "$T/w_cut.sqlite" --lang en --format json >"$T/cut.json" 2>/dev/null
grep -q "unreadable_value" "$T/cut.json" || fail "cut: the cut character was not recorded"
"$PA" report -w "$T/w_cut.sqlite" --format json >/dev/null 2>"$T/cut_report.err" || fail "cut: report failed: $(head -c 200 "$T/cut_report.err")"

# 9b. A ledger CSV saved as GBK (Excel's "CSV" on a Chinese Windows) is recoded, not refused with a garbled field list.
$PY -c "import sys; open(sys.argv[2], 'wb').write(open(sys.argv[1], encoding='utf-8-sig').read().encode('gbk'))" \
  gis-data/projects.csv "$T/gbk.csv" || fail "writing the GBK ledger"
cp "$WS" "$T/w_gbk.sqlite"
"$PA" import -w "$T/w_gbk.sqlite" --ledger "$T/gbk.csv" >"$T/gbk.out" 2>&1 || fail "GBK ledger: $(tail -n 1 "$T/gbk.out")"
grep -q "encoding=CP936" "$T/gbk.out" || fail "GBK ledger: not read as CP936: $(head -n 1 "$T/gbk.out")"
utf8_links=$(sqlite3 "$WS" "SELECT count(*) FROM links")
grep -q "项目-宗地关联 $utf8_links 条" "$T/gbk.out" || fail "GBK ledger: links differ from the UTF-8 ledger's $utf8_links: $(grep workspace "$T/gbk.out")"

# 10. CSV outputs never hold a cell that a spreadsheet runs as a formula.
$PY - "$T" <<'PYEOF' || fail "writing the formula ledger"
import csv, sys
rows = list(csv.reader(open("gis-data/projects.csv", encoding="utf-8-sig")))
h = rows[0]; cols = [i for i, c in enumerate(h) if "名称" in c]
for k, r in enumerate(rows[1:20]):
    for i in cols: r[i] = ["=1+1", "+cmd", "-2+3+cmd", "@SUM(1)"][k % 4]
csv.writer(open(sys.argv[1] + "/formula.csv", "w", encoding="utf-8-sig", newline="")).writerows(rows)
PYEOF
cp "$WS" "$T/w_f.sqlite"
"$PA" import -w "$T/w_f.sqlite" --ledger "$T/formula.csv" >/dev/null 2>&1 || fail "formula ledger"
"$PA" projects -w "$T/w_f.sqlite" --out "$T/p.csv" >/dev/null 2>&1
"$PA" check -w "$T/w_f.sqlite" --out "$T/c.csv" >/dev/null 2>&1
for f in p.csv c.csv; do
  $PY - "$T/$f" <<'PYEOF' || fail "$f holds a formula cell"
import csv, re, sys
num = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
for row in csv.reader(open(sys.argv[1], encoding="utf-8-sig")):
    for c in row:
        if c[:1] and c[:1] in "=+-@\t\r" and c != "-" and not num.fullmatch(c): print(c); sys.exit(1)
PYEOF
done

# 11. Unreadable workspaces and inputs say why.
md5_before=$(md5sum <"$WS")  # cluster (step 7) stores its run in the workspace
P=$(mktemp -d); chmod 755 "$P"; cp gis-data/parcels_guian.gpkg "$P/locked.gpkg"; chmod 000 "$P/locked.gpkg"
# As root, permissions are tried as the user nobody, which must be able to run the binary (not under /root).
if [ "$(id -u)" = 0 ] && ! runuser -u nobody -- "$PA" --version >/dev/null 2>&1; then
  echo "  permissions: skipped (the user nobody cannot run $PA here)"
elif [ "$(id -u)" = 0 ]; then
  refused perm "permission denied" runuser -u nobody -- "$PA" import -w "$P/nobody.sqlite" --parcels "$P/locked.gpkg"
else
  refused perm "permission denied" "$PA" import -w "$WS" --parcels "$P/locked.gpkg"
fi
# A workspace in a folder the user may not write: reading works, an import says why it cannot write.
if [ "$(id -u)" != 0 ] || runuser -u nobody -- "$PA" --version >/dev/null 2>&1; then
mkdir -p "$P/ro"; cp "$WS" "$P/ro/ws.sqlite"; chmod 644 "$P/ro/ws.sqlite"; chmod 555 "$P/ro"
AS=(); [ "$(id -u)" = 0 ] && AS=(runuser -u nobody --)
"${AS[@]}" "$PA" report -w "$P/ro/ws.sqlite" --format json >"$T/ro.json" 2>"$T/ro.err" || fail "report on a read-only folder: $(head -c 200 "$T/ro.err")"
"${AS[@]}" "$PA" import -w "$P/ro/ws.sqlite" --zones gis-data/zones.shp >/dev/null 2>"$T/ro_import.err"; rc=$?
[ $rc = 4 ] && grep -q "cannot be written" "$T/ro_import.err" || fail "import into a read-only folder: exit $rc: $(head -c 200 "$T/ro_import.err")"
chmod 755 "$P/ro"
fi
rm -rf "$P"
head -c 4096 "$WS" >"$T/corrupt.sqlite"; head -c 100000 /dev/urandom >>"$T/corrupt.sqlite"
"$PA" report -w "$T/corrupt.sqlite" >/dev/null 2>"$T/corrupt.err"; rc=$?
[ $rc = 4 ] || fail "a damaged workspace: exit $rc ($(head -c 200 "$T/corrupt.err"))"
echo "trust_refusals: ok"
