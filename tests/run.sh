#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up and runs every test: the fuzzers briefly, then every suite under
# AddressSanitizer and UndefinedBehaviorSanitizer (one build runs the tests: a sanitizer build checks
# everything a plain build does, and more). CTest's summary line comes last.
#
# usage: tests/run.sh        (BALIE_FUZZ_SECONDS sets how long each fuzzer runs; default 30)
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$source_dir"

packaging/setup.sh asan
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target balie_fuzzers

shopt -s nullglob
fuzz_seconds=${BALIE_FUZZ_SECONDS:-30}
for fuzzer in build/fuzz/tests/fuzz/*_fuzzer; do
    name=$(basename "$fuzzer")
    echo "== fuzzing $name for ${fuzz_seconds}s"
    work=$(mktemp -d)
    cp -r "tests/fuzz/corpus/$name/." "$work/"
    log="$work.log"
    if ! "$fuzzer" -max_total_time="$fuzz_seconds" "$work" >"$log" 2>&1; then
        cat "$log"
        echo "fuzzer $name found a failure" >&2
        exit 1
    fi
    tail -n 1 "$log"
    rm -rf "$work" "$log"
done

echo "== tests under AddressSanitizer and UndefinedBehaviorSanitizer"
ctest --preset asan
