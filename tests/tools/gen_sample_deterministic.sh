#!/usr/bin/env bash
# Regenerates the bundled sample into a temporary folder and compares every file byte for byte
# with gis-data/, subfolders included (styles/), and that no file is missing or extra on either side.
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
# paths relative to each root, files only (styles/roads_trunk.json, ...)
files_of() { (cd "$1" && find . -type f | sed 's|^\./||' | LC_ALL=C sort); }
while IFS= read -r name; do
    if [ ! -f "$out/$name" ]; then
        echo "FAIL: gis-data/$name is not produced by the generator" >&2
        status=1
    elif ! cmp -s "$repo/gis-data/$name" "$out/$name"; then
        echo "FAIL: gis-data/$name differs from a fresh regeneration ($(cmp "$repo/gis-data/$name" "$out/$name" 2>&1 | head -1))" >&2
        status=1
    fi
done < <(files_of "$repo/gis-data")
while IFS= read -r name; do
    if [ ! -f "$repo/gis-data/$name" ]; then
        echo "FAIL: generator writes $name, which is missing from gis-data/" >&2
        status=1
    fi
done < <(files_of "$out")
if [ $status -eq 0 ]; then
    echo "OK: $(files_of "$out" | wc -l) files identical to gis-data/"
else
    echo "Regenerate with: /usr/bin/python3 tools/gen_sample.py --out gis-data" >&2
fi
exit $status
