// SPDX-License-Identifier: GPL-3.0-or-later
// Test keys and certificates with OpenSSL 3.
#include "test_pki.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <stdexcept>

#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace balie::test {

using drivers::eid::Bytes;
using drivers::eid::ByteView;
using drivers::eid::HashAlgorithm;

namespace {

template <typename T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* object) const { Free(object); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG, ECDSA_SIG_free>>;

void require(bool ok, const char* what) {
    if (!ok) {
        throw std::runtime_error(std::string("OpenSSL failed: ") + what);
    }
}

KeyPtr generate(TestIdentity::KeyType type) {
    KeyPtr key(type == TestIdentity::KeyType::Rsa2048
                   ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048))
                   : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
    require(key != nullptr, "keygen");
    return key;
}

const EVP_MD* md(HashAlgorithm algorithm) {
    switch (algorithm) {
        case HashAlgorithm::Sha1:
            return EVP_sha1();
        case HashAlgorithm::Sha256:
            return EVP_sha256();
        case HashAlgorithm::Sha384:
            return EVP_sha384();
    }
    return EVP_sha256();
}

void addExtension(X509* certificate, X509* issuer, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    require(extension != nullptr, "extension");
    X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
}

CertPtr makeCertificate(EVP_PKEY* subjectKey, const std::string& commonName,
                        const std::optional<std::string>& serialNumber, bool ca, X509* issuer,
                        EVP_PKEY* issuerKey, long validDays) {
    static long serial = 1;
    CertPtr certificate(X509_new());
    require(certificate != nullptr, "X509_new");
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(certificate.get()), serial++);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), validDays * 24 * 3600);
    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "C", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("BE"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(commonName.c_str()), -1, -1,
                               0);
    if (serialNumber) {
        X509_NAME_add_entry_by_txt(name, "serialNumber", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>(serialNumber->c_str()),
                                   -1, -1, 0);
    }
    X509_set_issuer_name(certificate.get(),
                         issuer != nullptr ? X509_get_subject_name(issuer) : name);
    X509_set_pubkey(certificate.get(), subjectKey);
    X509* issuerCertificate = issuer != nullptr ? issuer : certificate.get();
    addExtension(certificate.get(), issuerCertificate, NID_basic_constraints,
                 ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    addExtension(certificate.get(), issuerCertificate, NID_key_usage,
                 ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
    require(X509_sign(certificate.get(), issuerKey, EVP_sha256()) > 0, "X509_sign");
    return certificate;
}

Bytes toDer(X509* certificate) {
    unsigned char* der = nullptr;
    const int size = i2d_X509(certificate, &der);
    require(size > 0, "i2d_X509");
    Bytes bytes(der, der + size);
    OPENSSL_free(der);
    return bytes;
}

}  // namespace

struct TestIdentity::Impl {
    KeyPtr key;
    CertPtr certificate;
};

TestIdentity::TestIdentity(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)), certificate_(toDer(impl_->certificate.get())) {
}
TestIdentity::TestIdentity(TestIdentity&&) noexcept = default;
TestIdentity& TestIdentity::operator=(TestIdentity&&) noexcept = default;
TestIdentity::~TestIdentity() = default;

TestIdentity TestIdentity::root(KeyType type, const std::string& commonName) {
    auto impl = std::make_unique<Impl>();
    impl->key = generate(type);
    impl->certificate = makeCertificate(impl->key.get(), commonName, std::nullopt, true, nullptr,
                                        impl->key.get(), 3650);
    return TestIdentity(std::move(impl));
}

TestIdentity TestIdentity::issue(KeyType type, const std::string& commonName, bool ca,
                                 const std::optional<std::string>& serialNumber,
                                 long validDays) const {
    auto impl = std::make_unique<Impl>();
    impl->key = generate(type);
    impl->certificate = makeCertificate(impl->key.get(), commonName, serialNumber, ca,
                                        impl_->certificate.get(), impl_->key.get(), validDays);
    return TestIdentity(std::move(impl));
}

std::string TestIdentity::certificatePem() const {
    BioPtr bio(BIO_new(BIO_s_mem()));
    require(PEM_write_bio_X509(bio.get(), impl_->certificate.get()) == 1, "PEM_write");
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<size_t>(size));
}

Bytes TestIdentity::sign(HashAlgorithm algorithm, ByteView data) const {
    MdCtxPtr context(EVP_MD_CTX_new());
    require(
        EVP_DigestSignInit(context.get(), nullptr, md(algorithm), nullptr, impl_->key.get()) == 1,
        "DigestSignInit");
    size_t size = 0;
    require(EVP_DigestSign(context.get(), nullptr, &size, data.data(), data.size()) == 1, "size");
    Bytes signature(size);
    require(EVP_DigestSign(context.get(), signature.data(), &size, data.data(), data.size()) == 1,
            "DigestSign");
    signature.resize(size);
    return signature;
}

Bytes TestIdentity::signLikeCard(ByteView input) const {
    PkeyCtxPtr context(EVP_PKEY_CTX_new(impl_->key.get(), nullptr));
    require(context && EVP_PKEY_sign_init(context.get()) == 1, "sign_init");
    const bool rsa = EVP_PKEY_get_base_id(impl_->key.get()) == EVP_PKEY_RSA;
    if (rsa) {
        require(EVP_PKEY_CTX_set_rsa_padding(context.get(), RSA_PKCS1_PADDING) == 1, "padding");
    }
    size_t size = 0;
    require(EVP_PKEY_sign(context.get(), nullptr, &size, input.data(), input.size()) == 1, "size");
    Bytes signature(size);
    require(EVP_PKEY_sign(context.get(), signature.data(), &size, input.data(), input.size()) == 1,
            "sign");
    signature.resize(size);
    if (rsa) {
        return signature;
    }
    const unsigned char* cursor = signature.data();
    EcdsaSigPtr ecdsa(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(signature.size())));
    require(ecdsa != nullptr, "d2i_ECDSA_SIG");
    Bytes raw(96);
    BN_bn2binpad(ECDSA_SIG_get0_r(ecdsa.get()), raw.data(), 48);
    BN_bn2binpad(ECDSA_SIG_get0_s(ecdsa.get()), raw.data() + 48, 48);
    return raw;
}

}  // namespace balie::test
