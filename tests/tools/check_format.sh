#!/bin/bash
# Fails when a C++ file of the project differs from .clang-format (clang-format --dry-run --Werror).
# Usage: check_format.sh CLANG_FORMAT SOURCE_DIR
set -u
CF=$1; SRC=$2
cd "$SRC" || exit 1
command -v git >/dev/null && [ -d .git ] || { echo "check_format: not a git checkout, skipped"; exit 77; }
bad=0
for f in $(git ls-files 'src/*.cpp' 'src/*.hpp' 'src/*.h' 'bench/*.cpp' 'tests/*.cpp' 'tests/*.hpp'); do
  [ -f "$f" ] || continue
  if ! "$CF" --dry-run --Werror "$f" >/dev/null 2>&1; then echo "not formatted: $f"; bad=$((bad + 1)); fi
done
[ $bad = 0 ] || { echo "check_format: $bad files differ from .clang-format; run: clang-format -i FILE"; exit 1; }
echo "check_format: all files follow .clang-format"
