#!/bin/bash
# Registered basemaps (import --basemap): a 5000x5000 GeoTIFF without overviews gets them built in the user's
# cache folder (XDG_CACHE_HOME), never beside the file; render and animate draw the registered basemap, and
# --no-basemaps leaves it out; a basemap that cannot be reached is skipped with a note (exit 0); an XYZ tile
# folder (gdal2tiles --xyz) is drawn where its raster was, and registered as GCJ-02 tiles it is shifted by the
# GCJ-02 offset; `layers` lists and removes them; bad inputs are refused with exit 3 and the report never
# changes.
# usage: basemap_registry.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T/rasters" "$T/cache"
export XDG_CACHE_HOME=$T/cache
fail() { echo "basemap_registry: FAIL: $*"; exit 1; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
"$PA" report -w "$WS" --format json >"$T/report0.json" 2>/dev/null
cd "$SRC" || exit 1
T="$T" $PY - <<'PYEOF' || fail "could not write the test rasters"
import os, numpy as np
from osgeo import gdal, ogr
T = os.environ["T"]
ds = ogr.Open("gis-data/zones.shp"); l = ds.GetLayer(0)
for f in l:
    if f.GetField("CODE") == "GY-ETDZ": minx, maxx, miny, maxy = f.GetGeometryRef().GetEnvelope()
minx -= 3000; maxx += 3000; miny -= 3000; maxy += 3000
def write(path, w, h, opts):
    r = gdal.GetDriverByName("GTiff").Create(path, w, h, 3, gdal.GDT_Byte, opts)
    r.SetGeoTransform((minx, (maxx - minx) / w, 0, maxy, 0, -(maxy - miny) / h)); r.SetProjection(l.GetSpatialRef().ExportToWkt())
    for b, v in ((1, 255), (2, 0), (3, 255)): r.GetRasterBand(b).Fill(v)
    r = None
write(T + "/rasters/big.tif", 5000, 5000, ["TILED=YES", "COMPRESS=DEFLATE"])
# a small magenta square in the middle of the zone, for the tile folder
cx, cy = (minx + maxx) / 2, (miny + maxy) / 2; minx, maxx, miny, maxy = cx - 2000, cx + 2000, cy - 2000, cy + 2000
write(T + "/square.tif", 400, 400, [])
PYEOF
gdal2tiles.py -q --xyz -z 11-14 -w none --processes=1 "$T/square.tif" "$T/tiles" >/dev/null 2>&1 || fail "gdal2tiles failed"
listing() { find "$T/rasters" -printf '%f %s %T@\n' | sort | md5sum; }
before=$(listing)
magenta() { T="$T" $PY -c "
import sys, numpy as np; from PIL import Image
a = np.asarray(Image.open(sys.argv[1]).convert('RGB')).astype(int)
m = (a[...,0] > 200) & (a[...,1] < 80) & (a[...,2] > 200)
xs = np.where(m.any(axis=0))[0]
print(int(m.sum()), int(xs.min()) if len(xs) else -1, int(xs.max()) if len(xs) else -1)" "$1"; }
render() { env -u DISPLAY "$PA" render -w "$1" --zone GY-ETDZ --theme compliance --size 960x540 --out "$2" "${@:3}"; }

"$PA" import -w "$WS" --basemap "$T/rasters/big.tif" --name 影像 >"$T/bm.out" 2>"$T/bm.err" || fail "import --basemap: $(cat "$T/bm.err")"
grep -q "影像" "$T/bm.out" || fail "import --basemap does not say what it registered: $(cat "$T/bm.out")"
ls "$T/cache/parkatlas/basemaps/"*.ovr >/dev/null 2>&1 || fail "no overviews were built in the cache folder"
[ "$(listing)" = "$before" ] || fail "import --basemap wrote beside the user's raster: $(ls "$T/rasters")"
"$PA" layers -w "$WS" --format json >"$T/layers.json" || fail "layers --format json failed"
grep -q '"reachable": true' "$T/layers.json" || fail "layers does not list the basemap as reachable: $(cat "$T/layers.json")"
render "$WS" "$T/with.png" 2>"$T/r.err" || fail "render with a registered basemap: $(cat "$T/r.err")"
render "$WS" "$T/without.png" --no-basemaps 2>/dev/null || fail "render --no-basemaps failed"
read -r m1 _ _ <<<"$(magenta "$T/with.png")"; read -r m0 _ _ <<<"$(magenta "$T/without.png")"
[ "$m1" -gt $((960 * 540 / 10)) ] && [ "$m0" -lt 1000 ] || fail "registered basemap: $m1 magenta pixels with it, $m0 with --no-basemaps"
env -u DISPLAY "$PA" animate -w "$WS" --zone GY-ETDZ --from 2021-01 --to 2021-01 --size 320x180 --out "$T/a.gif" 2>/dev/null || fail "animate with a basemap failed"
[ "$(listing)" = "$before" ] || fail "render wrote beside the user's raster"

# the viewer draws the registered basemap under the parcels and a reference layer over them, and the layers
# panel's toggles (here: none) keep them; a still screenshot waits for the basemap's warp
if command -v xvfb-run >/dev/null; then
  T="$T" $PY - <<'PYEOF' || fail "could not write the test road"
import os
from osgeo import ogr
T = os.environ["T"]
ds = ogr.Open("gis-data/zones.shp"); l = ds.GetLayer(0)
for f in l:
    if f.GetField("CODE") == "GY-ETDZ": minx, maxx, miny, maxy = f.GetGeometryRef().GetEnvelope()
v = ogr.GetDriverByName("GPKG").CreateDataSource(T + "/road.gpkg")
rl = v.CreateLayer("roads", l.GetSpatialRef(), ogr.wkbLineString)
f = ogr.Feature(rl.GetLayerDefn()); y = (miny + maxy) / 2
f.SetGeometry(ogr.CreateGeometryFromWkt("LINESTRING(%f %f,%f %f)" % (minx - 5000, y, maxx + 5000, y))); rl.CreateFeature(f); v = None
open(T + "/road.json", "w").write('{"color": "#00FF00", "width_px": 6}')
PYEOF
  "$PA" import -w "$WS" --reference "$T/road.gpkg" --style "$T/road.json" --name 测试路 >/dev/null 2>&1 || fail "import --reference for the viewer"
  with_x timeout 300 "$PA" view "$WS" --size 1280x720 --zone GY-ETDZ --frames 10 --still --screenshot "$T/viewer.png" \
    >"$T/viewer.log" 2>&1 || fail "view: $(tail -n 3 "$T/viewer.log")"
  T="$T" $PY - <<'PYEOF' || exit 1
import os, sys
import numpy as np
from PIL import Image
a = np.asarray(Image.open(os.environ["T"] + "/viewer.png").convert("RGB")).astype(int)
mag = ((a[..., 0] > 200) & (a[..., 1] < 80) & (a[..., 2] > 200)).mean()
green = ((a[..., 0] < 60) & (a[..., 1] > 200) & (a[..., 2] < 60))
# (the panels cover most of the window's width and the zone's label sits on the road: 15 % of a row is the
# road across the map between them)
rows = (green.sum(axis=1) > 0.15 * a.shape[1]).sum()
if mag < 0.10: print("basemap_registry: FAIL: the viewer shows the registered basemap on %.3f of the window" % mag); sys.exit(1)
if rows < 1: print("basemap_registry: FAIL: the viewer does not draw the reference road across the window"); sys.exit(1)
PYEOF
  "$PA" layers -w "$WS" --remove 测试路 >/dev/null || fail "layers --remove 测试路"
fi

# unreachable: moved away -> skipped with a note, exit 0
mv "$T/rasters/big.tif" "$T/big-moved.tif"
render "$WS" "$T/gone.png" 2>"$T/gone.err" || fail "a basemap that cannot be reached failed the render: $(cat "$T/gone.err")"
grep -q "cannot be reached" "$T/gone.err" || fail "no note about the unreachable basemap: $(cat "$T/gone.err")"
mv "$T/big-moved.tif" "$T/rasters/big.tif"

# layers --remove
"$PA" layers -w "$WS" --remove 影像 >/dev/null || fail "layers --remove failed"
"$PA" layers -w "$WS" --remove 影像 >/dev/null 2>"$T/rm.err"; rc=$?
[ $rc = 3 ] || fail "removing a missing layer: exit $rc, want 3"

# XYZ tile folder (Web Mercator), then the same tiles declared as cut from a GCJ-02 map
cp "$WS" "$T/gcj.sqlite"
"$PA" import -w "$WS" --basemap "$T/tiles" --name tiles >/dev/null 2>"$T/t.err" || fail "import --basemap TILE_FOLDER: $(cat "$T/t.err")"
"$PA" import -w "$T/gcj.sqlite" --basemap "$T/tiles" --tile-scheme gcj02 --name tiles >/dev/null 2>&1 || fail "import --basemap --tile-scheme gcj02 failed"
render "$WS" "$T/xyz.png" 2>"$T/x.err" || fail "render with tiles: $(cat "$T/x.err")"
render "$T/gcj.sqlite" "$T/gcj.png" 2>/dev/null || fail "render with gcj02 tiles failed"
read -r mx x0 x1 <<<"$(magenta "$T/xyz.png")"; read -r mg g0 g1 <<<"$(magenta "$T/gcj.png")"
[ "$mx" -gt 2000 ] || fail "the tile folder's square is not drawn ($mx magenta pixels)"
# 4 km square around the zone's centre: the picture is ~10-20 m/px, so the square is 200+ px wide
[ $((x1 - x0)) -gt 100 ] || fail "the tile square is $((x1 - x0)) px wide"
shift=$((x0 - g0)); [ "${shift#-}" -ge 3 ] || fail "GCJ-02 tiles are not shifted (square at x=$x0 as Web Mercator, $g0 as GCJ-02)"

# refusals
echo "not a raster" >"$T/notes.tif"; mkdir -p "$T/empty"
for bad in "$T/notes.tif" "$T/empty"; do
  "$PA" import -w "$WS" --basemap "$bad" >/dev/null 2>"$T/bad.err"; rc=$?
  [ $rc = 3 ] || fail "import --basemap $bad: exit $rc, want 3 ($(cat "$T/bad.err"))"
  grep -q "$bad" "$T/bad.err" || fail "the refusal does not name $bad: $(cat "$T/bad.err")"
done
"$PA" report -w "$WS" --format json >"$T/report1.json" 2>/dev/null
cmp -s "$T/report0.json" "$T/report1.json" || fail "registering basemaps changed the report"
echo "basemap_registry: ok (overviews in cache, drawn $m1 px, unreachable skipped, tiles $mx px, GCJ-02 shift ${shift} px)"
