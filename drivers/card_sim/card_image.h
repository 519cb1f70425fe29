// SPDX-License-Identifier: GPL-3.0-or-later
// The contents of a virtual BeID card: its files and private keys, built from a persona.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "apdu.h"
#include "balie/core/error.h"
#include "openssl_handles.h"
#include "persona.h"

namespace balie::cardsim {

/// \brief File identifiers of the BeID file system ([CONT] section 4.3).
namespace fid {
inline constexpr std::uint16_t kMasterFile = 0x3F00;
inline constexpr std::uint16_t kDir = 0x2F00;
inline constexpr std::uint16_t kBelpicDf = 0xDF00;
inline constexpr std::uint16_t kIdDf = 0xDF01;
inline constexpr std::uint16_t kAuthenticationCertificate = 0x5038;
inline constexpr std::uint16_t kSigningCertificate = 0x5039;
inline constexpr std::uint16_t kCaCertificate = 0x503A;
inline constexpr std::uint16_t kRootCertificate = 0x503B;
inline constexpr std::uint16_t kRrnCertificate = 0x503C;
inline constexpr std::uint16_t kIdentity = 0x4031;
inline constexpr std::uint16_t kIdentitySignature = 0x4032;
inline constexpr std::uint16_t kAddress = 0x4033;
inline constexpr std::uint16_t kAddressSignature = 0x4034;
inline constexpr std::uint16_t kPhoto = 0x4035;
inline constexpr std::uint16_t kBasicPublicKey = 0x4040;
}  // namespace fid

/// \brief Sizes of the zero-padded files. Real cards allocate fixed-size files; these sizes make
/// a reader that reads whole files instead of DER lengths visibly slower, as on a real card.
inline constexpr std::size_t kCertificateFileSize = 2048;
inline constexpr std::size_t kAddressFileSize = 128;
/// Longest DER ECDSA P-384 signature: SEQUENCE of two 49-byte INTEGERs.
inline constexpr std::size_t kEcSignatureFileSize = 104;

/// \brief A card ready to be played: files by (DF, FID) and the keys the card signs with.
struct CardImage {
    AppletVersion applet = AppletVersion::V18;
    Bytes chipNumber;
    /// Files by parent DF and FID; EF(DIR) hangs under the master file.
    std::map<std::uint16_t, std::map<std::uint16_t, Bytes>> files;
    /// Offset of the last surname byte in the identity file: `tamper identity` flips it.
    std::size_t identityTamperOffset = 0;
    EvpPkeyPtr authenticationKey;
    EvpPkeyPtr signingKey;
    EvpPkeyPtr basicKey;  ///< applet 1.8 only
    std::string pin;
    int pinTriesLeft = 3;
};

/// \brief Builds the identity (4031) and address (4033) files as TLV per [IDF], the photo, the
/// RRN signatures 4032/4034, the certificates and, on 1.8, the basic public key 4040. Keys and
/// certificates come from \a pkiDir. Errors: Errc::Config for missing or mismatched material.
core::Result<CardImage> buildCardImage(const Persona& persona, const std::string& pkiDir);

}  // namespace balie::cardsim
