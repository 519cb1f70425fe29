#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up and runs every test: the fuzzers briefly, the suites under ASan+UBSan, then
# the suites of the normal build. CTest's summary line of the normal build comes last.
#
# usage: tests/run.sh        (BALIE_FUZZ_SECONDS sets how long each fuzzer runs; default 30)
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$source_dir"

packaging/setup.sh fuzz asan dev

fuzz_seconds=${BALIE_FUZZ_SECONDS:-30}
for fuzzer in build/fuzz/tests/fuzz/*_fuzzer; do
    name=$(basename "$fuzzer")
    echo "== fuzzing $name for ${fuzz_seconds}s"
    work=$(mktemp -d)
    cp -r "tests/fuzz/corpus/$name/." "$work/"
    "$fuzzer" -max_total_time="$fuzz_seconds" -print_final_stats=0 "$work" 2>&1 | tail -n 3
    rm -rf "$work"
done

echo "== tests under AddressSanitizer and UndefinedBehaviorSanitizer"
ctest --preset asan

echo "== tests"
ctest --preset dev
