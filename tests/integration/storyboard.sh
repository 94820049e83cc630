#!/bin/bash
# The storyboard: `story --add` makes views from a zone or the whole map, `story` lists them (table and JSON),
# `--move` reorders, `--remove` removes (an unknown name is exit 3 naming the views there are); `render --view`
# draws a view with its title, subtitle and theme; the viewer presents it (`view --story 2`, as F5 from step 2):
# panels hidden, the step's title on the map, the camera flown to the zone (the zone's parcels fill the middle
# of the window); the zones and parcels are never touched (the report is the same before and after).
# usage: storyboard.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "storyboard: FAIL: $*"; exit 1; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
"$PA" report -w "$WS" --format json >"$T/report0.json" 2>/dev/null

"$PA" story -w "$WS" --add 全市 --title "全市开发区 投资强度" >/dev/null 2>&1 || fail "story --add (all)"
"$PA" story -w "$WS" --add 经开区 --zone GY-ETDZ --theme land_state --as-of 2022-06 --title "经开区 土地状态" \
  --subtitle "2022年6月" --seconds 5 >/dev/null 2>"$T/add.err" || fail "story --add --zone: $(cat "$T/add.err")"
"$PA" story -w "$WS" --add 综保区 --zone GY-CBZ >/dev/null 2>&1 || fail "story --add (third)"
"$PA" story -w "$WS" --add 经开区 >/dev/null 2>&1; [ $? = 3 ] || fail "a second view named 经开区 was not refused with exit 3"
"$PA" story -w "$WS" --move 综保区 --to 1 || fail "story --move"
"$PA" story -w "$WS" --format json >"$T/story.json" || fail "story --format json"
T="$T" $PY - <<'PYEOF' || exit 1
import json, os, sys
v = json.load(open(os.environ["T"] + "/story.json"))
names = [x["name"] for x in v]
if names != ["综保区", "全市", "经开区"]: print("storyboard: FAIL: order", names); sys.exit(1)
e = v[2]
if e["theme"] != "land_state" or e["zone"] != "GY-ETDZ" or e["as_of"] != "2022-06" or e["seconds"] != 5 or e["height_m"] <= 0:
    print("storyboard: FAIL: view fields", e); sys.exit(1)
PYEOF
"$PA" story -w "$WS" --remove 没有 >/dev/null 2>"$T/rm.err"; rc=$?
[ $rc = 3 ] && grep -q "全市" "$T/rm.err" || fail "removing an unknown view: exit $rc, $(cat "$T/rm.err")"

# render --view: the view's theme, title and subtitle
env -u DISPLAY "$PA" render -w "$WS" --view 经开区 --size 960x540 --out "$T/view.png" --legend-json "$T/legend.json" \
  2>"$T/rv.err" || fail "render --view: $(cat "$T/rv.err")"
grep -q '"theme": "land_state"' "$T/legend.json" || fail "render --view did not use the view's theme"
grep -q '"zone": "GY-ETDZ"' "$T/legend.json" || fail "render --view did not filter to the view's zone"
env -u DISPLAY "$PA" render -w "$WS" --view 没有 --out "$T/x.png" >/dev/null 2>&1; [ $? = 3 ] || fail "render --view of an unknown view is not exit 3"

# the viewer presents step 3 (经开区): no panels, its title on the map, the zone in the middle
if command -v xvfb-run >/dev/null; then
  with_x timeout 300 "$PA" view "$WS" --size 1280x720 --story 3 --frames 30 --still --screenshot "$T/present.png" \
    >"$T/present.log" 2>&1 || fail "view --story 3: $(tail -n 3 "$T/present.log")"
  with_x timeout 300 "$PA" view "$WS" --size 1280x720 --present --frames 10 --still --screenshot "$T/plain.png" \
    >"$T/plain.log" 2>&1 || fail "view --present: $(tail -n 3 "$T/plain.log")"
  # the presenter's console: from step 2 its 下一步 button shows step 3 on the map; the console window shows text
  with_x timeout 300 "$PA" view "$WS" --size 1280x720 --story 2 --console --console-press next --frames 40 --still \
    --screenshot "$T/console_map.png" --console-screenshot "$T/console.png" >"$T/console.log" 2>&1 \
    || fail "view --console: $(tail -n 3 "$T/console.log")"
  grep -q "^console: step 3 of 3, presenting" "$T/console.log" || fail "the console's next did not show step 3: $(grep console: "$T/console.log")"
  T="$T" $PY - <<'PYEOF' || exit 1
import os, sys
import numpy as np
from PIL import Image
T = os.environ["T"]
def fail(m): print("storyboard: FAIL:", m); sys.exit(1)
p = np.asarray(Image.open(T + "/present.png").convert("RGB")).astype(int)
q = np.asarray(Image.open(T + "/plain.png").convert("RGB")).astype(int)
h, w, _ = p.shape
# the title strip: dark text on white at the top (no menu bar: the panels are hidden)
strip = p[: h // 14]
if (strip.sum(axis=2) > 700).mean() < 0.6: fail("no white title strip at the top while presenting")
if (strip.sum(axis=2) < 200).sum() < 100: fail("no title text in the strip")
# the zone fills the middle: the land-state colours (saturated) cover much of the centre, unlike the city view
def saturated(a):
    return ((a.max(axis=2) - a.min(axis=2)) > 60).mean()
c = p[h // 4: 3 * h // 4, w // 5: 3 * w // 5]; cq = q[h // 4: 3 * h // 4, w // 5: 3 * w // 5]
if saturated(c) < 0.15 or saturated(c) < 3 * saturated(cq) + 0.05:
    fail("the presented step does not show the zone up close (%.2f saturated in the centre vs %.2f for the city)" % (saturated(c), saturated(cq)))
cm = np.asarray(Image.open(T + "/console_map.png").convert("RGB")).astype(int)
cc = cm[h // 4: 3 * h // 4, w // 5: 3 * w // 5]
if saturated(cc) < 0.15: fail("after the console's next the map does not show step 3's zone (%.2f saturated)" % saturated(cc))
con = np.asarray(Image.open(T + "/console.png").convert("L")).astype(int)
if con.shape[0] < 300 or con.shape[1] < 600: fail("the console window is %dx%d" % (con.shape[1], con.shape[0]))
bright = (con > 150).mean()
if not (0.002 < bright < 0.5): fail("the console shows no text (%.4f bright pixels)" % bright)
PYEOF
fi
"$PA" report -w "$WS" --format json >"$T/report1.json" 2>/dev/null
cmp -s "$T/report0.json" "$T/report1.json" || fail "the storyboard changed the report"
echo "storyboard: ok (add/list/move/remove, render --view, viewer presents step 3)"
