#!/bin/bash
# Context under and over the map. render --basemap: a GeoTIFF in another CRS (EPSG:4545) is warped under the map
# (its pixels show where the parcels leave room, the zone fills are left out over it), --basemap-grey takes its
# colour away, nothing is written beside the user's raster, a file that is no georeferenced raster is refused
# with exit 3. import --reference: a road (GeoPackage, EPSG:4545) is drawn across the map in its style's colour,
# and the report does not change (zones and parcels untouched); a layer without CRS is refused.
# usage: render_context.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T/rasters"
fail() { echo "render_context: FAIL: $*"; exit 1; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
cd "$SRC" || exit 1
T="$T" $PY - <<'PYEOF' || fail "could not write the test raster"
import os, numpy as np
from osgeo import gdal, ogr
T = os.environ["T"]
ds = ogr.Open("gis-data/zones.shp"); l = ds.GetLayer(0)  # keep the dataset alive while its layer is used
for f in l:
    if f.GetField("CODE") == "GY-ETDZ": minx, maxx, miny, maxy = f.GetGeometryRef().GetEnvelope()
minx -= 3000; maxx += 3000; miny -= 3000; maxy += 3000
r = gdal.GetDriverByName("GTiff").Create(T + "/rasters/magenta.tif", 256, 256, 3, gdal.GDT_Byte)
r.SetGeoTransform((minx, (maxx - minx) / 256, 0, maxy, 0, -(maxy - miny) / 256)); r.SetProjection(l.GetSpatialRef().ExportToWkt())
for b, v in ((1, 255), (2, 0), (3, 255)): r.GetRasterBand(b).WriteArray(np.full((256, 256), v, np.uint8))
r = None
for name, srs in (("road", l.GetSpatialRef()), ("nocrs", None)):
    v = ogr.GetDriverByName("GPKG").CreateDataSource(T + "/%s.gpkg" % name)
    rl = v.CreateLayer("roads", srs, ogr.wkbLineString)
    rl.CreateField(ogr.FieldDefn("NAME", ogr.OFTString))
    f = ogr.Feature(rl.GetLayerDefn()); f.SetField("NAME", "测试大道")
    y = (miny + maxy) / 2
    f.SetGeometry(ogr.CreateGeometryFromWkt("LINESTRING(%f %f,%f %f)" % (minx, y, maxx, y))); rl.CreateFeature(f); v = None
open(T + "/road.json", "w").write('{"color": "#00C8FF", "width_px": 4, "label_field": "NAME"}')
PYEOF
echo "not a raster" >"$T/rasters/notes.tif"
before=$(find "$T/rasters" -printf '%f %s %T@\n' | sort | md5sum)
render() { env -u DISPLAY "$PA" render -w "$WS" --zone GY-ETDZ --theme compliance --size 960x540 "$@"; }
render --out "$T/plain.png" >/dev/null 2>&1 || fail "render"
render --basemap "$T/rasters/magenta.tif" --out "$T/base.png" >/dev/null 2>"$T/base.err" || fail "render --basemap: $(cat "$T/base.err")"
render --basemap "$T/rasters/magenta.tif" --basemap-grey --out "$T/grey.png" >/dev/null 2>&1 || fail "render --basemap-grey"
set +e
render --basemap "$T/rasters/notes.tif" --out "$T/bad.png" >/dev/null 2>"$T/bad.err"; rc=$?
set -e
[ $rc = 3 ] && grep -q "notes.tif" "$T/bad.err" || fail "a file that is no raster: exit $rc, $(cat "$T/bad.err")"
[ "$(find "$T/rasters" -printf '%f %s %T@\n' | sort | md5sum)" = "$before" ] || fail "render wrote beside the user's raster: $(ls "$T/rasters")"
# reference layers
"$PA" report -w "$WS" --format json >"$T/report0.json" 2>/dev/null
"$PA" import -w "$WS" --reference "$T/road.gpkg" --name 道路 --style "$T/road.json" >"$T/ref.out" 2>&1 || fail "import --reference: $(cat "$T/ref.out")"
"$PA" report -w "$WS" --format json >"$T/report1.json" 2>/dev/null
cmp -s "$T/report0.json" "$T/report1.json" || fail "importing a reference layer changed the report"
set +e
"$PA" import -w "$WS" --reference "$T/nocrs.gpkg" >/dev/null 2>"$T/nocrs.err"; rc=$?
set -e
[ $rc = 3 ] && grep -q "coordinate reference system" "$T/nocrs.err" || fail "a reference layer without CRS: exit $rc, $(cat "$T/nocrs.err")"
render --out "$T/ref.png" >/dev/null 2>&1 || fail "render with a reference layer"
# a print-ready PDF page: A4 landscape by default, A3 portrait on request, title and note as real text
env -u DISPLAY "$PA" render -w "$WS" --theme invest_intensity --out "$T/map.pdf" >/dev/null 2>"$T/pdf.err" || fail "render --out map.pdf: $(cat "$T/pdf.err")"
env -u DISPLAY "$PA" render -w "$WS" --theme compliance --zone GANA --out "$T/a3.pdf" --paper a3 --orientation portrait --lang en >/dev/null 2>&1 || fail "render --paper A3 --orientation portrait"
if command -v pdfinfo >/dev/null; then
  pdfinfo "$T/map.pdf" | grep -Eq "Page size: +841.89 x 595.28 pts" || fail "map.pdf is not A4 landscape: $(pdfinfo "$T/map.pdf" | grep 'Page size')"
  pdfinfo "$T/a3.pdf" | grep -Eq "Page size: +841.89 x 1190.55 pts" || fail "a3.pdf is not A3 portrait: $(pdfinfo "$T/a3.pdf" | grep 'Page size')"
  pdftotext "$T/map.pdf" - | grep -q "示意图" || fail "map.pdf has no text layer with the 示意图 note"
  pdftotext "$T/a3.pdf" - | grep -q "Gui'an New Area" || fail "a3.pdf has no English title as text"
  pdftoppm -r 40 -png -singlefile "$T/map.pdf" "$T/page" || fail "map.pdf does not render"
fi
set +e
env -u DISPLAY "$PA" render -w "$WS" --out "$T/b5.pdf" --paper B5 >/dev/null 2>"$T/b5.err"; rc=$?
set -e
[ $rc = 3 ] && grep -q "A4, A3, A2, A1 or A0" "$T/b5.err" || fail "--paper B5: exit $rc, $(cat "$T/b5.err")"
T="$T" $PY - <<'PYEOF' || exit 1
import os, sys
import numpy as np
from PIL import Image
T = os.environ["T"]
def fail(m): print("render_context: FAIL:", m); sys.exit(1)
def magenta(p):
    a = np.asarray(Image.open(p).convert("RGB")).astype(int)
    return int(((a[..., 0] > 200) & (a[..., 1] < 80) & (a[..., 2] > 200)).sum()), a.shape[0] * a.shape[1]
m0, n = magenta(T + "/plain.png"); m1, _ = magenta(T + "/base.png"); mg, _ = magenta(T + "/grey.png")
if m1 - m0 < 0.10 * n: fail("the basemap shows on %d more pixels only (of %d)" % (m1 - m0, n))
if mg > m0 + 0.001 * n: fail("--basemap-grey still draws magenta (%d pixels)" % mg)
a = np.asarray(Image.open(T + "/ref.png").convert("RGB")).astype(int)
cyan = (a[..., 0] < 40) & (a[..., 1] > 170) & (a[..., 2] > 220)
cols = int((cyan.sum(axis=0) > 0).sum())  # the road runs west-east (slightly tilted: grid convergence)
if cols < 0.6 * a.shape[1]: fail("the reference road is not drawn across the map (cyan in %d of %d columns)" % (cols, a.shape[1]))
print("render_context: ok: basemap on %.0f%% of the picture, grey variant colourless, input folder untouched; road across %d columns" % (100.0 * (m1 - m0) / n, cols))
PYEOF
