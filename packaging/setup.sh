#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian packages Balie needs (packaging/debian-packages.txt) and builds a preset.
# Safe to run again: it only calls apt-get when a package is missing.
#
# usage: packaging/setup.sh [PRESET...]     (default preset: dev)
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

install_packages() {
    local wanted missing=()
    mapfile -t wanted < <(sed -e 's/#.*//' "$source_dir/packaging/debian-packages.txt" | awk 'NF { print $1 }')
    for package in "${wanted[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if ((${#missing[@]} == 0)); then
        return
    fi
    local sudo=()
    if ((EUID != 0)); then
        sudo=(sudo)
    fi
    echo "setup: installing ${missing[*]}"
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

build_preset() {
    local preset=$1
    cmake --preset "$preset" -S "$source_dir" >/dev/null
    cmake --build --preset "$preset"
}

install_packages
for preset in "${@:-dev}"; do
    build_preset "$preset"
done
