#!/bin/bash
# The viewer's planning mode, under Xvfb, through the panel's own actions (test hooks --plan-suggest/--plan-save):
# the suggestion it saves is the CLI's optimum (scenario compare: every KPI equal, delta 0), and the assigned plots
# are outlined on the map in the plan's blue (absent from the same view without a plan), also in presentation mode
# (panels hidden).
# usage: viewer_plan.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "viewer_plan: $*"; exit 1; }
command -v xvfb-run >/dev/null || { echo "viewer_plan: no xvfb-run, skipped"; exit 77; }
[ -f "$SRC/gis-data/pipeline.xlsx" ] || { echo "viewer_plan: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
P="$SRC/gis-data/pipeline.xlsx"
"$PA" plan -w "$WS" --scenario cli --pipeline "$P" --solve --format json >"$T/cli.json" 2>/dev/null || fail "plan --solve"
view() { with_x timeout 300 "$PA" view "$WS" --size 1280x800 "$@"; }
view --plan-suggest "$P" --plan-save viewer --quit-after-tasks >"$T/save.log" 2>&1 || fail "view failed: $(tail -n 3 "$T/save.log")"
grep -q "plan panel: .*viewer (v1)" "$T/save.log" || fail "the panel did not save: $(cat "$T/save.log")"
"$PA" scenario compare -w "$WS" cli viewer --format json >"$T/cmp.json" 2>/dev/null || fail "scenario compare"
# loading a stored scenario (a locked re-plan from the CLI) shows its placements, all of which still fit
lock=$($PY -c "import json,sys; a=json.load(open('$T/cli.json'))['assignments'][0]; print(a['project_id']+'='+'+'.join(a['parcel_ids']))")
"$PA" plan -w "$WS" --scenario locked --pipeline "$P" --solve --lock "$lock" --format json >"$T/locked.json" 2>/dev/null || fail "plan --lock"
view --plan-load locked --quit-after-tasks >"$T/load.log" 2>&1 || fail "view --plan-load failed: $(tail -n 3 "$T/load.log")"
n=$($PY -c "import json; print(len(json.load(open('$T/locked.json'))['assignments']))")
grep -q "plan panel: 已加载方案中的落地： $n\$" "$T/load.log" || fail "loading the stored scenario: want $n placements, got: $(grep 'plan panel' "$T/load.log")"
view --present --plan-suggest "$P" --zone GY-ETDZ --frames 60 --screenshot "$T/plan.png" >"$T/plan.log" 2>&1 || fail "view (plan) failed: $(tail -n 3 "$T/plan.log")"
view --present --zone GY-ETDZ --frames 60 --screenshot "$T/none.png" >"$T/none.log" 2>&1 || fail "view failed: $(tail -n 3 "$T/none.log")"
# the side-by-side compare view: the optimum (left) and an empty scenario (right); its KPI table = scenario compare
"$PA" plan -w "$WS" --scenario empty --pipeline "$P" >/dev/null 2>&1 || fail "plan (empty scenario)"
"$PA" scenario compare -w "$WS" cli empty --format json >"$T/cmp2.json" 2>/dev/null || fail "scenario compare cli empty"
view --compare cli,empty --quit-after-tasks >"$T/cmpview.log" 2>&1 || fail "view --compare failed: $(tail -n 3 "$T/cmpview.log")"
grep "^compare view: " "$T/cmpview.log" | sed 's/^compare view: //' >"$T/cmpview.json"
view --present --compare cli,empty --zone GY-ETDZ --frames 60 --screenshot "$T/split.png" >"$T/split.log" 2>&1 || fail "view --compare (screenshot) failed: $(tail -n 3 "$T/split.log")"
view --compare cli,nope --quit-after-tasks >"$T/cmpbad.log" 2>&1
grep -q "compare view: error: There is no scenario 'nope'" "$T/cmpbad.log" || fail "an unknown scenario in the compare view: $(tail -n 2 "$T/cmpbad.log")"
T="$T" $PY - <<'PYEOF' || exit 1
import json, os, sys
from PIL import Image
T = os.environ["T"]
def fail(m): print("viewer_plan:", m); sys.exit(1)
c = json.load(open(T + "/cmp.json"))
for k, v in c["delta"].items():
    if abs(v) > 1e-6: fail("the viewer's saved plan differs from the CLI's optimum in %s by %s" % (k, v))
if c["a"]["projects_assigned"] == 0: fail("nothing assigned")
def blue(path):
    im = Image.open(path).convert("RGB"); px = im.load(); w, h = im.size
    return sum(1 for x in range(0, w, 2) for y in range(0, h, 2)
               if px[x, y][0] < 40 and 120 < px[x, y][1] < 185 and 175 < px[x, y][2] < 245)
with_plan, without = blue(T + "/plan.png"), blue(T + "/none.png")
if with_plan < 200 or without > with_plan // 10: fail("plan outlines: %d blue pixels with the plan, %d without" % (with_plan, without))
cli = json.load(open(T + "/cmp2.json")); cli.pop("names", None)
try: shown = json.load(open(T + "/cmpview.json"))
except ValueError: fail("the compare view printed no table")
if shown != cli: fail("the compare view's table differs from scenario compare --format json")
if "chain_gaps_closed" not in shown["a"]: fail("the compare table has no chain gaps closed")
im = Image.open(T + "/split.png").convert("RGB"); w = im.size[0]
im.crop((0, 0, w // 2, im.size[1])).save(T + "/left.png"); im.crop((w // 2, 0, w, im.size[1])).save(T + "/right.png")
left, right = blue(T + "/left.png"), blue(T + "/right.png")
if left < 100 or right > left // 10: fail("compare view: %d outline pixels in the left half (the optimum), %d in the right (empty)" % (left, right))
print("viewer_plan: ok: %d assigned, same KPIs as the CLI; %d outline pixels (%d without a plan); compare view = scenario compare, halves %d / %d"
      % (c["a"]["projects_assigned"], with_plan, without, left, right))
PYEOF
