#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets everything up and runs Balie on this machine: builds the programs, then starts
# `balie-kiosk --demo`, which runs its own card reader (private pcscd + vpcd), the demo agent's
# virtual eID card (PIN 1234), a balie-central on loopback, a replay camera and the request store
# in a temporary directory, and stops them on exit. balie-kiosk sets OMP_THREAD_LIMIT=1 itself.
#
# With $DISPLAY set the kiosk opens a window. Without one it runs under xvfb-run and walks by
# itself through a request filed with the wizard (the replay camera's passport fills the fields)
# and its answer, the overview, the menu and help, writing a screenshot of every step to a folder
# and printing their paths.
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

# Script lines for what a finger does on the kiosk's keyboard and pads.
type_text() {
    local text=$1 c i
    for ((i = 0; i < ${#text}; i++)); do
        c=${text:i:1}
        case $c in
            ' ') echo "tap key.space" ;;
            [A-Z]) echo "tap key.shift"; echo "tap key.${c,,}" ;;
            *) echo "tap key.$c" ;;
        esac
    done
}
type_digits() {
    local i
    for ((i = 0; i < ${#1}; i++)); do
        echo "tap pad.${1:i:1}"
    done
}
fill() {
    echo "tap field.$1"
    type_text "$2"
    echo "tap key.done"
}

{
    echo "# The demo agent logs in, files a request through the wizard, reads the answer,"
    echo "# then looks at the overview, the menu and the help centre."
    echo "screenshot 01-language"
    echo "tap language.en"
    echo "expect start"
    echo "screenshot 02-start"
    echo "tap start.pin"
    type_digits 1234
    echo "screenshot 03-pin"
    echo "tap pad.confirm"
    echo "expect tour"
    echo "screenshot 04-tour"
    echo "tap tour.info.0"
    echo "screenshot 05-tour-info"
    echo "tap tour.close"
    echo "expect overview"
    echo "screenshot 06-overview"
    echo "tap overview.new"
    echo "expect wizard"
    echo "wait 500"  # the camera's first pictures
    echo "screenshot 07-wizard-camera"
    # The replay camera shows the passport: captured by itself once its zone is read.
    echo "await page.1 180"
    echo "screenshot 08-wizard-document-read"
    echo "tap field.document.valid_from"
    type_digits 01012020
    echo "tap pad.confirm"
    echo "tap wizard.next"
    echo "tap field.person.birth_place"
    type_text "Roma"
    echo "tap key.done"
    echo "screenshot 09-wizard-person"
    echo "tap wizard.next"
    echo "tap field.address.residence.country"
    type_text "ita"
    echo "tap country.IT"
    fill address.residence.street "Via Appia"
    fill address.residence.number 12
    fill address.residence.municipality Roma
    echo "tap choice.address.contact.add"
    fill address.contact.street "Rue Neuve"
    fill address.contact.number 5
    fill address.contact.postal_code 1000
    fill address.contact.municipality Bruxelles
    echo "screenshot 10-wizard-address"
    echo "tap wizard.next"
    fill send.email hr@example.be
    echo "screenshot 11-wizard-summary"
    echo "tap wizard.send"
    echo "expect answer"
    echo "screenshot 12-answer"
    echo "tap answer.overview"
    echo "expect overview"
    echo "screenshot 13-overview-answered"
    echo "tap notification.answer.0"
    echo "expect request"
    echo "screenshot 14-request"
    echo "tap nav.back"
    echo "tap nav.menu"
    echo "expect menu"
    echo "screenshot 15-menu"
    echo "tap menu.help"
    echo "expect help"
    echo "screenshot 16-help-manual"
    echo "tap help.topics"
    echo "tap help.topic.0"
    echo "screenshot 17-help-topics"
    echo "tap nav.back"
    echo "tap menu.logout"
    echo "expect start"
    echo "screenshot 18-logged-out"
    echo "quit"
} > "$script"
xvfb-run --auto-servernum --server-args="-screen 0 1920x1080x24" \
    "$kiosk" --demo --window 1920x1080 --script "$script" --screenshot-dir "$shots"
echo
echo "Screens of the demo:"
ls -1 "$shots"/*.png
