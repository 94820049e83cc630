#!/bin/bash
# Partial frames (render/imgui_draw.hpp): under Xvfb/llvmpipe the viewer copies the panels that did not change since
# the last frame back from a saved picture instead of drawing them again. Panning the sample with the panels open must
# give, pixel for pixel, the picture that drawing every frame whole gives (PARKATLAS_UI_DAMAGE=0), and most frames
# must have been partial (the status bar changes every frame, the panels do not). (No analysis panel here: their
# results arrive from the worker at moments that differ between two runs.)
# usage: viewer_damage.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "viewer_damage: $*"; exit 1; }
command -v xvfb-run >/dev/null || { echo "viewer_damage: no xvfb-run, skipped"; exit 77; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "viewer_damage: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
view() { with_x timeout 300 "$PA" view "$WS" --size 1280x720 --frames 45 --timings "$@"; }
view --screenshot "$T/partial.png" >"$T/partial.log" 2>&1 || fail "view failed: $(tail -n 3 "$T/partial.log")"
PARKATLAS_UI_DAMAGE=0 view --screenshot "$T/whole.png" >"$T/whole.log" 2>&1 ||
  fail "view (whole frames) failed: $(tail -n 3 "$T/whole.log")"
line=$(grep '^ui: unchanged panels copied back' "$T/partial.log") || fail "no ui line: $(cat "$T/partial.log")"
kept=$(echo "$line" | sed -E 's/.* in ([0-9]+) of ([0-9]+) frames/\1/')
all=$(echo "$line" | sed -E 's/.* in ([0-9]+) of ([0-9]+) frames/\2/')
grep -q ', direct,' "$T/partial.log" || { echo "viewer_damage: not a software rasteriser here ($line), skipped"; exit 77; }
[ "$kept" -ge $((all / 2)) ] || fail "too few partial frames: $line"
grep -q '^ui: unchanged panels copied back (not drawn again) in 0 of' "$T/whole.log" || fail "PARKATLAS_UI_DAMAGE=0 ignored"
T="$T" $PY - <<'PYEOF' || exit 1
import os, sys
from PIL import Image, ImageChops
T = os.environ["T"]
a = Image.open(f"{T}/partial.png").convert("RGB")
b = Image.open(f"{T}/whole.png").convert("RGB")
if a.size != b.size: print("viewer_damage: sizes differ", a.size, b.size); sys.exit(1)
box = ImageChops.difference(a, b).getbbox()
if box: print("viewer_damage: partial and whole frames differ in", box); sys.exit(1)
PYEOF
echo "viewer_damage: identical to whole frames; $line"
