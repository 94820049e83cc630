#!/bin/bash
# Presentation mode and the map cache, under Xvfb: the same still view with panels (menu bar dark, panels dark) and
# with --present (Tab: no panels, the title strip white across the top, the legend box on the map at the right);
# --still frames must reuse the cached map (no redraw after the first frames) while panning frames redraw it (the
# still run uses the cache as on a GPU, PARKATLAS_MAP_DIRECT=0: under llvmpipe the viewer redraws a map as cheap as
# the sample's instead of copying it, tested in MapCache.DirectModeRedrawsACheapMap…).
# usage: viewer_present.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "viewer_present: $*"; exit 1; }
command -v xvfb-run >/dev/null || { echo "viewer_present: no xvfb-run, skipped"; exit 77; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "viewer_present: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
view() { with_x timeout 300 "$PA" view "$WS" --size 1280x720 "$@"; }
PARKATLAS_MAP_DIRECT=0 view --frames 30 --still --timings --screenshot "$T/panels.png" >"$T/panels.log" 2>&1 || fail "view failed: $(tail -n 3 "$T/panels.log")"
view --frames 30 --still --present --screenshot "$T/present.png" >"$T/present.log" 2>&1 || fail "view --present failed: $(tail -n 3 "$T/present.log")"
view --frames 30 --timings >"$T/pan.log" 2>&1 || fail "view (panning) failed: $(tail -n 3 "$T/pan.log")"
# Still frames: at most the first few redraw the map (fonts, theme, fit); the rest copy the cache.
cached=$(sed -n 's/^map cached: \([0-9]*\) frames.*/\1/p' "$T/panels.log")
redrawn=$(sed -n 's/^map redrawn: \([0-9]*\) frames.*/\1/p' "$T/panels.log")
[ "${cached:-0}" -ge 20 ] || fail "still frames did not use the cached map: $(grep map "$T/panels.log" | tr '\n' ' ')"
# (a few redraws may come late on a loaded machine: fonts and the theme arrive from the worker)
[ "${redrawn:-0}" -le 10 ] || fail "still frames redrew the map $redrawn times"
pan_cached=$(sed -n 's/^map cached: \([0-9]*\) frames.*/\1/p' "$T/pan.log")
# (a frame in which the scripted pan did not move the camera, e.g. right after a font rebuild on a loaded
# machine, may legitimately reuse the map: allow a few of the 30)
[ "${pan_cached:-0}" -le 3 ] || fail "panning frames reused a stale map ($pan_cached frames)"
T="$T" $PY - <<'PYEOF' || exit 1
import os, sys
from PIL import Image
T = os.environ["T"]
def fail(m): print("viewer_present:", m); sys.exit(1)
a = Image.open(f"{T}/panels.png").convert("L")
b = Image.open(f"{T}/present.png").convert("L")
if a.size != (1280, 720) or b.size != (1280, 720): fail(f"sizes {a.size} {b.size}")
def mean(im, box):
    px = list(im.crop(box).getdata()); return sum(px) / len(px)
# Top strip: ImGui's dark menu bar with panels, the white title strip in presentation.
if mean(a, (0, 0, 1280, 8)) > 100: fail("no dark menu bar in the normal view")
if mean(b, (0, 0, 1280, 8)) < 220: fail("presentation view still has a menu bar (top strip not white)")
# Right column: dark panels in the normal view; the map's light legend box in presentation.
if mean(a, (1000, 200, 1270, 300)) > 100: fail("no panel column on the right in the normal view")
if mean(b, (1000, 200, 1270, 300)) < 180: fail("presentation view has no light legend box on the map at the right")
print("viewer_present: panels hidden, title strip and legend on the map; still frames use the map cache")
PYEOF
