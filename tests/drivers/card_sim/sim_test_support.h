// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers for the card simulator tests: personas, APDUs, TLV reading and signature checks.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>

#include "apdu.h"
#include "beid_applet.h"
#include "card_image.h"
#include "crypto.h"

namespace balie::test {

using cardsim::Bytes;

/// \brief Path of a shipped persona, e.g. personaPath("nl-citizen-17").
std::string personaPath(const std::string& name);

/// \brief The card image of a shipped persona, with its test PKI generated on first use.
/// Fails the current test (and returns an empty image) when the persona cannot be built.
cardsim::CardImage loadImage(const std::string& name);

/// \brief Bytes from a list of integers: apdu({0x00, 0xA4, ...}).
Bytes apdu(std::initializer_list<int> bytes);

/// \brief Status word of a response APDU.
std::uint16_t statusWord(const Bytes& response);

/// \brief Response data without the status word.
Bytes dataOf(const Bytes& response);

/// \brief Selects DF/EF by path from the master file and reads the whole EF in 252-byte chunks
/// the way eid-mw does (6Cxx answered, stop at a short chunk or 6B00).
Bytes readWholeFile(cardsim::BeidApplet& applet, std::uint16_t df, std::uint16_t ef);

/// \brief TLV records of an identity or address file by tag (FF-extended lengths, trailing zero
/// padding skipped); fails the test on a malformed file.
std::map<std::uint8_t, Bytes> parseTlv(const Bytes& file);

/// \brief Verifies \a signature over \a message with the public key of the DER certificate at
/// the start of \a certificateFile (zero padding ignored): PKCS#1 v1.5 for RSA, DER ECDSA for EC.
bool verifyWithCertificate(const Bytes& certificateFile, cardsim::HashAlgorithm hash,
                           const Bytes& message, const Bytes& signature);

/// \brief Verifies a signature over a hash computed elsewhere, as the card returns it: raw r||s
/// for EC keys, PKCS#1 v1.5 (with DigestInfo for \a hash) or PSS for RSA keys.
bool verifyPrehashed(EVP_PKEY* publicKey, cardsim::HashAlgorithm hash, const Bytes& hashValue,
                     const Bytes& signature, bool pss = false);

/// \brief The public key of the DER certificate at the start of \a certificateFile.
cardsim::EvpPkeyPtr certificateKey(const Bytes& certificateFile);

/// \brief Bytes of a text.
Bytes text(const std::string& value);

}  // namespace balie::test
