#!/bin/bash
# The grade theme (亩均 evaluation) on the map, under Xvfb and offscreen: render's legend counts equal a
# recomputation from `grade`'s JSON and the workspace's links (a parcel takes the grade of its graded enterprise
# with the most land; with tenants but none graded it is "not graded"); the viewer opened on the grade panel
# draws the four grade colours on the map in presentation mode, and none of them in the default theme.
# usage: viewer_grade.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "viewer_grade: $*"; exit 1; }
command -v xvfb-run >/dev/null || { echo "viewer_grade: no xvfb-run, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
"$PA" grade -w "$WS" --format json >"$T/grade.json" 2>/dev/null || fail "grade"
with_x "$PA" render -w "$WS" --theme grade --size 1200x800 --legend-json "$T/legend.json" --out "$T/render.png" \
  >"$T/render.log" 2>&1 || fail "render --theme grade: $(tail -n 2 "$T/render.log")"
with_x "$PA" render -w "$WS" --theme fulfilment --as-of 2023-12-31 --size 1200x800 --legend-json "$T/fulfil.json" \
  --out "$T/fulfil.png" >"$T/fulfil.log" 2>&1 || fail "render --theme fulfilment: $(tail -n 2 "$T/fulfil.log")"
"$PA" review -w "$WS" --list unfulfilled --as-of 2023-12-31 --format json >"$T/unfulfilled.json" 2>/dev/null || fail "review unfulfilled"
view() { with_x timeout 300 "$PA" view "$WS" --size 1280x800 --present --zone GANA --frames 60 --still "$@"; }
view --open-panel grade --screenshot "$T/grade.png" >"$T/view.log" 2>&1 || fail "view: $(tail -n 3 "$T/view.log")"
view --screenshot "$T/default.png" >"$T/view0.log" 2>&1 || fail "view (default theme): $(tail -n 3 "$T/view0.log")"
T="$T" WS="$WS" $PY - <<'PYEOF' || exit 1
import json, os, sqlite3, sys
from collections import Counter
from PIL import Image
T, WS = os.environ["T"], os.environ["WS"]
def fail(m): print("viewer_grade:", m); sys.exit(1)
g = json.load(open(T + "/grade.json"))
E = {e["credit_code"]: e for e in g["enterprises"]}
db = sqlite3.connect(WS)
tenants = {}
for pid, cc, ent, proj in db.execute("SELECT l.parcel_id, p.credit_code, p.enterprise, p.project_id FROM links l JOIN projects p ON p.id = l.project_rowid"):
    key = (cc or "").strip() or (ent or "").strip() or "#" + (proj or "").strip()
    if key in E: tenants.setdefault(pid, set()).add(key)
want = Counter()
n_parcels = db.execute("SELECT count(*) FROM parcels").fetchone()[0]
for pid, ks in tenants.items():
    graded = [E[k] for k in ks if E[k]["grade"]]
    want[max(graded, key=lambda e: (e["area_mu"], -ord(e["grade"])))["grade"] if graded else "not_graded"] += 1
want["none"] = n_parcels - len(tenants)
leg = {c["key"]: c["count"] for c in json.load(open(T + "/legend.json"))["classes"]}
for k in ("A", "B", "C", "D", "not_graded", "none"):
    if leg.get(k, 0) != want[k]: fail("legend %s: %d parcels, recomputed %d" % (k, leg.get(k, 0), want[k]))
# the 履约 theme's "short" parcels are exactly those the unfulfilled list names
short = {c["key"]: c["count"] for c in json.load(open(T + "/fulfil.json"))["classes"]}.get("short", 0)
# (a parcel is its code and place: the sample plants duplicate codes, and a parcel has a row per indicator)
listed = {(r["parcel_id"], r["lon"], r["lat"]) for r in json.load(open(T + "/unfulfilled.json"))["parcels"]}
if short != len(listed) or short == 0: fail("fulfilment theme: %d parcels short, review --list unfulfilled names %d" % (short, len(listed)))
colors = {"A": (33, 102, 172), "B": (146, 197, 222), "C": (244, 165, 130), "D": (178, 24, 43)}
seen = Counter(Image.open(T + "/grade.png").convert("RGB").getdata())
base = Counter(Image.open(T + "/default.png").convert("RGB").getdata())
# `view --zone GANA` filters to GANA (as render --zone): the grades its parcels have are on the map
gana = {pid for (pid,) in db.execute("SELECT id FROM parcels WHERE zone_code = 'GANA'")}
in_gana = Counter()
for pid, ks in tenants.items():
    graded = [E[k] for k in ks if E[k]["grade"]]
    if pid in gana and graded: in_gana[max(graded, key=lambda e: (e["area_mu"], -ord(e["grade"])))["grade"]] += 1
if len(in_gana) < 3: fail("GANA's parcels have only the grades %s: the test needs a richer zone" % dict(in_gana))
for k, c in colors.items():
    if in_gana[k] >= 3 and seen[c] < 30: fail("grade %s's colour %s: %d pixels in the viewer's grade theme" % (k, c, seen[c]))
    if in_gana[k] == 0 and seen[c] > 5: fail("grade %s's colour %s on the map, but no GANA parcel has it (%d pixels)" % (k, c, seen[c]))
    if base[c] > 5: fail("grade %s's colour %s in the default theme (%d pixels)" % (k, c, base[c]))
print("viewer_grade: ok: legend %s = recomputed; colours on the map %s" % (dict(leg), {k: seen[c] for k, c in colors.items()}))
PYEOF
