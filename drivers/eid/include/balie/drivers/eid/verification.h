// SPDX-License-Identifier: GPL-3.0-or-later
// Integrity checks of what the card returns: photo hash, National Register signatures,
// certificate chains and the login signature.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "balie/core/error.h"
#include "balie/drivers/eid/apdu.h"

namespace balie::drivers::eid {

enum class HashAlgorithm { Sha1, Sha256, Sha384 };

/// \brief The digest of \a data.
Bytes digest(HashAlgorithm algorithm, ByteView data);

/// \brief The hash a digest of \a size bytes was made with: 20 SHA-1, 32 SHA-256, 48 SHA-384.
std::optional<HashAlgorithm> hashForLength(std::size_t size);

/// \brief True when \a photo hashes to \a expectedHash (tag 11), with the algorithm its length
/// names.
bool photoHashMatches(ByteView photo, ByteView expectedHash);

/// \brief Verifies the identity file signature (4032) over the raw identity file (4031) with the
/// National Register certificate (503C).
///
/// EC keys: ECDSA with SHA-384 over a DER signature trimmed of its zero padding. RSA keys: PKCS#1
/// v1.5 with \a rsaHash (the photo hash algorithm), then SHA-256 for re-signed cards that mix
/// them (Fedict/eid-mw#128).
/// \return Errc::InvalidFormat for an unreadable certificate or signature, Errc::Card when the
/// signature does not match.
core::Result<void> verifyIdentitySignature(ByteView identityFile, ByteView signatureFile,
                                           ByteView rrnCertificate, HashAlgorithm rsaHash);

/// \brief Verifies the address signature (4034) over the address file without its trailing
/// zeros followed by the identity signature file (4032), as [CONT] §6.2.5 and eid-viewer do.
core::Result<void> verifyAddressSignature(ByteView addressFile, ByteView addressSignatureFile,
                                          ByteView identitySignatureFile, ByteView rrnCertificate,
                                          HashAlgorithm rsaHash);

/// \brief Verifies that \a leafCertificate (DER) chains to one of the certificates in
/// \a trustAnchorsPem, through \a intermediates (DER) where needed, and that every certificate
/// of the chain is within its validity period. Any certificate of the PEM text is an anchor,
/// an intermediate CA included.
/// \return Errc::Config when the PEM text holds no certificate, Errc::InvalidFormat for an
/// unreadable certificate, Errc::Card when the chain does not verify.
core::Result<void> verifyCertificateChain(ByteView leafCertificate,
                                          std::span<const Bytes> intermediates,
                                          std::string_view trustAnchorsPem);

/// \brief \a size bytes from the operating system's random generator.
core::Result<Bytes> randomChallenge(std::size_t size);

/// \brief What the card signs for a login challenge: on RSA (applet 1.7) the PKCS#1 DigestInfo
/// of SHA-256(challenge), on EC (applet 1.8) SHA-384(challenge).
Bytes loginSignatureInput(ByteView challenge, bool ecc);

/// \brief Verifies the card's signature of \a challenge with the authentication certificate:
/// RSA PKCS#1 v1.5 with SHA-256, or ECDSA P-384 with SHA-384 from the raw r||s the card returns.
/// \return Errc::InvalidFormat for an unreadable certificate or signature shape, Errc::Card for a
/// signature that does not match.
core::Result<void> verifyLoginSignature(ByteView challenge, ByteView signature,
                                        ByteView authenticationCertificate);

/// \brief How the key of a certificate signs: ECDSA signatures are DER of at most \a size
/// bytes, RSA signatures exactly \a size bytes (the modulus).
struct SignatureShape {
    bool der = false;
    std::size_t size = 0;
};

/// \brief The shape of signatures by the key of \a certificate; nullopt for an unreadable one.
std::optional<SignatureShape> signatureShape(ByteView certificate);

/// \brief The serialNumber attribute of a certificate's subject (the national number on eID
/// authentication certificates), or nullopt when absent or unreadable.
std::optional<std::string> certificateSubjectSerialNumber(ByteView certificate);

}  // namespace balie::drivers::eid
