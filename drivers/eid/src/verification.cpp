// SPDX-License-Identifier: GPL-3.0-or-later
// Integrity checks with OpenSSL's libcrypto: hashes, signatures, X.509 chains.
#include "balie/drivers/eid/verification.h"

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <climits>

#include "der.h"
#include "openssl_handles.h"

namespace balie::drivers::eid {

namespace {

const EVP_MD* messageDigest(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::Sha1:
            return EVP_sha1();
        case HashAlgorithm::Sha256:
            return EVP_sha256();
        case HashAlgorithm::Sha384:
            return EVP_sha384();
    }
    return EVP_sha384();
}

/// OpenSSL queues an error for every failed call; a failed check must not leave them behind for
/// the next caller to misread.
core::Error sslError(core::Errc code, std::string message) {
    const unsigned long native = ERR_peek_last_error();
    ERR_clear_error();
    return core::Error{code, std::move(message), static_cast<long>(native)};
}

core::Result<ssl::X509Ptr> loadCertificate(ByteView der, std::string_view what) {
    if (der.empty() || der.size() > static_cast<std::size_t>(LONG_MAX)) {
        return core::fail(core::Errc::InvalidFormat, std::string(what) + " is empty");
    }
    const unsigned char* cursor = der.data();
    ssl::X509Ptr certificate(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
    if (!certificate) {
        return tl::unexpected(
            sslError(core::Errc::InvalidFormat, std::string(what) + " is not a DER certificate"));
    }
    return certificate;
}

core::Result<ssl::EvpPkeyPtr> publicKey(ByteView der, std::string_view what) {
    auto certificate = loadCertificate(der, what);
    if (!certificate) {
        return tl::unexpected(certificate.error());
    }
    ssl::EvpPkeyPtr key(X509_get_pubkey(certificate->get()));
    if (!key) {
        return tl::unexpected(
            sslError(core::Errc::InvalidFormat, std::string(what) + " has no usable public key"));
    }
    return key;
}

bool isEc(EVP_PKEY* key) {
    return EVP_PKEY_get_base_id(key) == EVP_PKEY_EC;
}

bool verifies(EVP_PKEY* key, HashAlgorithm algorithm, ByteView data, ByteView signature) {
    ssl::EvpMdCtxPtr context(EVP_MD_CTX_new());
    const bool ok =
        context &&
        EVP_DigestVerifyInit(context.get(), nullptr, messageDigest(algorithm), nullptr, key) == 1 &&
        EVP_DigestVerify(context.get(), signature.data(), signature.size(), data.data(),
                         data.size()) == 1;
    ERR_clear_error();
    return ok;
}

/// The signature part of a zero-padded signature file: the DER element for EC keys, the key's
/// modulus size for RSA keys.
std::optional<ByteView> signatureIn(EVP_PKEY* key, ByteView file) {
    std::size_t size = 0;
    if (isEc(key)) {
        if (file.empty() || file[0] != 0x30) {
            return std::nullopt;
        }
        auto der = derElementSize(file);
        if (!der) {
            return std::nullopt;
        }
        size = *der;
    } else {
        size = static_cast<std::size_t>(EVP_PKEY_get_size(key));
    }
    if (size == 0 || size > file.size()) {
        return std::nullopt;
    }
    return file.first(size);
}

core::Result<void> verifyRrnSignature(ByteView data, ByteView signatureFile, EVP_PKEY* key,
                                      HashAlgorithm rsaHash, std::string_view what) {
    auto signature = signatureIn(key, signatureFile);
    if (!signature) {
        return core::fail(core::Errc::InvalidFormat, std::string(what) + " holds no signature");
    }
    if (isEc(key)) {
        if (verifies(key, HashAlgorithm::Sha384, data, *signature)) {
            return {};
        }
    } else if (verifies(key, rsaHash, data, *signature) ||
               (rsaHash != HashAlgorithm::Sha256 &&
                verifies(key, HashAlgorithm::Sha256, data, *signature))) {
        return {};
    }
    return core::fail(core::Errc::Card, std::string(what) + " does not match the data");
}

}  // namespace

Bytes digest(HashAlgorithm algorithm, ByteView data) {
    Bytes hash(static_cast<std::size_t>(EVP_MD_get_size(messageDigest(algorithm))));
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), hash.data(), &size, messageDigest(algorithm),
                   nullptr) != 1) {
        ERR_clear_error();
        return {};
    }
    hash.resize(size);
    return hash;
}

std::optional<HashAlgorithm> hashForLength(std::size_t size) {
    switch (size) {
        case 20:
            return HashAlgorithm::Sha1;
        case 32:
            return HashAlgorithm::Sha256;
        case 48:
            return HashAlgorithm::Sha384;
        default:
            return std::nullopt;
    }
}

bool photoHashMatches(ByteView photo, ByteView expectedHash) {
    auto algorithm = hashForLength(expectedHash.size());
    if (!algorithm) {
        return false;
    }
    const Bytes actual = digest(*algorithm, photo);
    return std::ranges::equal(actual, expectedHash);
}

core::Result<void> verifyIdentitySignature(ByteView identityFile, ByteView signatureFile,
                                           ByteView rrnCertificate, HashAlgorithm rsaHash) {
    auto key = publicKey(rrnCertificate, "the National Register certificate");
    if (!key) {
        return tl::unexpected(key.error());
    }
    return verifyRrnSignature(identityFile, signatureFile, key->get(), rsaHash,
                              "the identity signature");
}

core::Result<void> verifyAddressSignature(ByteView addressFile, ByteView addressSignatureFile,
                                          ByteView identitySignatureFile, ByteView rrnCertificate,
                                          HashAlgorithm rsaHash) {
    auto key = publicKey(rrnCertificate, "the National Register certificate");
    if (!key) {
        return tl::unexpected(key.error());
    }
    std::size_t end = addressFile.size();
    while (end > 0 && addressFile[end - 1] == 0) {
        --end;
    }
    Bytes signedData(addressFile.begin(), addressFile.begin() + static_cast<std::ptrdiff_t>(end));
    signedData.insert(signedData.end(), identitySignatureFile.begin(), identitySignatureFile.end());
    auto whole = verifyRrnSignature(signedData, addressSignatureFile, key->get(), rsaHash,
                                    "the address signature");
    if (whole || whole.error().code != core::Errc::Card || !isEc(key->get())) {
        return whole;
    }
    // The identity signature file of 1.8 cards is zero-padded; a signer may have appended only its
    // DER part.
    auto identitySignature = signatureIn(key->get(), identitySignatureFile);
    if (!identitySignature || identitySignature->size() == identitySignatureFile.size()) {
        return whole;
    }
    signedData.resize(end);
    signedData.insert(signedData.end(), identitySignature->begin(), identitySignature->end());
    return verifyRrnSignature(signedData, addressSignatureFile, key->get(), rsaHash,
                              "the address signature");
}

core::Result<void> verifyCertificateChain(ByteView leafCertificate,
                                          std::span<const Bytes> intermediates,
                                          std::string_view trustAnchorsPem) {
    auto leaf = loadCertificate(leafCertificate, "the certificate");
    if (!leaf) {
        return tl::unexpected(leaf.error());
    }
    ssl::X509StorePtr store(X509_STORE_new());
    ssl::X509StackPtr untrusted(sk_X509_new_null());
    ssl::X509StoreCtxPtr context(X509_STORE_CTX_new());
    if (!store || !untrusted || !context || trustAnchorsPem.size() > INT_MAX) {
        return tl::unexpected(sslError(core::Errc::Config, "out of memory"));
    }
    ssl::BioPtr pem(
        BIO_new_mem_buf(trustAnchorsPem.data(), static_cast<int>(trustAnchorsPem.size())));
    int anchors = 0;
    while (pem) {
        ssl::X509Ptr anchor(PEM_read_bio_X509(pem.get(), nullptr, nullptr, nullptr));
        if (!anchor) {
            break;
        }
        if (X509_STORE_add_cert(store.get(), anchor.get()) == 1) {
            ++anchors;
        }
    }
    ERR_clear_error();
    if (anchors == 0) {
        return core::fail(core::Errc::Config, "no trust anchor: the PEM text holds no certificate");
    }
    for (const Bytes& der : intermediates) {
        auto certificate = loadCertificate(der, "an intermediate certificate");
        if (!certificate) {
            return tl::unexpected(certificate.error());
        }
        if (sk_X509_push(untrusted.get(), certificate->get()) > 0) {
            static_cast<void>(certificate->release());
        }
    }
    if (X509_STORE_CTX_init(context.get(), store.get(), leaf->get(), untrusted.get()) != 1) {
        return tl::unexpected(sslError(core::Errc::Config, "cannot set up chain verification"));
    }
    // Any configured certificate is an anchor, an intermediate CA included.
    X509_STORE_CTX_set_flags(context.get(), X509_V_FLAG_PARTIAL_CHAIN);
    if (X509_verify_cert(context.get()) != 1) {
        const int error = X509_STORE_CTX_get_error(context.get());
        ERR_clear_error();
        return core::fail(core::Errc::Card,
                          std::string("certificate chain: ") + X509_verify_cert_error_string(error),
                          error);
    }
    return {};
}

core::Result<Bytes> randomChallenge(std::size_t size) {
    Bytes challenge(size);
    if (size > static_cast<std::size_t>(INT_MAX) ||
        RAND_bytes(challenge.data(), static_cast<int>(size)) != 1) {
        return tl::unexpected(sslError(core::Errc::InvalidState, "no random bytes"));
    }
    return challenge;
}

Bytes loginSignatureInput(ByteView challenge, bool ecc) {
    if (ecc) {
        return digest(HashAlgorithm::Sha384, challenge);
    }
    // DER DigestInfo header for SHA-256 (RFC 8017 §9.2 note 1).
    static constexpr std::array<std::uint8_t, 19> kSha256DigestInfo = {
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
        0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    Bytes input(kSha256DigestInfo.begin(), kSha256DigestInfo.end());
    const Bytes hash = digest(HashAlgorithm::Sha256, challenge);
    input.insert(input.end(), hash.begin(), hash.end());
    return input;
}

core::Result<void> verifyLoginSignature(ByteView challenge, ByteView signature,
                                        ByteView authenticationCertificate) {
    auto key = publicKey(authenticationCertificate, "the authentication certificate");
    if (!key) {
        return tl::unexpected(key.error());
    }
    if (!isEc(key->get())) {
        if (verifies(key->get(), HashAlgorithm::Sha256, challenge, signature)) {
            return {};
        }
        return core::fail(core::Errc::Card, "the login signature does not match");
    }
    // Applet 1.8 returns r||s, each half the size of the curve order; OpenSSL wants DER.
    if (signature.empty() || signature.size() % 2 != 0 || signature.size() > 132) {
        return core::fail(core::Errc::InvalidFormat, "the login signature is not r||s");
    }
    const int half = static_cast<int>(signature.size() / 2);
    ssl::BignumPtr r(BN_bin2bn(signature.data(), half, nullptr));
    ssl::BignumPtr s(BN_bin2bn(signature.data() + half, half, nullptr));
    ssl::EcdsaSigPtr ecdsa(ECDSA_SIG_new());
    if (!r || !s || !ecdsa || ECDSA_SIG_set0(ecdsa.get(), r.get(), s.get()) != 1) {
        return tl::unexpected(sslError(core::Errc::InvalidFormat, "cannot convert r||s"));
    }
    // ECDSA_SIG_set0 took both numbers.
    static_cast<void>(r.release());
    static_cast<void>(s.release());
    unsigned char* derBytes = nullptr;
    const int derSize = i2d_ECDSA_SIG(ecdsa.get(), &derBytes);
    if (derSize <= 0) {
        return tl::unexpected(sslError(core::Errc::InvalidFormat, "cannot encode r||s as DER"));
    }
    const Bytes der(derBytes, derBytes + derSize);
    OPENSSL_free(derBytes);
    if (verifies(key->get(), HashAlgorithm::Sha384, challenge, der)) {
        return {};
    }
    return core::fail(core::Errc::Card, "the login signature does not match");
}

std::optional<SignatureShape> signatureShape(ByteView certificate) {
    auto key = publicKey(certificate, "the certificate");
    if (!key) {
        return std::nullopt;
    }
    const auto bits = static_cast<std::size_t>(EVP_PKEY_get_bits(key->get()));
    if (!isEc(key->get())) {
        return SignatureShape{false, (bits + 7) / 8};
    }
    // SEQUENCE of two INTEGERs, each at most the order size plus a sign byte and a 2-byte header.
    const std::size_t content = 2 * ((bits + 7) / 8 + 3);
    return SignatureShape{true, content + (content < 128 ? 2 : 3)};
}

std::optional<std::string> certificateSubjectSerialNumber(ByteView certificate) {
    auto parsed = loadCertificate(certificate, "the certificate");
    if (!parsed) {
        return std::nullopt;
    }
    X509_NAME* subject = X509_get_subject_name(parsed->get());
    const int index = X509_NAME_get_index_by_NID(subject, NID_serialNumber, -1);
    if (index < 0) {
        return std::nullopt;
    }
    const ASN1_STRING* value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    const unsigned char* bytes = ASN1_STRING_get0_data(value);
    return std::string(bytes, bytes + ASN1_STRING_length(value));
}

}  // namespace balie::drivers::eid
