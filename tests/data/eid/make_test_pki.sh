#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the test PKI of the virtual eID cards: root CA -> Citizen/Foreigner CA -> per-persona
# authentication and signing certificates, root -> National Register (RRN) certificate, and the
# basic key of applet 1.8 cards.
#
# Usage: make_test_pki.sh OUTDIR [PERSONA.json...]   (default: every persona beside this script)
#
# Every file name comes from the persona's "pki" object, relative to OUTDIR. Keys follow the applet:
# RSA 2048 for 1.7, EC P-384 for 1.8; the CAs and the root are EC P-384. Files that already exist
# are kept, so running it again is cheap. Nothing here is secret: it is test material only.
set -eu

if [ $# -lt 1 ]; then
    echo "usage: make_test_pki.sh OUTDIR [PERSONA.json...]" >&2
    exit 2
fi
out=$1
shift
if [ $# -eq 0 ]; then
    set -- "$(dirname "$0")"/personas/*.json
fi
mkdir -p "$out"
ext="$out/.extensions.cnf"
cat >"$ext" <<'EOF'
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[rrn]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[authentication]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
[signing]
basicConstraints = critical, CA:FALSE
keyUsage = critical, nonRepudiation
authorityKeyIdentifier = keyid
EOF

# makeKey FILE ALGORITHM: a new private key unless FILE exists (written under a temporary name so
# that an interrupted run leaves no half-written key behind).
makeKey() {
    [ -s "$1" ] && return 0
    mkdir -p "$(dirname "$1")"
    case $2 in
        rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.tmp" 2>/dev/null ;;
        ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$1.tmp" ;;
    esac
    mv "$1.tmp" "$1"
}

# makeRoot CERT KEY
makeRoot() {
    [ -s "$1" ] && return 0
    makeKey "$2" ec
    openssl req -x509 -new -key "$2" -sha384 -days 7300 -utf8 \
        -subj "/C=BE/O=Balie Test PKI/CN=Balie Test Root CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out "$1.tmp"
    mv "$1.tmp" "$1"
}

# issue CERT KEY ALGORITHM SUBJECT SECTION DAYS ISSUER_CERT ISSUER_KEY
issue() {
    [ -s "$1" ] && return 0
    makeKey "$2" "$3"
    openssl req -new -key "$2" -utf8 -subj "$4" -out "$1.csr"
    openssl x509 -req -in "$1.csr" -CA "$7" -CAkey "$8" -set_serial "0x$(openssl rand -hex 8)" \
        -days "$6" -sha384 -extfile "$ext" -extensions "$5" -out "$1.tmp" 2>/dev/null
    rm -f "$1.csr"
    mv "$1.tmp" "$1"
}

# The persona fields the certificates need, one persona per line, '|'-separated. JSON is read with
# Python's json module, in one run for all personas.
personaFields() {
    python3 - "$@" <<'EOF'
import json, sys
for path in sys.argv[1:]:
    try:
        p = json.load(open(path, encoding="utf-8"))
        k = p["pki"]
        fields = (p["applet"], p["surname"], p["given_names"], p["national_number"],
                  k["root_certificate"], k["ca_certificate"], k["rrn_certificate"], k["rrn_key"],
                  k["authentication_certificate"], k["authentication_key"],
                  k["signing_certificate"], k["signing_key"], k.get("basic_key", ""))
    except (OSError, ValueError, KeyError, TypeError) as e:
        sys.exit("make_test_pki.sh: %s: cannot read the pki fields: %s" % (path, e))
    print("|".join(fields))
EOF
}

# Distinguished names are built by hand: escape the characters that openssl -subj treats specially.
dnEscape() {
    printf '%s' "$1" | sed -e 's/[\\/,+=]/\\&/g'
}

fields=$(personaFields "$@")
echo "$fields" | while IFS='|' read -r applet surname givenNames nationalNumber rootCert caCert \
    rrnCert rrnKey authCert authKey signCert signKey basicKey; do
    case $applet in
        1.7) algorithm=rsa ;;
        1.8) algorithm=ec ;;
        *) echo "make_test_pki.sh: applet must be 1.7 or 1.8, not '$applet'" >&2; exit 1 ;;
    esac
    rootKey="${rootCert%.pem}.key"
    caKey="${caCert%.pem}.key"
    case $(basename "$caCert") in
        foreigner*) caName="Balie Test Foreigner CA" ;;
        *) caName="Balie Test Citizen CA" ;;
    esac

    makeRoot "$out/$rootCert" "$out/$rootKey"
    issue "$out/$caCert" "$out/$caKey" ec "/C=BE/O=Balie Test PKI/CN=$caName" ca 3650 \
        "$out/$rootCert" "$out/$rootKey"
    issue "$out/$rrnCert" "$out/$rrnKey" "$algorithm" "/C=BE/O=RRN/CN=RRN" rrn 3650 \
        "$out/$rootCert" "$out/$rootKey"

    sn=$(dnEscape "$surname")
    gn=$(dnEscape "$givenNames")
    holder="/C=BE/SN=$sn/GN=$gn/serialNumber=$nationalNumber"
    issue "$out/$authCert" "$out/$authKey" "$algorithm" \
        "$holder/CN=$gn $sn (Authentication)" authentication 3650 "$out/$caCert" "$out/$caKey"
    issue "$out/$signCert" "$out/$signKey" "$algorithm" \
        "$holder/CN=$gn $sn (Signature)" signing 3650 "$out/$caCert" "$out/$caKey"
    if [ -n "$basicKey" ]; then
        makeKey "$out/$basicKey" ec
    fi
done
