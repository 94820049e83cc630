#!/bin/bash
# The map furniture of `parkatlas render` as a projector shows it, on the bundled sample (no X display):
#  - project markers off at city scale on 1600x900, 3508x2480 and 3840x2160 (parcel colours visible), on at a
#    zone's scale with a legend row for them;
#  - output and tax themes classified on their own (auto: Jenks, several classes), investment at the zone
#    thresholds, an explicit --method still the user's;
#  - legend columns with a gap between them (measured from their widest cell);
#  - no zone label or leader line over the legend, scale bar, north arrow, title strip or footer;
#  - --zone GANA shows every part of 贵安新区, clear of the furniture, each part labelled;
#  - land_state --zone names the zone in its title and outlines only that zone's idle parcels, with a legend
#    row; no red outline outside the zone;
#  - --font-scale 1.4: the legend's characters at least 2.5 % of the picture's height, the legend fitting.
# usage: render_furniture.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "render_furniture: FAIL: $*"; exit 1; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "render_furniture: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
r() {  # r NAME ARGS...: render NAME.png and NAME.json
  local name=$1; shift
  env -u DISPLAY "$PA" render -w "$WS" --out "$T/$name.png" --legend-json "$T/$name.json" "$@" \
    >"$T/$name.log" 2>&1 || fail "render $name ($*): $(tail -n 2 "$T/$name.log")"
}
for size in 1600x900 3508x2480 3840x2160; do r "city-$size" --theme invest_intensity --size $size; done
r zone-markers --theme compliance --zone GY-CBZ --size 1600x900
r tax --theme tax_per_mu --zone GANA --size 1600x900
r output --theme output_intensity --size 1600x900
r invest --theme invest_intensity --zone GANA --size 1600x900
r tax-threshold --theme tax_per_mu --zone GANA --size 1600x900 --method threshold
r ls-gana --theme land_state --zone GANA --size 1600x900 --as-of 2023-12-31
r ls-all --theme land_state --size 1600x900 --as-of 2023-12-31
for zone in GANA GY-ETDZ GY-HTZ GY-CBZ SL-AEZ; do
  for size in 1600x900 3508x2480 960x540; do
    for fs in 1 1.4; do r "lay-$zone-$size-$fs" --theme land_state --zone $zone --size $size --font-scale $fs; done
  done
done
for size in 1280x720 1920x1080 3840x2160 960x540; do r "pres-$size" --theme industry --size $size --font-scale 1.4; done
env -u DISPLAY "$PA" render -w "$WS" --theme tax_per_mu --method bogus --out "$T/bad.png" >/dev/null 2>"$T/bad.err"
grep -q "auto" "$T/bad.err" || fail "an unknown --method does not list auto: $(cat "$T/bad.err")"
"$PA" render --help 2>&1 | grep -q "presentation" || fail "render --help does not document the presentation font scale"

T="$T" $PY - <<'PYEOF' || exit 1
import glob, json, os, sys
from PIL import Image
T = os.environ["T"]
def fail(m): print("render_furniture: FAIL:", m); sys.exit(1)
def load(n): return json.load(open(f"{T}/{n}.json"))
def inter(a, b, g=0.0):
    return not (a[2] + g <= b[0] or a[0] >= b[2] + g or a[3] + g <= b[1] or a[1] >= b[3] + g)
def seg_hits(r, x0, y0, x1, y1):
    t0, t1, dx, dy = 0.0, 1.0, x1 - x0, y1 - y0
    for p, q in ((-dx, x0 - r[0]), (dx, r[2] - x0), (-dy, y0 - r[1]), (dy, r[3] - y0)):
        if p == 0:
            if q < 0: return False
            continue
        t = q / p
        if p < 0: t0 = max(t0, t)
        else: t1 = min(t1, t)
        if t0 > t1: return False
    return True

# 1. Project markers: off at city scale on every size, on at a zone's scale with a legend row.
for size in ("1600x900", "3508x2480", "3840x2160"):
    j = load(f"city-{size}")
    if j["project_markers"]: fail(f"project markers drawn at city scale on {size}")
    if any(e["key"] == "projects" for e in j["extra_rows"]): fail(f"markers' legend row without markers ({size})")
z = load("zone-markers")
if not z["project_markers"]: fail("no project markers at a zone's scale (GY-CBZ)")
if not any(e["key"] == "projects" for e in z["extra_rows"]): fail("project markers drawn without a legend row")
# The city picture shows the parcels' colours: the legend's class colours appear in the map area.
im = Image.open(f"{T}/city-3508x2480.png").convert("RGB")
j = load("city-3508x2480")
lg = j["layout"]["furniture"]["legend"]
want = {tuple(int(c["color"][i:i + 2], 16) for i in (1, 3, 5)) for c in j["classes"][:-1]}
px = im.load()
seen = {}
for y in range(0, im.size[1], 2):
    for x in range(0, int(lg[0]), 2):
        c = px[x, y]
        if c in want: seen[c] = seen.get(c, 0) + 1
if len(seen) < len(want) or min(seen.values()) < 200:
    fail(f"parcel colours hardly visible at city scale on 3508x2480: {seen}")

# 2. Classification defaults.
for n in ("tax", "output"):
    j = load(n)
    if j["method"] != "jenks": fail(f"{n}: default method {j['method']}, want jenks")
    full = [c for c in j["classes"] if c["key"] != "nodata" and c["count"] > 0]
    if len(full) < 4: fail(f"{n}: only {len(full)} non-empty classes: {[(c['label_zh'], c['count']) for c in j['classes']]}")
if load("invest")["method"] != "threshold": fail("invest_intensity no longer at the zone thresholds")
if load("invest")["breaks"] != [300.0, 500.0]: fail(f"invest breaks {load('invest')['breaks']}")
if load("tax-threshold")["method"] != "threshold": fail("an explicit --method threshold was not honoured")

# 3./4./5./6./9. Layout of every picture: columns, labels and leaders, zone parts, type size.
for f in sorted(glob.glob(f"{T}/*.json")):
    j = json.load(open(f)); L = j.get("layout")
    if not L: continue
    name = os.path.basename(f)
    furn = L["furniture"]
    cols = L["legend_columns"]
    if cols["mu_right"] - cols["mu_width"] - cols["count_right"] < cols["gap"] - 0.01 or cols["gap"] <= 0:
        fail(f"{name}: legend columns run together: {cols}")
    if not L["legend_fits"]: fail(f"{name}: the legend does not fit")
    lgb = furn["legend"]
    if lgb[0] < 0 or lgb[2] > L["width"] or lgb[3] > furn.get("footer", [0, L["height"]])[1] + 0.5:
        fail(f"{name}: legend {lgb} outside the picture or over the footer")
    for lab in L["labels"]:
        for fn, r in furn.items():
            if inter(lab["box"], r): fail(f"{name}: label {lab['text']} over the {fn}")
            if "leader" in lab and seg_hits(r, *lab["leader"]): fail(f"{name}: leader of {lab['text']} crosses the {fn}")
    if j["zone"]:
        parts = [p for p in L["zone_parts"] if p["zone"] == j["zone"]]
        for p in parts:
            b = p["box"]
            if b[0] < 0 or b[1] < 0 or b[2] > L["width"] or b[3] > L["height"]: fail(f"{name}: a part of {j['zone']} cut off: {b}")
            for fn, r in furn.items():
                if inter(b, r): fail(f"{name}: a part of {j['zone']} {b} under the {fn} {r}")
        labelled = sum(1 for lab in L["labels"] if lab["zone"] == j["zone"])
        if labelled < len(parts): fail(f"{name}: {labelled} labels for the {len(parts)} parts of {j['zone']}")
        if j["zone"] == "GANA" and len(parts) != 3: fail(f"GANA has {len(parts)} parts, want 3")
    if j["font_scale"] >= 1.4 and L["legend_em_px"] < 0.025 * L["height"]:
        fail(f"{name}: legend characters {L['legend_em_px']} px < 2.5 % of {L['height']}")

# 8. Land state of one zone: its name in the title, its idle parcels only, with a legend row.
g, a = load("ls-gana"), load("ls-all")
if "贵安新区" not in g["title"]: fail(f"land-state title without the zone: {g['title']}")
hg = [e for e in g["extra_rows"] if e["key"] == "highlight"]
ha = [e for e in a["extra_rows"] if e["key"] == "highlight"]
if not hg or not ha: fail("no legend row for the idle outlines")
if not 0 < hg[0]["count"] < ha[0]["count"]: fail(f"idle outlines of GANA {hg[0]['count']} vs all {ha[0]['count']}")
im = Image.open(f"{T}/ls-gana.png").convert("RGB"); px = im.load()
L = g["layout"]; furn = L["furniture"]
parts = [p["box"] for p in L["zone_parts"]]
red_out = 0
for y in range(int(furn["title"][3]) + 1, int(furn["footer"][1])):
    for x in range(0, L["width"]):
        rr, gg, bb = px[x, y]
        if rr > 170 and gg < 60 and bb < 70:
            if inter([x, y, x + 1, y + 1], furn["legend"]): continue
            if any(inter([x, y, x + 1, y + 1], b, 3) for b in parts): continue
            red_out += 1
if red_out > 0: fail(f"{red_out} idle-outline pixels outside 贵安新区")
print("render_furniture: markers off at city scale, theme defaults, legend columns, labels clear of the "
      "furniture, zone parts shown, land-state zone title and outlines, presentation type size: ok")
PYEOF
