#!/bin/bash
# Basemap benchmark (not a test; prints numbers): a 2 GB synthetic orthophoto (RGB GeoTIFF, tiled, no
# compression, no overviews, ~0.3 m pixels over 贵阳经济技术开发区 and its neighbours) registered with a sample
# workspace (its overviews built into the cache on registration), then the viewer at 1920x1080 under Xvfb:
# panning frames with the sample on top (frame time: median and p95) and the time to the first basemap picture.
#   bench/bench_basemap.sh BUILD_DIR [SIZE_PX]      (SIZE_PX: the raster's side, default 26000 = 2.0 GB)
set -euo pipefail
B=${1:?usage: bench_basemap.sh BUILD_DIR [SIZE_PX]}
N=${2:-26000}
SRC=$(cd "$(dirname "$0")/.." && pwd)
PA=$B/src/apps/cli/parkatlas
PY=/usr/bin/python3
T=${PA_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$T"
export XDG_CACHE_HOME=$T/cache
WS=$T/ws.sqlite
if [ ! -f "$WS" ]; then
  "$PA" import -w "$WS" --zones "$SRC/gis-data/zones.shp" --parcels "$SRC/gis-data/parcels_guian.gpkg" \
    --parcels "$SRC/gis-data/parcels_guiyang.shp" --ledger "$SRC/gis-data/projects.xlsx" >/dev/null
fi
if [ ! -f "$T/ortho.tif" ]; then
  echo "== writing a ${N}x${N} RGB orthophoto =="
  /usr/bin/time -f "written in %e s, peak %M KB" env T="$T" N="$N" SRC="$SRC" $PY - <<'PYEOF'
import os, numpy as np
from osgeo import gdal, ogr
T, N, SRC = os.environ["T"], int(os.environ["N"]), os.environ["SRC"]
ds = ogr.Open(SRC + "/gis-data/zones.shp"); l = ds.GetLayer(0)
for f in l:
    if f.GetField("CODE") == "GY-ETDZ": minx, maxx, miny, maxy = f.GetGeometryRef().GetEnvelope()
cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
half = 4000.0  # 8 km square: ~0.31 m pixels at 26000 px
r = gdal.GetDriverByName("GTiff").Create(T + "/ortho.tif", N, N, 3, gdal.GDT_Byte, ["TILED=YES", "BIGTIFF=YES"])
r.SetGeoTransform((cx - half, 2 * half / N, 0, cy + half, 0, -2 * half / N)); r.SetProjection(l.GetSpatialRef().ExportToWkt())
rows = 1024
xs = np.arange(N)
for y0 in range(0, N, rows):
    h = min(rows, N - y0)
    yy = np.arange(y0, y0 + h)[:, None]
    base = ((np.sin(xs[None, :] / 180.0) + np.cos(yy / 230.0)) * 40 + 120)
    fields = (((xs[None, :] // 700) + (yy // 650)) % 3) * 18
    for b, k in ((1, 0.9), (2, 1.05), (3, 0.8)):
        r.GetRasterBand(b).WriteArray(np.clip(base * k + fields, 0, 255).astype(np.uint8), 0, y0)
r = None
PYEOF
fi
ls -la "$T/ortho.tif"
echo "== import --basemap (overviews into the cache) =="
/usr/bin/time -f "registered in %e s, peak %M KB" "$PA" import -w "$WS" --basemap "$T/ortho.tif" --name ortho >/dev/null
run_view() { xvfb-run -a -s "-screen 0 1920x1080x24" "$PA" view "$WS" --size 1920x1080 --zone GY-ETDZ --timings "$@"; }
echo "== viewer, panning over the orthophoto (1920x1080) =="
run_view --frames 300 | grep -E "first map frame|map redrawn|map cached|basemap|renderer"
echo "== viewer, still (the first basemap picture) =="
run_view --frames 60 --still | grep -E "first map frame|basemap"
echo "== the same without the basemap =="
"$PA" layers -w "$WS" --remove ortho >/dev/null
run_view --frames 300 | grep -E "first map frame|map redrawn|map cached"
