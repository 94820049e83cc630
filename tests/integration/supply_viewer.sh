#!/bin/bash
# The land-state theme of the viewer in `render` (no X display): `--theme land_state --as-of DATE` writes a PNG of the
# asked size whose legend (counts and 亩 per class) equals `parkatlas supply --as-of DATE` (states_as_of, all
# zones) and `supply --vacant` on several dates; different dates give different maps; bad --as-of is refused (3).
# usage: supply_viewer.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "supply_viewer: $*"; exit 1; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "supply_viewer: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
DATES="2021-03-31 2022-06-30 2023-12-31"
for D in $DATES; do
  env -u DISPLAY "$PA" render -w "$WS" --theme land_state --as-of $D --size 960x540 --out "$T/ls-$D.png" \
    --legend-json "$T/ls-$D.json" >"$T/render-$D.log" 2>&1 || fail "render $D: $(tail -n 2 "$T/render-$D.log")"
  "$PA" supply -w "$WS" --as-of $D --format json >"$T/supply-$D.json" 2>"$T/supply-$D.err" || fail "supply $D failed"
  "$PA" supply -w "$WS" --vacant --as-of $D --format json >"$T/vacant-$D.json" 2>"$T/vacant-$D.err" \
    || fail "supply --vacant $D failed"
done
env -u DISPLAY "$PA" render -w "$WS" --theme land_state --as-of 2022-13-01 --out "$T/bad.png" >/dev/null 2>&1; rc=$?
[ $rc -eq 3 ] || fail "a bad --as-of exited $rc, expected 3 (kBadInput)"
env -u DISPLAY "$PA" render -w "$WS" --theme compliance --as-of 2022-01-01 --out "$T/bad2.png" >/dev/null 2>&1; rc=$?
[ $rc -eq 3 ] || fail "--as-of with another theme exited $rc, expected 3 (kBadInput)"
T="$T" DATES="$DATES" $PY - <<'PYEOF' || exit 1
import json, os, sys
from PIL import Image
T = os.environ["T"]
def fail(m): print("supply_viewer:", m); sys.exit(1)
pictures = []
for D in os.environ["DATES"].split():
    leg = {c["key"]: c for c in json.load(open(f"{T}/ls-{D}.json"))["classes"]}
    sup = json.load(open(f"{T}/supply-{D}.json"))["states_as_of"]["*"]
    vac = json.load(open(f"{T}/vacant-{D}.json"))
    n_vacant = vac["count"]
    if len(vac["parcels"]) != n_vacant: fail(f"{D}: supply --vacant count {n_vacant} != its rows {len(vac['parcels'])}")
    for key in ("supplied_not_used", "under_used", "built_not_producing", "producing_below_target", "meets_target", "none"):
        if leg[key]["count"] != sup[key]["count"]:
            fail(f"{D}: legend {key} {leg[key]['count']} != supply {sup[key]['count']}")
        if abs(leg[key]["area_mu"] - sup[key]["mu"]) > 0.05:
            fail(f"{D}: legend {key} {leg[key]['area_mu']:.2f} 亩 != supply {sup[key]['mu']:.2f}")
    lhs = leg["vacant"]["count"] + leg["reserved"]["count"] + leg["approved_not_supplied"]["count"]
    rhs = sup["reserved"]["count"] + sup["approved_not_supplied"]["count"]
    if lhs != rhs: fail(f"{D}: vacant+reserved+approved {lhs} != supply reserved+approved {rhs}")
    if leg["vacant"]["count"] != n_vacant: fail(f"{D}: legend vacant {leg['vacant']['count']} != supply --vacant {n_vacant}")
    im = Image.open(f"{T}/ls-{D}.png")
    if im.size != (960, 540): fail(f"{D}: PNG size {im.size}")
    pictures.append(im.convert("RGB").tobytes())
    print(f"supply_viewer: {D}: " + ", ".join(f"{k} {c['count']}" for k, c in leg.items()))
if len(set(pictures)) != len(pictures): fail("two dates gave the same picture")
print("supply_viewer: land_state legend equals `supply --as-of` and `supply --vacant` on 3 dates; PNGs differ by date")
PYEOF
