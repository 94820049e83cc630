#!/bin/bash
# The viewer window under Xvfb (Mesa llvmpipe): opens the bundled sample's workspace, draws frames while panning and
# zooming, and saves the last one: it must show the map (theme colours) and the Chinese panels, and quit cleanly.
# usage: viewer_window.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "viewer_window: $*"; exit 1; }
command -v xvfb-run >/dev/null || { echo "viewer_window: no xvfb-run, skipped"; exit 77; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "viewer_window: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
with_x timeout 300 "$PA" view "$WS" --frames 40 --screenshot "$T/shot.png" --timings \
  >"$T/view.log" 2>&1 || fail "view failed: $(tail -n 3 "$T/view.log")"
grep -q "first map frame" "$T/view.log" || fail "no timings printed"
T="$T" $PY - <<'PYEOF' || exit 1
import os, sys
from PIL import Image
T = os.environ["T"]
im = Image.open(f"{T}/shot.png").convert("RGB")
if im.size != (1600, 900): print("viewer_window: screenshot size", im.size); sys.exit(1)
cols = im.getcolors(1 << 24)
total = im.size[0] * im.size[1]
# The invest_intensity theme's viridis classes must appear on the map.
viridis = [(70, 16, 96), (62, 74, 137), (31, 158, 137), (109, 205, 89)]
def near(a, b): return sum(abs(x - y) for x, y in zip(a, b)) < 60
present = [v for v in viridis if sum(c for c, rgb in cols if near(rgb, v)) > 20]
if len(present) < 2: print("viewer_window: theme colours not found on the map:", present); sys.exit(1)
if max(c for c, _ in cols) / total > 0.9: print("viewer_window: the picture is one colour"); sys.exit(1)
print("viewer_window: window drawn,", len(present), "theme colours visible")
PYEOF
