// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the files of a virtual BeID card from a persona and the test PKI.
#include "card_image.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <utility>

#include "tlv_writer.h"

namespace balie::cardsim {

namespace {

using core::Errc;
using core::fail;
using core::Result;

// PKCS#15 application of the card as listed in EF(DIR) ([CONT] section 5.2.1).
const Bytes kPkcs15Aid = {0xA0, 0x00, 0x00, 0x01, 0x77, 0x50, 0x4B, 0x43, 0x53, 0x2D, 0x31, 0x35};

Result<Bytes> readFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return fail(Errc::Config, "cannot read " + path);
    }
    return Bytes(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

Bytes padded(Bytes content, std::size_t size) {
    if (content.size() < size) {
        content.resize(size, 0x00);
    }
    return content;
}

Bytes dirFile() {
    Bytes belpic = toBytes("BELPIC");
    Bytes path = {0x3F, 0x00, 0xDF, 0x00};
    Bytes aidRecord = {0x4F, static_cast<std::uint8_t>(kPkcs15Aid.size())};
    aidRecord.insert(aidRecord.end(), kPkcs15Aid.begin(), kPkcs15Aid.end());
    Bytes content = aidRecord;
    content.push_back(0x50);
    content.push_back(static_cast<std::uint8_t>(belpic.size()));
    content.insert(content.end(), belpic.begin(), belpic.end());
    content.push_back(0x51);
    content.push_back(static_cast<std::uint8_t>(path.size()));
    content.insert(content.end(), path.begin(), path.end());
    Bytes file = {0x61, static_cast<std::uint8_t>(content.size())};
    file.insert(file.end(), content.begin(), content.end());
    return file;
}

// The keys a persona names must fit its applet: RSA 2048 on 1.7, EC P-384 on 1.8.
Result<EvpPkeyPtr> loadCardKey(const std::string& path, AppletVersion applet) {
    auto key = loadPrivateKey(path);
    if (!key.has_value()) {
        return key;
    }
    bool wantRsa = applet == AppletVersion::V17;
    int wantBits = wantRsa ? 2048 : 384;
    if (isRsa(key->get()) != wantRsa || keyBits(key->get()) != wantBits) {
        return fail(Errc::Config,
                    path + ": applet " +
                        (wantRsa ? "1.7 needs an RSA 2048" : "1.8 needs an EC P-384") + " key");
    }
    return key;
}

// RRN signature over \a data: ECDSA SHA-384 in DER, zero-padded, on 1.8; PKCS#1 v1.5 with the
// persona's data hash on 1.7 ([CONT] section 6.2; eid-mw certhelpers.c).
Result<Bytes> rrnSignature(const Persona& persona, EVP_PKEY* rrnKey, const Bytes& data) {
    auto signature = signMessage(rrnKey, persona.dataHash, data);
    if (!signature.has_value() || persona.applet == AppletVersion::V17) {
        return signature;
    }
    return padded(std::move(*signature), kEcSignatureFileSize);
}

Bytes identityFile(const Persona& persona, const Bytes& photo, const Bytes& basicKeyFile,
                   std::size_t& tamperOffset) {
    // Tags must ascend ([CONT] section 6.1): collect them, then write in order.
    std::map<std::uint8_t, Bytes> fields;
    fields[0x00] = persona.applet == AppletVersion::V18 ? Bytes{0x00, 0x05} : Bytes{0x00, 0x03};
    fields[0x01] = toBytes(persona.cardNumber);
    fields[0x02] = persona.chipNumber;
    fields[0x03] = toBytes(persona.validityBegin);
    fields[0x04] = toBytes(persona.validityEnd);
    fields[0x05] = toBytes(persona.issuingMunicipality);
    fields[0x06] = toBytes(persona.nationalNumber);
    fields[0x07] = toBytes(persona.surname);
    fields[0x08] = toBytes(persona.givenNames);
    fields[0x09] = toBytes(persona.thirdInitial);
    fields[0x0A] = toBytes(persona.nationality);
    fields[0x0B] = toBytes(persona.birthPlace);
    fields[0x0C] = toBytes(persona.birthDate);
    fields[0x0D] = toBytes(persona.sex);
    fields[0x0E] = toBytes(persona.nobleCondition);
    fields[0x0F] = toBytes(persona.documentType);
    fields[0x10] = toBytes(persona.specialStatus);
    fields[0x11] = digest(persona.dataHash, photo);
    for (const auto& [tag, value] : persona.extraFields) {
        fields[tag] = toBytes(value);
    }
    if (persona.memberOfFamily) {
        fields[0x14] = {};
    }
    if (persona.applet == AppletVersion::V18) {
        fields[0x1A] = digest(HashAlgorithm::Sha384, basicKeyFile);
    }
    TlvWriter writer;
    for (const auto& [tag, value] : fields) {
        std::size_t offset = writer.add(tag, value);
        if (tag == 0x07 && !value.empty()) {
            tamperOffset = offset + value.size() - 1;
        }
    }
    // Without a surname, tamper with the last byte: the signature fails all the same.
    if (persona.surname.empty()) {
        tamperOffset = writer.bytes().size() - 1;
    }
    return writer.bytes();
}

Bytes addressFile(const Persona& persona) {
    TlvWriter writer;
    writer.add(0x00, {0x00, 0x01});
    writer.add(0x01, toBytes(persona.streetAndNumber));
    writer.add(0x02, toBytes(persona.postalCode));
    writer.add(0x03, toBytes(persona.municipality));
    return writer.bytes();
}

}  // namespace

Result<CardImage> buildCardImage(const Persona& persona, const std::string& pkiDir) {
    auto inPki = [&](const std::string& relative) {
        return (std::filesystem::path(pkiDir) / relative).string();
    };
    const PersonaPki& pki = persona.pki;
    CardImage image;
    image.applet = persona.applet;
    image.chipNumber = persona.chipNumber;
    image.pin = persona.pin;
    image.pinTriesLeft = persona.pinTriesLeft;

    auto authenticationKey = loadCardKey(inPki(pki.authenticationKey), persona.applet);
    if (!authenticationKey.has_value()) {
        return tl::unexpected(authenticationKey.error());
    }
    auto signingKey = loadCardKey(inPki(pki.signingKey), persona.applet);
    if (!signingKey.has_value()) {
        return tl::unexpected(signingKey.error());
    }
    auto rrnKey = loadCardKey(inPki(pki.rrnKey), persona.applet);
    if (!rrnKey.has_value()) {
        return tl::unexpected(rrnKey.error());
    }
    image.authenticationKey = std::move(*authenticationKey);
    image.signingKey = std::move(*signingKey);

    auto& df00 = image.files[fid::kBelpicDf];
    const std::pair<std::uint16_t, const std::string*> certificates[] = {
        {fid::kAuthenticationCertificate, &pki.authenticationCertificate},
        {fid::kSigningCertificate, &pki.signingCertificate},
        {fid::kCaCertificate, &pki.caCertificate},
        {fid::kRootCertificate, &pki.rootCertificate},
        {fid::kRrnCertificate, &pki.rrnCertificate},
    };
    for (const auto& [file, path] : certificates) {
        auto der = loadCertificateDer(inPki(*path));
        if (!der.has_value()) {
            return tl::unexpected(der.error());
        }
        std::size_t size = (der->size() + 255) / 256 * 256;
        df00[file] = padded(std::move(*der), std::max(size, kCertificateFileSize));
    }

    auto photo = readFile(persona.photoPath);
    if (!photo.has_value()) {
        return fail(Errc::Config, "photo: " + photo.error().message);
    }
    auto& df01 = image.files[fid::kIdDf];
    Bytes basicKeyFile;
    if (persona.applet == AppletVersion::V18) {
        auto basicKey = loadCardKey(inPki(pki.basicKey), persona.applet);
        if (!basicKey.has_value()) {
            return tl::unexpected(basicKey.error());
        }
        auto spki = publicKeyDer(basicKey->get());
        if (!spki.has_value()) {
            return tl::unexpected(spki.error());
        }
        basicKeyFile = *spki;
        image.basicKey = std::move(*basicKey);
        df01[fid::kBasicPublicKey] = basicKeyFile;
    }

    Bytes identity = identityFile(persona, *photo, basicKeyFile, image.identityTamperOffset);
    auto identitySignature = rrnSignature(persona, rrnKey->get(), identity);
    if (!identitySignature.has_value()) {
        return tl::unexpected(identitySignature.error());
    }
    // The address signature covers the address without its zero padding, followed by the
    // identity signature file as stored (eid-mw certhelpers.c).
    Bytes address = addressFile(persona);
    Bytes signedAddress = address;
    signedAddress.insert(signedAddress.end(), identitySignature->begin(), identitySignature->end());
    auto addressSignature = rrnSignature(persona, rrnKey->get(), signedAddress);
    if (!addressSignature.has_value()) {
        return tl::unexpected(addressSignature.error());
    }
    df01[fid::kIdentity] = std::move(identity);
    df01[fid::kIdentitySignature] = std::move(*identitySignature);
    df01[fid::kAddress] = padded(std::move(address), kAddressFileSize);
    df01[fid::kAddressSignature] = std::move(*addressSignature);
    df01[fid::kPhoto] = std::move(*photo);
    image.files[fid::kMasterFile][fid::kDir] = dirFile();
    return image;
}

}  // namespace balie::cardsim
