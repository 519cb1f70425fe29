#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up and runs Balie on this machine: builds the programs, then starts
# `balie-kiosk --demo`, which runs its own card reader (private pcscd + vpcd), the demo agent's
# virtual eID card (PIN 1234), a balie-central on loopback, a replay camera and the request store
# in a temporary directory, and stops them on exit. balie-kiosk sets OMP_THREAD_LIMIT=1 itself.
#
# With $DISPLAY set the kiosk opens a window. Without one it runs under xvfb-run, taps through
# the main screens by itself, writes their screenshots to a folder and prints their paths.
# Needs root (pcscd runs in its own mount namespace).
#
# usage: packaging/demo.sh [SCREENSHOT_DIR]     (default: ./balie-demo-screens)
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$source_dir"

packaging/setup.sh dev

kiosk=build/dev/kiosk/app/balie-kiosk

if [[ -n "${DISPLAY:-}" ]]; then
    exec "$kiosk" --demo --window 1920x1080
fi

shots=$(realpath -m "${1:-balie-demo-screens}")
mkdir -p "$shots"
script=$(mktemp)
trap 'rm -f "$script"' EXIT
cat > "$script" <<'SCRIPT'
# A walk through the kiosk as the demo agent: log in, the tour, the overview, the menu, help.
screenshot 01-language
tap language.en
expect start
screenshot 02-start
tap start.pin
tap pad.1
tap pad.2
tap pad.3
tap pad.4
screenshot 03-pin
tap pad.confirm
expect tour
screenshot 04-tour
tap tour.info.0
screenshot 05-tour-info
tap tour.close
expect overview
screenshot 06-overview
tap nav.menu
expect menu
screenshot 07-menu
tap menu.help
expect help
screenshot 08-help-manual
tap help.topics
tap help.topic.0
screenshot 09-help-topics
tap nav.back
tap menu.logout
expect start
screenshot 10-logged-out
quit
SCRIPT
xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24" \
    "$kiosk" --demo --window 1920x1080 --script "$script" --screenshot-dir "$shots"
echo
echo "Screens of the demo:"
ls -1 "$shots"/*.png
