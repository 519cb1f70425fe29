#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up and runs Balie on this machine: builds the programs, then lets the technician's
# CLI check sample INSZ/BIS numbers and read sample machine readable zones.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$source_dir"

packaging/setup.sh dev

balie=build/dev/kiosk/cli/balie
samples=kiosk/cli/samples

run() {
    echo
    echo "\$ $*"
    "$@" || echo "(exit code $?)"
}

for number in 93051822361 42.01.22-051.81 93451822350 93251822307 01020300467 93051822362; do
    run "$balie" insz check "$number"
done
run "$balie" insz check --json 93051822361

for mrz in "$samples"/*.mrz; do
    echo
    echo "\$ $balie mrz parse < $mrz"
    "$balie" mrz parse < "$mrz" || echo "(exit code $?)"
done
echo
echo "\$ $balie mrz parse --json < $samples/identity-card-td1.mrz"
"$balie" mrz parse --json < "$samples/identity-card-td1.mrz" || echo "(exit code $?)"
