#!/usr/bin/env bash
# Regenerates the bundled sample into a temporary folder and compares every file byte for byte
# with gis-data/ (and that no file is missing or extra on either side).
# Usage: gen_sample_deterministic.sh REPO_ROOT TMP_DIR
set -u
repo=${1:?usage: $0 REPO_ROOT TMP_DIR}
tmp=${2:?usage: $0 REPO_ROOT TMP_DIR}
py=/usr/bin/python3
out="$tmp/gen_sample_deterministic.$$"
rm -rf "$out"
mkdir -p "$out" || { echo "FAIL: cannot create $out" >&2; exit 2; }
trap 'rm -rf "$out"' EXIT

if ! "$py" "$repo/tools/gen_sample.py" --out "$out" 2>"$out.log"; then
    echo "FAIL: tools/gen_sample.py exited non-zero:" >&2
    cat "$out.log" >&2
    rm -f "$out.log"
    exit 1
fi
rm -f "$out.log"

status=0
for f in "$repo"/gis-data/*; do
    name=$(basename "$f")
    if [ ! -e "$out/$name" ]; then
        echo "FAIL: gis-data/$name is not produced by the generator" >&2
        status=1
    elif ! cmp -s "$f" "$out/$name"; then
        echo "FAIL: gis-data/$name differs from a fresh regeneration ($(cmp "$f" "$out/$name" 2>&1 | head -1))" >&2
        status=1
    fi
done
for f in "$out"/*; do
    name=$(basename "$f")
    if [ ! -e "$repo/gis-data/$name" ]; then
        echo "FAIL: generator writes $name, which is missing from gis-data/" >&2
        status=1
    fi
done
if [ $status -eq 0 ]; then
    echo "OK: $(ls "$out" | wc -l) files identical to gis-data/"
else
    echo "Regenerate with: /usr/bin/python3 tools/gen_sample.py --out gis-data" >&2
fi
exit $status
