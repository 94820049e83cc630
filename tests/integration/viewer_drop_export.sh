#!/bin/bash
# The viewer's drag-and-drop and PNG export under Xvfb, through the test hooks of `parkatlas view` (docs/viewer.md,
# "Test hooks"), which go through the same code as a real drop / the import button / key P:
#  1. a workspace with zones + parcels only; the ledger (projects.xlsx) dropped as ledger and imported from the import
#     panel: the projects arrive (report JSON) and the import log names the ledger;
#  2. a bad drop (a .txt file): the import panel shows an error and the workspace is unchanged (report JSON and file
#     checksum before/after);
#  3. export at 2x from an 800x600 window: a 1600x1200 PNG with the theme's colours.
# usage: viewer_drop_export.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "viewer_drop_export: $*"; exit 1; }
command -v xvfb-run >/dev/null || { echo "viewer_drop_export: no xvfb-run, skipped"; exit 77; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "viewer_drop_export: no bundled sample, skipped"; exit 77; }
view() { with_x timeout 300 "$PA" view "$@"; }
total() { $PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"][sys.argv[2]])' "$1" "$2"; }
WS=$T/ws.sqlite
"$PA" import -w "$WS" --zones "$SRC/gis-data/zones.shp" --parcels "$SRC/gis-data/parcels_guian.gpkg" \
  --parcels "$SRC/gis-data/parcels_guiyang.shp" >"$T/import.log" 2>&1 || fail "import failed: $(tail -n 2 "$T/import.log")"
"$PA" report -w "$WS" --format json >"$T/r0.json" || fail "report failed"
[ "$(total "$T/r0.json" project_count)" = 0 ] || fail "the start workspace already has projects"

# 1. Drop the ledger, import it from the panel.
view "$WS" --size 800x600 --drop "$SRC/gis-data/projects.xlsx" --drop-kind ledger --auto-import --quit-after-tasks \
  >"$T/drop.log" 2>&1 || fail "view with the dropped ledger failed: $(tail -n 3 "$T/drop.log")"
grep -q "^import panel: " "$T/drop.log" || fail "the import panel showed nothing: $(tail -n 3 "$T/drop.log")"
grep -q "^import panel: error" "$T/drop.log" && fail "the ledger import failed: $(grep 'import panel' "$T/drop.log")"
"$PA" report -w "$WS" --format json >"$T/r1.json" || fail "report after the drop failed"
n=$(total "$T/r1.json" project_count)
rows=$(( $(wc -l <"$SRC/gis-data/projects.csv") - 1 ))  # the same rows as projects.xlsx (the generator writes both)
[ "$n" = "$rows" ] || fail "after the dropped ledger the report has $n projects, expected the ledger's $rows"
[ "$(total "$T/r1.json" parcel_count)" = "$(total "$T/r0.json" parcel_count)" ] || fail "the parcels changed"
"$PA" info -w "$WS" --lang en >"$T/info.txt" || fail "info failed"
grep -E "^import .* ledger .*projects\.xlsx.*stored=$rows" "$T/info.txt" >/dev/null \
  || fail "the import log has no ledger entry: $(grep '^import' "$T/info.txt" | tail -n 2)"

# 2. A bad drop: an error in the panel, nothing changed.
echo "not a layer" >"$T/notes.txt"
sum0=$(md5sum <"$WS")
view "$WS" --size 800x600 --drop "$T/notes.txt" --auto-import --quit-after-tasks >"$T/bad.log" 2>&1 \
  || fail "view with the bad drop failed (it must show the error, not exit): $(tail -n 3 "$T/bad.log")"
grep -q "^import panel: error: .*notes.txt" "$T/bad.log" || fail "no error naming the file in the import panel: $(tail -n 3 "$T/bad.log")"
"$PA" report -w "$WS" --format json >"$T/r2.json" || fail "report after the bad drop failed"
cmp -s "$T/r1.json" "$T/r2.json" || fail "the bad drop changed the report"
[ "$(md5sum <"$WS")" = "$sum0" ] || fail "the bad drop changed the workspace file"

# 3. Export at 2x from an 800x600 window.
view "$WS" --size 800x600 --export-png "$T/export.png" --export-factor 2 --quit-after-tasks >"$T/export.log" 2>&1 \
  || fail "view --export-png failed: $(tail -n 3 "$T/export.log")"
[ -f "$T/export.png" ] || fail "no exported PNG: $(tail -n 3 "$T/export.log")"
T="$T" ROWS="$rows" $PY - <<'PYEOF' || exit 1
import os, sys
from PIL import Image
T = os.environ["T"]
im = Image.open(f"{T}/export.png").convert("RGB")
if im.size != (1600, 1200): print("viewer_drop_export: exported PNG is", im.size, "expected (1600, 1200)"); sys.exit(1)
cols = im.getcolors(1 << 24)
total = im.size[0] * im.size[1]
# The invest_intensity theme's viridis classes must appear on the exported map.
viridis = [(70, 16, 96), (62, 74, 137), (31, 158, 137), (109, 205, 89)]
def near(a, b): return sum(abs(x - y) for x, y in zip(a, b)) < 60
present = [v for v in viridis if sum(c for c, rgb in cols if near(rgb, v)) > 20]
if len(present) < 2: print("viewer_drop_export: theme colours not found in the export:", present); sys.exit(1)
if max(c for c, _ in cols) / total > 0.9: print("viewer_drop_export: the export is one colour"); sys.exit(1)
print("viewer_drop_export: ledger dropped and imported (%s projects), bad drop refused, export 1600x1200 with" % os.environ.get("ROWS", "?"),
      len(present), "theme colours")
PYEOF
