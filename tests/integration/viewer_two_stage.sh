#!/bin/bash
# The two-stage open in the viewer (large workspaces: the first frame from the lean parcel columns and the cached
# mesh, then geometry, picking and the ledger on the worker), forced on the bundled sample with
# PARKATLAS_TWO_STAGE_FROM=0: once the worker is done, the viewer holds the same projects, links, problems and project
# points as a one-stage open, and the timings show both stages.
# usage: viewer_two_stage.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
source "$(dirname "$0")/lib/with_x.sh"
PA=$1; SRC=$2; T=$3
rm -rf "$T"; mkdir -p "$T"
fail() { echo "viewer_two_stage: $*"; exit 1; }
command -v xvfb-run >/dev/null || { echo "viewer_two_stage: no xvfb-run, skipped"; exit 77; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "viewer_two_stage: no bundled sample, skipped"; exit 77; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
# One stage first (it also writes the mesh cache the two-stage open needs to take its lean path).
PARKATLAS_ONE_STAGE_OPEN=1 with_x timeout 300 "$PA" view "$WS" --quit-after-tasks --timings >"$T/one.log" 2>&1 ||
  fail "one-stage view failed: $(tail -n 3 "$T/one.log")"
PARKATLAS_TWO_STAGE_FROM=0 with_x timeout 300 "$PA" view "$WS" --quit-after-tasks --timings >"$T/two.log" 2>&1 ||
  fail "two-stage view failed: $(tail -n 3 "$T/two.log")"
one=$(grep '^ledger:' "$T/one.log"); two=$(grep '^ledger:' "$T/two.log")
[ -n "$one" ] || fail "no ledger line in the one-stage run: $(cat "$T/one.log")"
[ "$one" = "$two" ] || fail "the two-stage open differs: '$two', one stage: '$one'"
grep -q "^open: parcels (23 columns, no geometry)" "$T/two.log" || fail "the lean first stage did not run: $(cat "$T/two.log")"
grep -q "^open: stage 2: projects, links, problems" "$T/two.log" || fail "stage 2 did not run: $(cat "$T/two.log")"
points=$(echo "$one" | sed -E 's/.* ([0-9]+) project points.*/\1/')
[ "${points:-0}" -gt 1000 ] || fail "too few project points: $one"
echo "viewer_two_stage: $two"
