#!/bin/bash
# Viewer benchmark with its QGIS baseline, at 1920x1080 (not a test; prints numbers).
#   bench/bench_view.sh BUILD_DIR [WORKSPACE] [N] [LARGE_WORKSPACE]
# BUILD_DIR holds src/apps/cli/parkatlas and bench/bench_view (ninja parkatlas bench_view). WORKSPACE: a workspace of
# the sample (default: imported from gis-data into a temporary file). N: synthetic parcels (default 100000).
# Prints: map-only frame times (bench_view, offscreen EGL), the whole viewer under Xvfb (panning frames, which redraw
# the map, and still frames, which copy the cached map or, when it costs less, redraw it; then panning in presentation mode, panels hidden),
# QGIS's render of the same parcels and the ratios. LARGE_WORKSPACE (e.g. 1M parcels from
# `tools/gen_sample.py --scale 1000000` + import): time to the first map frame when the viewer opens it (twice; the
# first open after an import also triangulates and caches the mesh).
set -euo pipefail
B=${1:?usage: bench_view.sh BUILD_DIR [WORKSPACE] [N] [LARGE_WORKSPACE]}
LARGE=${4:-}
SRC=$(cd "$(dirname "$0")/.." && pwd)
PA=$B/src/apps/cli/parkatlas
BV=$B/bench/bench_view
N=${3:-100000}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
WS=${2:-}
if [ -z "$WS" ]; then
  WS=$T/sample.sqlite
  "$PA" import -w "$WS" --zones "$SRC/gis-data/zones.shp" --parcels "$SRC/gis-data/parcels_guian.gpkg" \
    --parcels "$SRC/gis-data/parcels_guiyang.shp" --ledger "$SRC/gis-data/projects.xlsx" >/dev/null
fi
PY=/usr/bin/python3
echo "== map only (bench_view, offscreen EGL, 1920x1080) =="
"$BV" "$WS" | tee "$T/bv_ws.txt"
"$BV" --synthetic "$N" | tee "$T/bv_syn.txt"
echo "== whole viewer under Xvfb (map + panels, 1920x1080) =="
run_view() { xvfb-run -a -s "-screen 0 1920x1080x24" "$PA" view "$WS" --size 1920x1080 --frames "$1" --timings "${@:2}"; }
run_view 240 | tee "$T/view_pan.txt"
run_view 120 --still | tee "$T/view_still.txt"
run_view 240 --present | tee "$T/view_present.txt"
# Zoomed in on the sample (only with the bundled sample's data): across the edge of 贵阳经济技术开发区 (3 km) and
# inside it (1.3 km), with panels and in presentation mode; QGIS renders the same boxes below.
ZOOMS="106.665,26.455,106.695,26.480 106.676,26.463,106.689,26.473"
i=0
for Z in $ZOOMS; do
  i=$((i + 1))
  run_view 240 --bbox "$Z" | tee "$T/view_zoom$i.txt"
  run_view 240 --bbox "$Z" --present | tee "$T/view_zoom${i}_present.txt"
done
if [ -n "$LARGE" ]; then
  echo "== opening $LARGE in the viewer (1920x1080, until the worker is idle) =="
  for i in 1 2; do
    xvfb-run -a -s "-screen 0 1920x1080x24" "$PA" view "$LARGE" --size 1920x1080 --quit-after-tasks --timings |
      grep -E '^(first map frame|open: |ledger: )' | tee "$T/large_$i.txt"
  done
fi
echo "== QGIS $(QT_QPA_PLATFORM=offscreen $PY -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null) (offscreen, same parcels, 1920x1080) =="
QT_QPA_PLATFORM=offscreen $PY "$SRC/bench/qgis_render.py" "$WS" "$T/qgis_ws.png" 1920x1080 3 | tee "$T/q_ws.txt"
i=0
for Z in $ZOOMS; do
  i=$((i + 1))
  QT_QPA_PLATFORM=offscreen $PY "$SRC/bench/qgis_render.py" "$WS" "$T/qgis_zoom$i.png" 1920x1080 5 "$Z" | tee "$T/q_zoom$i.txt"
done
$PY "$SRC/bench/bench_view_synthetic.py" "$N" "$T/syn.gpkg"
QT_QPA_PLATFORM=offscreen $PY "$SRC/bench/qgis_render.py" "$T/syn.gpkg" "$T/qgis_syn.png" 1920x1080 3 | tee "$T/q_syn.txt"
echo "== summary =="
T="$T" N="$N" $PY - <<'PYEOF'
import os, re
T = os.environ["T"]
def rd(n): return open(os.path.join(T, n)).read()
def num(pat, s, i=1):
    m = re.search(pat, s)
    return float(m.group(i)) if m else float("nan")
bv_ws = rd("bv_ws.txt").strip().splitlines()[-1]  # second pass: mesh from the cache
bv_syn = rd("bv_syn.txt")
pan, still, present = rd("view_pan.txt"), rd("view_still.txt"), rd("view_present.txt")
q_ws, q_syn = rd("q_ws.txt"), rd("q_syn.txt")
map_ws = num(r"frame median\s+([\d.]+) ms", bv_ws)
map_syn = num(r"frame median\s+([\d.]+) ms", bv_syn)
view_pan = num(r"map redrawn: \d+ frames, median ([\d.]+) ms", pan)
view_pan95 = num(r"map redrawn: \d+ frames, median [\d.]+ ms, p95 ([\d.]+) ms", pan)
view_still = num(r"frames \d+, median ([\d.]+) ms", still)  # all of them (a cheap map is redrawn, not copied)
view_present = num(r"map redrawn: \d+ frames, median ([\d.]+) ms", present)
first = num(r"first map frame after ([\d.]+) s", pan)
qws, qsyn = num(r"render_ms_median (\d+)", q_ws), num(r"render_ms_median (\d+)", q_syn)
print(f"sample: viewer first map frame {first:.2f} s; whole viewer panning {view_pan:.1f} ms/frame (p95 {view_pan95:.1f}, "
      f"{1000/view_pan:.0f} fps), still {view_still:.1f} ms/frame; map only {map_ws:.2f} ms")
print(f"sample: QGIS {qws:.0f} ms per render -> viewer panning frame {qws/view_pan:.1f}x faster (presentation mode "
      f"{view_present:.1f} ms, {qws/view_present:.1f}x; still frame {qws/view_still:.1f}x), map-only {qws/map_ws:.0f}x")
for i in (1, 2):
    f = os.path.join(T, f"large_{i}.txt")
    if os.path.exists(f):
        first_large = num(r"first map frame after ([\d.]+) s", rd(f"large_{i}.txt"))
        print(f"large workspace, open {i}: first map frame after {first_large:.2f} s")
for i, what in ((1, "across a zone's edge, 3 km"), (2, "inside a zone, 1.3 km")):
    z, zp, q = rd(f"view_zoom{i}.txt"), rd(f"view_zoom{i}_present.txt"), num(r"render_ms_median (\d+)", rd(f"q_zoom{i}.txt"))
    vz = num(r"frames \d+, median ([\d.]+) ms", z)
    vzp = num(r"frames \d+, median ([\d.]+) ms", zp)
    print(f"sample zoomed {what}: viewer {vz:.1f} ms/frame with panels ({q/vz:.1f}x QGIS's {q:.0f} ms), "
          f"presentation {vzp:.1f} ms ({q/vzp:.1f}x)")
print(f"synthetic {os.environ['N']}: map only {map_syn:.1f} ms/frame; QGIS {qsyn:.0f} ms -> {qsyn/map_syn:.0f}x faster")
PYEOF
