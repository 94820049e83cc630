#!/bin/bash
# `parkatlas chains -w W` works from any folder: the default config/industry_chains.json is found next to the
# executable or in the source tree, not only in the current folder; --config and PARKATLAS_CONFIG_DIR still win.
# usage: cluster_chains_anywhere.sh PARKATLAS_EXE SOURCE_DIR SCRATCH_DIR
set -eu
source "$(dirname "$0")/lib/sample.sh"
PA=$(readlink -f "$1"); SRC=$(readlink -f "$2"); T=$3
rm -rf "$T"; mkdir -p "$T/elsewhere"; T=$(readlink -f "$T")
fail() { echo "FAIL: $*"; exit 1; }
[ -f "$SRC/gis-data/zones.shp" ] || { echo "SKIP: no bundled sample in gis-data/"; exit 77; }
cd "$SRC"
import_sample "$T/ws.sqlite" "$T/import.log" || fail "import: $(tail -n 2 "$T/import.log")"
"$PA" chains -w "$T/ws.sqlite" --format json >"$T/from_source.json" || fail "chains from the source folder"
cd "$T/elsewhere"
unset PARKATLAS_CONFIG_DIR
"$PA" chains -w "$T/ws.sqlite" --format json >"$T/from_elsewhere.json" 2>"$T/err.txt" \
  || fail "chains from another folder: $(cat "$T/err.txt")"
cmp -s "$T/from_source.json" "$T/from_elsewhere.json" || fail "chains from another folder gives another answer"
/usr/bin/python3 - "$T/from_elsewhere.json" <<'PY' || exit 1
import json, sys
j = json.load(open(sys.argv[1]))
if len(j["pairs"]) < 5: print("FAIL: only %d chain pairs read" % len(j["pairs"])); sys.exit(1)
PY
# A config/ in the current folder is used (a local edit wins), and PARKATLAS_CONFIG_DIR over it.
mkdir -p config env
echo '{"chains": [{"upstream": "铝及铝加工", "downstream": "先进装备制造"}]}' >config/industry_chains.json
n=$("$PA" chains -w "$T/ws.sqlite" --format json | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["pairs"]))')
[ "$n" = 1 ] || fail "./config/industry_chains.json not used (pairs: $n)"
set +e
PARKATLAS_CONFIG_DIR="$T/env" "$PA" chains -w "$T/ws.sqlite" >/dev/null 2>"$T/err2.txt"; rc=$?
set -e
[ $rc -eq 3 ] || fail "a PARKATLAS_CONFIG_DIR without the file should exit 3 (bad input), got $rc"
grep -q "env/industry_chains.json" "$T/err2.txt" || fail "the error does not name the missing file: $(cat "$T/err2.txt")"
echo "ok: chains finds its configuration from any folder"
