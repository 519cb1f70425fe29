// SPDX-License-Identifier: GPL-3.0-or-later
// Owning wrappers for the OpenSSL handles the card simulator uses.
#pragma once

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>

#include <openssl/x509.h>

namespace balie::cardsim {

/// \brief Stateless deleter calling the OpenSSL free function \a Free.
template <typename T, void (*Free)(T*)>
struct OpenSslDeleter {
    void operator()(T* handle) const { Free(handle); }
};

namespace detail {
// BIO_free returns int; wrap it so that it fits the deleter signature.
inline void bioFree(BIO* bio) {
    BIO_free(bio);
}
}  // namespace detail

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using EvpPkeyCtxPtr =
    std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO, detail::bioFree>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, OpenSslDeleter<ECDSA_SIG, ECDSA_SIG_free>>;

}  // namespace balie::cardsim
