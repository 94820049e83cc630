#!/bin/bash
# The viewer's `render` on the bundled sample, with no X display: the legend it draws counts the same parcels and 亩
# as `parkatlas report` (compliance per zone, supply status areas per zone), the PNG has the asked size, and
# `view` without a display exits with code 6 (kNoDisplay) instead of crashing.
# usage: viewer_legend.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "viewer_legend: $*"; exit 1; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "viewer_legend: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
"$PA" report -w "$WS" --format json >"$T/report.json" 2>"$T/report.err" || fail "report failed"
for zone in GANA GY-ETDZ QZ-EDZ; do
  for th in compliance supply_status; do
    env -u DISPLAY "$PA" render -w "$WS" --theme $th --zone $zone --size 960x540 --out "$T/$zone-$th.png" \
      --legend-json "$T/$zone-$th.json" >"$T/$zone-$th.log" 2>&1 || fail "render $zone $th: $(tail -n 2 "$T/$zone-$th.log")"
  done
done
env -u DISPLAY "$PA" render -w "$WS" --theme invest_intensity --lang en --size 800x450 --dpi 300 --out "$T/all-en.png" \
  --legend-json "$T/all-en.json" >/dev/null 2>&1 || fail "render --lang en failed"
env -u DISPLAY "$PA" view "$WS" >"$T/view.log" 2>&1; rc=$?
[ $rc -eq 6 ] || fail "view with no display exited $rc, expected 6 (kNoDisplay): $(cat "$T/view.log")"
grep -q "no display" "$T/view.log" || fail "view with no display did not say so"
T="$T" $PY - <<'PYEOF' || exit 1
import json, os, sys
from PIL import Image
T = os.environ["T"]
def fail(m): print("viewer_legend:", m); sys.exit(1)
rep = {z["code"]: z for z in json.load(open(f"{T}/report.json"))["zones"]}
for zone in ("GANA", "GY-ETDZ", "QZ-EDZ"):
    r = rep[zone]
    comp = {c["key"]: c for c in json.load(open(f"{T}/{zone}-compliance.json"))["classes"]}
    for key, field in (("meets", "compliant_parcels"), ("below", "noncompliant_parcels"), ("nodata", "nodata_parcels")):
        if comp[key]["count"] != r[field]:
            fail(f"{zone}: legend {key} {comp[key]['count']} != report {field} {r[field]}")
    sup = json.load(open(f"{T}/{zone}-supply_status.json"))
    if sup["shown_count"] != r["parcel_count"]:
        fail(f"{zone}: legend total {sup['shown_count']} != report parcel_count {r['parcel_count']}")
    if abs(sup["shown_area_mu"] - r["area_mu"]) > 0.5:
        fail(f"{zone}: legend 亩 {sup['shown_area_mu']:.1f} != report {r['area_mu']:.1f}")
    for c in sup["classes"]:
        want = r.get("area_mu_by_supply_status", {}).get(c["key"], 0.0)
        if abs(c["area_mu"] - want) > 0.5:
            fail(f"{zone}: legend {c['key']} {c['area_mu']:.1f} 亩 != report {want:.1f}")
    im = Image.open(f"{T}/{zone}-compliance.png")
    if im.size != (960, 540): fail(f"{zone}: PNG size {im.size}")
    if abs(im.info.get("dpi", (0, 0))[0] - 96) > 0.5: fail(f"{zone}: PNG resolution {im.info.get('dpi')} (want 96 dpi)")
hi = Image.open(f"{T}/all-en.png")
hi.load()  # the inserted pHYs chunk keeps the PNG valid (checksums checked on load)
if abs(hi.info.get("dpi", (0, 0))[0] - 300) > 0.5: fail(f"render --dpi 300 wrote {hi.info.get('dpi')}")
en = json.load(open(f"{T}/all-en.json"))
if en["classes"][0]["label_en"] == en["classes"][0]["label_zh"]: fail("English labels equal the Chinese ones")
print("viewer_legend: legend counts and 亩 equal the report for 3 zones; view without display exits 6")
PYEOF
