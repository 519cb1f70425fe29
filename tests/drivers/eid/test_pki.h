// SPDX-License-Identifier: GPL-3.0-or-later
// Keys and certificates made on the fly, for checking the eID signature verification.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "balie/drivers/eid/apdu.h"
#include "balie/drivers/eid/verification.h"

namespace balie::test {

/// \brief A key pair with its certificate: a self-signed root, or issued by another TestIdentity.
class TestIdentity {
public:
    enum class KeyType { Rsa2048, EcP384 };

    /// \brief A self-signed CA.
    static TestIdentity root(KeyType type, const std::string& commonName);

    /// \brief A certificate for a new key, signed by this identity. \a serialNumber goes in the
    /// subject as the eID certificates carry the national number.
    TestIdentity issue(KeyType type, const std::string& commonName, bool ca,
                       const std::optional<std::string>& serialNumber = std::nullopt,
                       long validDays = 365) const;

    TestIdentity(TestIdentity&&) noexcept;
    TestIdentity& operator=(TestIdentity&&) noexcept;
    ~TestIdentity();

    const drivers::eid::Bytes& certificate() const { return certificate_; }
    std::string certificatePem() const;

    /// \brief RSA PKCS#1 v1.5 or DER ECDSA signature of \a data hashed with \a algorithm.
    drivers::eid::Bytes sign(drivers::eid::HashAlgorithm algorithm,
                             drivers::eid::ByteView data) const;

    /// \brief What the card does in PSO CDS: RSA PKCS#1 v1.5 padding of a DigestInfo, or a raw
    /// r||s ECDSA signature of a hash.
    drivers::eid::Bytes signLikeCard(drivers::eid::ByteView input) const;

private:
    struct Impl;
    explicit TestIdentity(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
    drivers::eid::Bytes certificate_;
};

}  // namespace balie::test
