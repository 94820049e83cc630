#!/bin/bash
# parkatlas animate: the month-by-month replay as a video, with no display. An MP4 of 2021-01..2021-06 decodes
# (ffprobe) with exactly 6 frames of the asked size; a GIF of the whole replay has one frame per month; the
# first and last frames differ (the land states and the month change); the zone's counters are its own; a
# wrong extension, a reversed range, an --out that is the workspace and a malformed month are refused with
# exit 3 and a sentence, the workspace left byte for
# byte.
# usage: animate_cli.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
source "$(dirname "$0")/lib/sample.sh"
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
command -v ffprobe >/dev/null && command -v ffmpeg >/dev/null || { echo "animate_cli: ffmpeg/ffprobe missing (tools/setup installs them)"; exit 77; }
rm -rf "$T"; mkdir -p "$T"
fail() { echo "animate_cli: FAIL: $*"; exit 1; }
WS=$T/ws.sqlite
import_sample "$WS" "$T/import.log" || fail "import failed: $(tail -n 2 "$T/import.log")"
anim() { env -u DISPLAY "$PA" animate -w "$WS" "$@"; }
frames() { ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$1"; }

anim --from 2021-01 --to 2021-06 --fps 2 --size 640x360 --out "$T/r.mp4" 2>"$T/mp4.err" || fail "mp4: $(cat "$T/mp4.err")"
[ "$(frames "$T/r.mp4")" = 6 ] || fail "the MP4 of 2021-01..06 has $(frames "$T/r.mp4") frames, want 6"
size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height,codec_name -of csv=p=0 "$T/r.mp4")
[ "$size" = "h264,640,360" ] || fail "the MP4 stream is '$size', want h264,640,360"
grep -q "6 frames" "$T/mp4.err" || fail "animate does not say how many frames it wrote: $(cat "$T/mp4.err")"
sum_before=$(md5sum <"$WS")  # after the first run, which may store the parcels' triangulation cache

# Odd sizes: an MP4 is encoded at even sizes (yuv420p), not refused.
anim --from 2021-01 --to 2021-02 --size 641x361 --out "$T/odd.mp4" 2>"$T/odd.err" || fail "odd size: $(cat "$T/odd.err")"
[ "$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$T/odd.mp4")" = "640,360" ] || fail "odd size not made even"

# The whole replay as a GIF (default range 2021-01 to the data's last month: 36 months in the sample).
anim --fps 6 --size 480x270 --out "$T/r.gif" 2>"$T/gif.err" || fail "gif: $(cat "$T/gif.err")"
[ "$(frames "$T/r.gif")" = 36 ] || fail "the GIF has $(frames "$T/r.gif") frames, want 36 (2021-01..2023-12)"
ffmpeg -v error -i "$T/r.gif" -vsync 0 "$T/g%02d.png" || fail "the GIF does not decode"

# A zone's replay counts its own projects: its last frame differs from the city's, and its first from its last.
anim --zone GANA --from 2021-01 --to 2023-12 --fps 12 --size 640x360 --out "$T/gana.mp4" 2>"$T/gana.err" || fail "zone: $(cat "$T/gana.err")"
ffmpeg -v error -i "$T/gana.mp4" -vsync 0 "$T/z%02d.png" || fail "the zone's MP4 does not decode"
T="$T" $PY - <<'PYEOF' || exit 1
import os, sys
import numpy as np
from PIL import Image
T = os.environ["T"]
def img(p): return np.asarray(Image.open(p).convert("RGB")).astype(int)
def fail(m): print("animate_cli: FAIL:", m); sys.exit(1)
first, last = img(T + "/g01.png"), img(T + "/g36.png")
h, w, _ = first.shape
if (w, h) != (480, 270): fail("GIF frames are %dx%d" % (w, h))
changed = (np.abs(first - last).sum(axis=2) > 60).mean()
if changed < 0.002: fail("the first and last months look the same (%.4f of pixels differ)" % changed)
# the title strip (top 12 %) changes: the month and the counters are in it
top = (np.abs(first[: h // 8] - last[: h // 8]).sum(axis=2) > 60).sum()
if top < 30: fail("the title strip does not change between months (%d pixels)" % top)
z1, z36 = img(T + "/z01.png"), img(T + "/z36.png")
if (np.abs(z1 - z36).sum(axis=2) > 60).mean() < 0.002: fail("the zone's replay does not change")
PYEOF

# Refusals: exit 3, a sentence, the workspace unchanged.
expect3() {
  local what=$1; shift
  anim "$@" >"$T/x.out" 2>"$T/x.err"; local rc=$?
  [ $rc = 3 ] || fail "$what: exit $rc, want 3 ($(head -c 200 "$T/x.err"))"
  grep -q "internal error" "$T/x.err" && fail "$what: internal error"
  return 0
}
expect3 "an .avi" --out "$T/r.avi"
grep -q "mp4" "$T/x.err" || fail "the .avi refusal does not name the formats: $(cat "$T/x.err")"
expect3 "a reversed range" --from 2022-06 --to 2021-06 --out "$T/rev.mp4"
grep -q "before" "$T/x.err" || fail "the reversed range is not explained: $(cat "$T/x.err")"
expect3 "a malformed month" --from 2021-13 --out "$T/m.mp4"
expect3 "--out the workspace" --out "$WS"
[ ! -e "$T/r.avi" ] && [ ! -e "$T/rev.mp4" ] || fail "a refused run left a file"
[ "$(md5sum <"$WS")" = "$sum_before" ] || fail "animate changed the workspace"
echo "animate_cli: ok (mp4 6 frames 640x360, gif 36 frames, zone replay, 4 refusals)"
