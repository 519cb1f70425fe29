// SPDX-License-Identifier: GPL-3.0-or-later
// The cryptography of the simulated card, on OpenSSL 3 (libcrypto).
#pragma once

#include <string>

#include "apdu.h"
#include "balie/core/error.h"
#include "openssl_handles.h"

namespace balie::cardsim {

/// \brief Hash functions the card and its files use.
enum class HashAlgorithm { Md5, Sha1, Sha256, Sha384, Sha512, Sha3_256, Sha3_384, Sha3_512 };

/// \brief The OpenSSL digest of \a algorithm (a static object, never null).
const EVP_MD* evpDigest(HashAlgorithm algorithm);

/// \brief Digest length in bytes.
std::size_t digestLength(HashAlgorithm algorithm);

/// \brief Hash of \a data.
Bytes digest(HashAlgorithm algorithm, const Bytes& data);

/// \brief Reads a PEM private key (PKCS#8 or traditional).
core::Result<EvpPkeyPtr> loadPrivateKey(const std::string& path);

/// \brief Reads a PEM certificate and returns its DER encoding.
core::Result<Bytes> loadCertificateDer(const std::string& path);

/// \brief True when \a key is RSA, false for EC.
bool isRsa(EVP_PKEY* key);

/// \brief Key size in bits (2048 for the RSA keys, 384 for the P-384 keys).
int keyBits(EVP_PKEY* key);

/// \brief SubjectPublicKeyInfo (DER) of \a key.
core::Result<Bytes> publicKeyDer(EVP_PKEY* key);

/// \brief Hashes \a message with \a hash and signs it: RSA PKCS#1 v1.5, or ECDSA in DER.
core::Result<Bytes> signMessage(EVP_PKEY* key, HashAlgorithm hash, const Bytes& message);

/// \brief RSA PKCS#1 v1.5 over a hash computed elsewhere: the DigestInfo for \a hash is built
/// here; with no hash, \a input already is a DigestInfo (or other data) and only gets padded.
core::Result<Bytes> signRsaPkcs1(EVP_PKEY* key, const HashAlgorithm* hash, const Bytes& input);

/// \brief RSA-PSS over a hash computed elsewhere, salt as long as the hash, MGF1 with \a hash.
core::Result<Bytes> signRsaPss(EVP_PKEY* key, HashAlgorithm hash, const Bytes& hashValue);

/// \brief ECDSA over a hash computed elsewhere, as the raw r||s pair the card returns (each
/// half as long as the curve order: 48 bytes on P-384).
core::Result<Bytes> signEcdsaRaw(EVP_PKEY* key, const Bytes& hashValue);

}  // namespace balie::cardsim
