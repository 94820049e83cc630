#!/bin/bash
# Reading a large workspace by view (render/map_view.hpp), forced on the bundled sample with
# PARKATLAS_VIEW_READ_FROM=1: `workspace prepare-view` indexes every parcel with its triangles; `render --zone`
# read by view draws the zone as a whole read does (the same legend, the same picture); the city view reads one
# parcel per cell (fewer than all, the note says so); an import makes the index stale and a writable render
# rebuilds it; the viewer reads the zone's parcels with their cached triangles, then another view when the camera
# moves, and shows it in the status bar.
# usage: view_by_view.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "view_by_view: FAIL: $*"; exit 1; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "view_by_view: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"

# 1. The index: every parcel, each with its triangles.
"$PA" workspace prepare-view -w "$WS" >"$T/prep.out" 2>&1 || fail "prepare-view: $(cat "$T/prep.out")"
grep -qE "view index of .*: 4470 parcels, 4470 with cached triangles" "$T/prep.out" || fail "prepare-view said: $(cat "$T/prep.out")"

# 2. A zone read by view is drawn as the whole read draws it (but for the project markers: read by view, the map
# carries no ledger).
env -u DISPLAY "$PA" render -w "$WS" --zone GY-ETDZ --out "$T/whole.png" --legend-json "$T/whole.json" 2>"$T/whole.err" \
  || fail "render: $(head -c 300 "$T/whole.err")"
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$WS" --zone GY-ETDZ --out "$T/view.png" --legend-json "$T/view.json" \
  2>"$T/view.err" || fail "render by view: $(head -c 300 "$T/view.err")"
grep -q "read by view: .* parcels in the picture, with their geometry" "$T/view.err" || fail "no read-by-view note: $(cat "$T/view.err")"
# (Read by view the map carries no ledger: no project markers, nor their legend row.)
$PY - "$T/whole.json" "$T/view.json" <<'PYEOF' || fail "the zone's legend read by view differs"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
keys = ["theme", "title", "zone", "method", "breaks", "classes", "shown_count", "shown_area_mu"]
bad = [k for k in keys if a.get(k) != b.get(k)]
if bad: print("differs:", bad, [a.get(k) for k in bad], [b.get(k) for k in bad]); sys.exit(1)
print("view_by_view: zone legend read by view =", a["shown_count"], "parcels,", round(a["shown_area_mu"]), "mu, as the whole read")
PYEOF
T="$T" $PY - <<'PYEOF' || fail "the zone's picture read by view differs from the whole read's"
import os
from PIL import Image, ImageChops
T = os.environ["T"]
a = Image.open(f"{T}/whole.png").convert("RGB"); b = Image.open(f"{T}/view.png").convert("RGB")
diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 40 else 0)
n = sum(1 for v in diff.getdata() if v)
share = n / (a.size[0] * a.size[1])
print(f"view_by_view: zone picture: {n} pixels differ ({share:.4%})")
raise SystemExit(0 if share < 0.01 else 1)
PYEOF

# 3. The city view: one parcel per cell of a level of detail, the legend counting those.
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$WS" --out "$T/city.png" --legend-json "$T/city.json" \
  2>"$T/city.err" || fail "city render by view: $(head -c 300 "$T/city.err")"
grep -qE "read by view: [0-9]+ parcels drawn, one per cell of level [0-9]+" "$T/city.err" || fail "city note: $(cat "$T/city.err")"
drawn=$(sed -nE 's/.*read by view: ([0-9]+) parcels drawn.*/\1/p' "$T/city.err")
[ "$drawn" -gt 1000 ] && [ "$drawn" -lt 4470 ] || fail "the city view drew $drawn parcels (want a level of detail: fewer than 4470)"

# 4. An import makes the index stale; a writable render rebuilds it.
"$PA" import -w "$WS" --ledger "$SRC/gis-data/projects.xlsx" >/dev/null 2>&1 || fail "ledger import"
before=$(sqlite3 "$WS" "SELECT value FROM meta WHERE key='view_index'")
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$WS" --zone GY-ETDZ --out "$T/again.png" >/dev/null 2>&1 || fail "render after an import"
after=$(sqlite3 "$WS" "SELECT value FROM meta WHERE key='view_index'")
[ "$before" != "$after" ] && [ "$after" = "imports:$(sqlite3 "$WS" "SELECT max(id) FROM imports")" ] \
  || fail "the stale index was not rebuilt ($before -> $after)"

# 5. The viewer: the zone's parcels with their cached triangles, the status bar says so; panning reads more.
command -v xvfb-run >/dev/null || { echo "view_by_view: render checks OK; no xvfb-run, viewer skipped"; exit 0; }
PARKATLAS_VIEW_READ_FROM=1 with_x timeout 300 "$PA" view "$WS" --zone GY-ETDZ --quit-after-tasks >"$T/v.log" 2>&1 \
  || fail "view by view: $(tail -n 3 "$T/v.log")"
line=$(grep "^read by view:" "$T/v.log") || fail "no read-by-view line: $(tail -n 3 "$T/v.log")"
echo "$line" | grep -qE "level -1, [0-9]+ view\(s\) read, ([0-9]+) with cached" || fail "the zone was not read with geometry: $line"
n=$(echo "$line" | sed -E 's/read by view: ([0-9]+) of.*/\1/'); c=$(echo "$line" | sed -E 's/.*read, ([0-9]+) with cached.*/\1/')
[ "$n" -ge 600 ] && [ "$n" -lt 4470 ] && [ "$c" = "$n" ] || fail "the zone's view: $line"
PARKATLAS_VIEW_READ_FROM=1 with_x timeout 300 "$PA" view "$WS" --zone GY-ETDZ --frames 150 --timings --screenshot "$T/pan.png" \
  >"$T/pan.log" 2>&1 || fail "panning by view: $(tail -n 3 "$T/pan.log")"
reads=$(sed -nE 's/^read by view: .* ([0-9]+) view\(s\) read.*/\1/p' "$T/pan.log")
[ "${reads:-0}" -ge 2 ] || fail "panning read no other view: $(grep 'read by view' "$T/pan.log")"
PARKATLAS_VIEW_READ_FROM=1 with_x timeout 300 "$PA" view "$WS" --zone GY-ETDZ --frames 3 --still --screenshot "$T/still.png" \
  >/dev/null 2>&1 || fail "still view by view"
T="$T" $PY - <<'PYEOF' || fail "the viewer's map read by view is not drawn"
import os
from PIL import Image
T = os.environ["T"]
im = Image.open(f"{T}/still.png").convert("RGB")
w, h = im.size
# The theme's colours (not the background, not grey) in the middle of the map: the zone's parcels are drawn.
px = im.crop((w // 3, h // 4, 2 * w // 3, 3 * h // 4)).getdata()
coloured = sum(1 for r, g, b in px if max(r, g, b) - min(r, g, b) > 60)
print(f"view_by_view: viewer map: {coloured} coloured pixels in the middle")
raise SystemExit(0 if coloured > 20000 else 1)
PYEOF
echo "view_by_view: OK ($line; $reads views read while panning)"
