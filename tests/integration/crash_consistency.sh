#!/bin/bash
# Integration: kill -9 at random points of an import, a report --out and a render. Afterwards the workspace passes
# PRAGMA integrity_check and holds either the content before or the complete content after, and an output file is
# either the previous one or complete (never half written); no temporary file is left that a user could mistake.
# Usage: crash_consistency.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -u
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
rm -rf "$T"; mkdir -p "$T"
cd "$SRC" || exit 1
fail() { echo "crash_consistency: FAIL: $*"; exit 1; }
RANDOM=${PA_CRASH_SEED:-42}
WS=$T/ws.sqlite
# Before: zones and the GeoPackage parcels; after: all parcels and the ledger.
"$PA" import -w "$WS" --zones gis-data/zones.shp --parcels gis-data/parcels_guian.gpkg >/dev/null 2>&1 || fail "first import"
"$PA" report -w "$WS" --format json >"$T/before.json" 2>/dev/null || fail "report before"
cp "$WS" "$T/after.sqlite"
ALL=(--parcels gis-data/parcels_guian.gpkg --parcels gis-data/parcels_guiyang.shp --ledger gis-data/projects.xlsx)
import_all() { "$PA" import -w "$1" "${ALL[@]}"; }
import_all "$T/after.sqlite" >/dev/null 2>&1 || fail "full import"
"$PA" report -w "$T/after.sqlite" --format json >"$T/after.json" 2>/dev/null || fail "report after"
# How long a whole import takes here, to spread the kills over it.
s=$(date +%s%N); cp "$WS" "$T/timing.sqlite"; import_all "$T/timing.sqlite" >/dev/null 2>&1; e=$(date +%s%N)
span_ms=$(( (e - s) / 1000000 + 50 ))
kill_at() {  # MS CMD...: runs CMD (a program, not a shell function: the kill must reach it), SIGKILL after MS ms
  local ms=$1; shift
  "$@" >/dev/null 2>&1 & local pid=$!
  sleep "$(printf '0.%03d' "$ms")" 2>/dev/null || sleep "$((ms / 1000))"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
}
same=0; done_=0
for i in 1 2 3 4 5 6 7 8; do
  cp "$WS" "$T/k.sqlite"; rm -f "$T/k.sqlite-journal" "$T/k.sqlite-wal" "$T/k.sqlite-shm"
  ms=$(( RANDOM % (span_ms * 9 / 10) )); [ $ms -gt 999 ] && ms=999
  kill_at "$ms" "$PA" import -w "$T/k.sqlite" "${ALL[@]}"
  "$PA" report -w "$T/k.sqlite" --format json >"$T/k.json" 2>"$T/k.err" || fail "kill at ${ms} ms: report failed: $(head -c 200 "$T/k.err")"
  ok=$(sqlite3 "$T/k.sqlite" "PRAGMA integrity_check" 2>&1)
  [ "$ok" = ok ] || fail "kill at ${ms} ms: integrity_check says $ok"
  if cmp -s "$T/k.json" "$T/before.json"; then same=$((same + 1));
  elif cmp -s "$T/k.json" "$T/after.json"; then done_=$((done_ + 1));
  else fail "kill at ${ms} ms: the workspace holds neither the before nor the after content"; fi
done
echo "  import killed 8 times: $same as before, $done_ complete"

# Outputs: previous file or a complete new one.
cp "$T/after.sqlite" "$T/o.sqlite"
"$PA" report -w "$T/o.sqlite" --out "$T/r.xlsx" >/dev/null 2>&1 || fail "report --out"
"$PA" render -w "$T/o.sqlite" --theme compliance --size 1600x1200 --out "$T/m.png" >/dev/null 2>&1 || fail "render"
r_prev=$(md5sum <"$T/r.xlsx"); m_prev=$(md5sum <"$T/m.png")
for i in 1 2 3 4 5 6; do
  kill_at $(( RANDOM % 400 )) "$PA" report -w "$T/o.sqlite" --lang en --out "$T/r.xlsx"
  kill_at $(( RANDOM % 900 )) "$PA" render -w "$T/o.sqlite" --theme invest_intensity --size 1600x1200 --out "$T/m.png"
  if [ "$(md5sum <"$T/r.xlsx")" != "$r_prev" ]; then
    ogrinfo -ro -so "$T/r.xlsx" >/dev/null 2>&1 || fail "a killed report --out left a damaged r.xlsx"
    r_prev=$(md5sum <"$T/r.xlsx")
  fi
  if [ "$(md5sum <"$T/m.png")" != "$m_prev" ]; then
    $PY -c "from PIL import Image; import sys; im = Image.open(sys.argv[1]); im.load(); assert im.size == (1600, 1200)" "$T/m.png" \
      2>/dev/null || fail "a killed render left a damaged m.png"
    m_prev=$(md5sum <"$T/m.png")
  fi
done
echo "  report --out and render killed 6 times each: outputs always whole"
echo "crash_consistency: ok"
