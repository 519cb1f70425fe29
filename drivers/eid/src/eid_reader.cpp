// SPDX-License-Identifier: GPL-3.0-or-later
// Full read of the card's identity files, and their checks.
#include "balie/drivers/eid/eid_reader.h"

#include <utility>

#include "balie/drivers/eid/verification.h"

namespace balie::drivers::eid {

namespace {

/// Reads \a file, or returns its error through \a error.
bool readInto(EidCard& card, EidFile file, FileLayout layout, Bytes& target, core::Error& error) {
    auto content = card.readFile(file, layout);
    if (!content) {
        error = std::move(content.error());
        return false;
    }
    target = std::move(*content);
    return true;
}

}  // namespace

core::Result<EidRecord> readEid(EidCard& card) {
    EidRecord record;
    record.card = card.cardData();
    EidFiles& files = record.files;
    core::Error error;
    if (!readInto(card, EidFile::RrnCertificate, FileLayout::of(EidFile::RrnCertificate),
                  files.rrnCertificate, error)) {
        return tl::unexpected(error);
    }
    // RSA signatures fill their file exactly. An ECDSA identity signature file is read whole,
    // padding included, because the address signature covers it as stored; of the address
    // signature only the DER part is needed.
    FileLayout identitySignature;
    FileLayout addressSignature;
    if (auto shape = signatureShape(files.rrnCertificate)) {
        if (shape->der) {
            addressSignature = {FileLayout::Kind::Der, shape->size};
        } else {
            identitySignature = {FileLayout::Kind::Exact, shape->size};
            addressSignature = identitySignature;
        }
    }
    if (!readInto(card, EidFile::Identity, {}, files.identity, error) ||
        !readInto(card, EidFile::IdentitySignature, identitySignature, files.identitySignature,
                  error) ||
        !readInto(card, EidFile::Address, {}, files.address, error) ||
        !readInto(card, EidFile::AddressSignature, addressSignature, files.addressSignature,
                  error) ||
        !readInto(card, EidFile::Photo, {}, files.photo, error)) {
        return tl::unexpected(error);
    }
    auto identity = parseIdentity(files.identity);
    if (!identity) {
        return tl::unexpected(identity.error());
    }
    auto address = parseAddress(files.address);
    if (!address) {
        return tl::unexpected(address.error());
    }
    record.identity = std::move(*identity);
    record.address = std::move(*address);
    return record;
}

EidChecks checkEid(const EidRecord& record, std::string_view trustAnchorsPem) {
    EidChecks checks;
    const EidFiles& files = record.files;
    checks.photoHash = photoHashMatches(files.photo, record.identity.photoHash);
    if (!checks.photoHash) {
        checks.failures.push_back("the photo does not match its hash in the identity file");
    }
    const HashAlgorithm rsaHash =
        hashForLength(record.identity.photoHash.size()).value_or(HashAlgorithm::Sha256);
    auto identity = verifyIdentitySignature(files.identity, files.identitySignature,
                                            files.rrnCertificate, rsaHash);
    checks.identitySignature = identity.has_value();
    if (!identity) {
        checks.failures.push_back(identity.error().message);
    }
    auto address = verifyAddressSignature(files.address, files.addressSignature,
                                          files.identitySignature, files.rrnCertificate, rsaHash);
    checks.addressSignature = address.has_value();
    if (!address) {
        checks.failures.push_back(address.error().message);
    }
    if (trustAnchorsPem.empty()) {
        checks.failures.push_back("no trust anchor configured for the certificate chain");
    } else {
        auto chain = verifyCertificateChain(files.rrnCertificate, {}, trustAnchorsPem);
        checks.certificateChain = chain.has_value();
        if (!chain) {
            checks.failures.push_back("National Register " + chain.error().message);
        }
    }
    return checks;
}

ReadBounds minimumApdusForRead(const EidFiles& files, bool ecc, std::size_t maxLength) {
    ReadBounds bounds;
    bounds.sizesKnown = 1;
    for (const Bytes* file : {&files.rrnCertificate, &files.identity, &files.identitySignature,
                              &files.address, &files.addressSignature, &files.photo}) {
        bounds.sizesKnown += minimumApdusForFile(file->size(), maxLength, true);
    }
    bounds.sizesLearned = bounds.sizesKnown + (ecc ? 4 : 3);
    return bounds;
}

}  // namespace balie::drivers::eid
