// SPDX-License-Identifier: GPL-3.0-or-later
// OpenSSL 3 signing and hashing for the simulated card.
#include "crypto.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace balie::cardsim {

namespace {

using core::Errc;
using core::fail;
using core::Result;

// The first queued OpenSSL error as text, so that a failure says more than "failed".
std::string openSslError(const std::string& what) {
    unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return what;
    }
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    return what + ": " + text;
}

BioPtr openFile(const std::string& path) {
    return BioPtr(BIO_new_file(path.c_str(), "r"));
}

Result<EvpPkeyCtxPtr> signingContext(EVP_PKEY* key) {
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    if (!context || EVP_PKEY_sign_init(context.get()) != 1) {
        return fail(Errc::Card, openSslError("cannot start signing"));
    }
    return context;
}

Result<Bytes> runSign(EVP_PKEY_CTX* context, const Bytes& input) {
    std::size_t length = 0;
    if (EVP_PKEY_sign(context, nullptr, &length, input.data(), input.size()) != 1) {
        return fail(Errc::Card, openSslError("cannot size the signature"));
    }
    Bytes signature(length);
    if (EVP_PKEY_sign(context, signature.data(), &length, input.data(), input.size()) != 1) {
        return fail(Errc::Card, openSslError("signing failed"));
    }
    signature.resize(length);
    return signature;
}

}  // namespace

const EVP_MD* evpDigest(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::Md5:
            return EVP_md5();
        case HashAlgorithm::Sha1:
            return EVP_sha1();
        case HashAlgorithm::Sha256:
            return EVP_sha256();
        case HashAlgorithm::Sha384:
            return EVP_sha384();
        case HashAlgorithm::Sha512:
            return EVP_sha512();
        case HashAlgorithm::Sha3_256:
            return EVP_sha3_256();
        case HashAlgorithm::Sha3_384:
            return EVP_sha3_384();
        case HashAlgorithm::Sha3_512:
            return EVP_sha3_512();
    }
    return EVP_sha384();
}

std::size_t digestLength(HashAlgorithm algorithm) {
    return static_cast<std::size_t>(EVP_MD_get_size(evpDigest(algorithm)));
}

Bytes digest(HashAlgorithm algorithm, const Bytes& data) {
    Bytes hash(EVP_MAX_MD_SIZE);
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), hash.data(), &length, evpDigest(algorithm), nullptr);
    hash.resize(length);
    return hash;
}

Result<EvpPkeyPtr> loadPrivateKey(const std::string& path) {
    BioPtr file = openFile(path);
    if (!file) {
        return fail(Errc::Config, "cannot open key " + path);
    }
    EvpPkeyPtr key(PEM_read_bio_PrivateKey(file.get(), nullptr, nullptr, nullptr));
    if (!key) {
        return fail(Errc::Config, openSslError("cannot read the PEM private key " + path));
    }
    return key;
}

Result<Bytes> loadCertificateDer(const std::string& path) {
    BioPtr file = openFile(path);
    if (!file) {
        return fail(Errc::Config, "cannot open certificate " + path);
    }
    X509Ptr certificate(PEM_read_bio_X509(file.get(), nullptr, nullptr, nullptr));
    if (!certificate) {
        return fail(Errc::Config, openSslError("cannot read the PEM certificate " + path));
    }
    int length = i2d_X509(certificate.get(), nullptr);
    if (length <= 0) {
        return fail(Errc::Config, openSslError("cannot encode certificate " + path));
    }
    Bytes der(static_cast<std::size_t>(length));
    unsigned char* out = der.data();
    i2d_X509(certificate.get(), &out);
    return der;
}

bool isRsa(EVP_PKEY* key) {
    return EVP_PKEY_is_a(key, "RSA") == 1;
}

int keyBits(EVP_PKEY* key) {
    return EVP_PKEY_get_bits(key);
}

Result<Bytes> publicKeyDer(EVP_PKEY* key) {
    int length = i2d_PUBKEY(key, nullptr);
    if (length <= 0) {
        return fail(Errc::Card, openSslError("cannot encode the public key"));
    }
    Bytes der(static_cast<std::size_t>(length));
    unsigned char* out = der.data();
    i2d_PUBKEY(key, &out);
    return der;
}

Result<Bytes> signMessage(EVP_PKEY* key, HashAlgorithm hash, const Bytes& message) {
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    if (!context ||
        EVP_DigestSignInit(context.get(), nullptr, evpDigest(hash), nullptr, key) != 1) {
        return fail(Errc::Card, openSslError("cannot start signing"));
    }
    std::size_t length = 0;
    if (EVP_DigestSign(context.get(), nullptr, &length, message.data(), message.size()) != 1) {
        return fail(Errc::Card, openSslError("cannot size the signature"));
    }
    Bytes signature(length);
    if (EVP_DigestSign(context.get(), signature.data(), &length, message.data(), message.size()) !=
        1) {
        return fail(Errc::Card, openSslError("signing failed"));
    }
    signature.resize(length);
    return signature;
}

Result<Bytes> signRsaPkcs1(EVP_PKEY* key, const HashAlgorithm* hash, const Bytes& input) {
    auto context = signingContext(key);
    if (!context.has_value()) {
        return tl::unexpected(context.error());
    }
    if (EVP_PKEY_CTX_set_rsa_padding(context->get(), RSA_PKCS1_PADDING) != 1 ||
        (hash != nullptr && EVP_PKEY_CTX_set_signature_md(context->get(), evpDigest(*hash)) != 1)) {
        return fail(Errc::Card, openSslError("cannot set PKCS#1 v1.5 padding"));
    }
    return runSign(context->get(), input);
}

Result<Bytes> signRsaPss(EVP_PKEY* key, HashAlgorithm hash, const Bytes& hashValue) {
    auto context = signingContext(key);
    if (!context.has_value()) {
        return tl::unexpected(context.error());
    }
    if (EVP_PKEY_CTX_set_rsa_padding(context->get(), RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_signature_md(context->get(), evpDigest(hash)) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(context->get(), evpDigest(hash)) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(context->get(), RSA_PSS_SALTLEN_DIGEST) != 1) {
        return fail(Errc::Card, openSslError("cannot set PSS padding"));
    }
    return runSign(context->get(), hashValue);
}

Result<Bytes> signEcdsaRaw(EVP_PKEY* key, const Bytes& hashValue) {
    auto context = signingContext(key);
    if (!context.has_value()) {
        return tl::unexpected(context.error());
    }
    auto der = runSign(context->get(), hashValue);
    if (!der.has_value()) {
        return der;
    }
    const unsigned char* in = der->data();
    EcdsaSigPtr signature(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der->size())));
    if (!signature) {
        return fail(Errc::Card, openSslError("cannot decode the ECDSA signature"));
    }
    int half = (keyBits(key) + 7) / 8;
    Bytes raw(static_cast<std::size_t>(2 * half));
    if (BN_bn2binpad(ECDSA_SIG_get0_r(signature.get()), raw.data(), half) != half ||
        BN_bn2binpad(ECDSA_SIG_get0_s(signature.get()), raw.data() + half, half) != half) {
        return fail(Errc::Card, "cannot write r||s");
    }
    return raw;
}

}  // namespace balie::cardsim
