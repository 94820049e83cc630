#!/bin/bash
# Where the viewer opens: `view --zone CODE` and `--bbox` fit the map to a zone's parcels or a lon/lat box (so the
# parcels there are large on screen: none is drawn as a level-of-detail point, where the whole sample has thousands
# of them), an unknown zone says so naming the zones there are, and a bad --bbox is refused with exit code 3.
# usage: viewer_start_view.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "viewer_start_view: $*"; exit 1; }
command -v xvfb-run >/dev/null || { echo "viewer_start_view: no xvfb-run, skipped"; exit 77; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "viewer_start_view: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
# A bad box: refused before any window, exit 3, a sentence naming the option.
"$PA" view "$WS" --bbox 106.7,26.5,106.6 >"$T/bad.log" 2>&1
rc=$?
[ $rc -eq 3 ] || fail "--bbox with three numbers: exit $rc, expected 3 ($(cat "$T/bad.log"))"
grep -q -- "--bbox '106.7,26.5,106.6' needs four numbers" "$T/bad.log" || fail "unclear --bbox error: $(cat "$T/bad.log")"
view() { with_x timeout 300 "$PA" view "$WS" --size 1280x720 --frames 5 --still --timings "$@"; }
points() { sed -n 's/^map: last drawn with [0-9]* primitives, \([0-9]*\) parcels as points/\1/p' "$1"; }
view >"$T/home.log" 2>&1 || fail "view failed: $(tail -n 3 "$T/home.log")"
view --zone GY-ETDZ >"$T/zone.log" 2>&1 || fail "view --zone failed: $(tail -n 3 "$T/zone.log")"
view --bbox 106.676,26.463,106.689,26.473 >"$T/bbox.log" 2>&1 || fail "view --bbox failed: $(tail -n 3 "$T/bbox.log")"
home=$(points "$T/home.log"); zone=$(points "$T/zone.log"); bbox=$(points "$T/bbox.log")
[ "${home:-0}" -gt 1000 ] || fail "the whole sample should show most parcels as points: '$home'"
[ -n "$zone" ] && [ "$zone" -lt 100 ] || fail "--zone GY-ETDZ did not zoom to the zone: $zone parcels as points"
[ "$bbox" = "0" ] || fail "--bbox did not zoom in: $bbox parcels as points"
# --zone filters as `render --zone` does: the viewer's export (the print page) has render's title and legend
# counts (the zone's parcels, not the workspace's).
if command -v pdftotext >/dev/null; then
  with_x timeout 300 "$PA" view "$WS" --size 1280x720 --zone GY-ETDZ --export-png "$T/view_zone.pdf" --quit-after-tasks \
    >"$T/export.log" 2>&1 || fail "view --zone --export-png failed: $(tail -n 3 "$T/export.log")"
  "$PA" render -w "$WS" --zone GY-ETDZ --out "$T/render_zone.pdf" >/dev/null 2>&1 || fail "render --zone to PDF failed"
  for f in view_zone render_zone; do pdftotext -layout "$T/$f.pdf" "$T/$f.txt" || fail "pdftotext $f"; done
  vt=$(grep -m1 "合计" "$T/view_zone.txt" | tr -s ' '); rt=$(grep -m1 "合计" "$T/render_zone.txt" | tr -s ' ')
  [ -n "$vt" ] && [ "$vt" = "$rt" ] || fail "view --zone's legend total '$vt' differs from render --zone's '$rt'"
  grep -q "贵阳经济技术开发区 · 固定资产投资强度" "$T/view_zone.txt" || fail "view --zone's export title: $(head -n 3 "$T/view_zone.txt")"
  all=$("$PA" report -w "$WS" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["totals"]["parcel_count"])')
  echo "$vt" | grep -qw "$all" && fail "view --zone's legend counts the whole workspace ($all parcels)"
fi
# An unknown zone: the whole workspace, and the message names the zones there are.
with_x timeout 300 "$PA" view "$WS" --size 1280x720 --zone NOPE --quit-after-tasks >"$T/nope.log" 2>&1 ||
  fail "view --zone NOPE failed: $(tail -n 3 "$T/nope.log")"
grep -q "error: --zone 'NOPE' is not a zone of this workspace; its zones are: .*GY-ETDZ" "$T/nope.log" ||
  fail "no message for an unknown zone: $(cat "$T/nope.log")"
echo "viewer_start_view: home $home points, --zone $zone, --bbox $bbox; bad box and unknown zone refused clearly"
