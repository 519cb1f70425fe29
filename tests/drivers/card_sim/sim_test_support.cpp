// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers for the card simulator tests.
#include "sim_test_support.h"

#include <gtest/gtest.h>
#include <openssl/bn.h>
#include <openssl/rsa.h>

#include "persona.h"
#include "virtual_card_rig.h"

namespace balie::test {

using namespace cardsim;

std::string personaPath(const std::string& name) {
    return std::string(BALIE_TEST_DATA_DIR) + "/eid/personas/" + name + ".json";
}

CardImage loadImage(const std::string& name) {
    std::string error;
    std::string pki = makeTestPki(personaPath(name), &error);
    if (pki.empty()) {
        ADD_FAILURE() << error;
        return {};
    }
    auto persona = loadPersona(personaPath(name));
    if (!persona.has_value()) {
        ADD_FAILURE() << persona.error().message;
        return {};
    }
    auto image = buildCardImage(*persona, pki);
    if (!image.has_value()) {
        ADD_FAILURE() << image.error().message;
        return {};
    }
    return std::move(*image);
}

Bytes apdu(std::initializer_list<int> bytes) {
    Bytes result;
    for (int value : bytes) {
        result.push_back(static_cast<std::uint8_t>(value));
    }
    return result;
}

std::uint16_t statusWord(const Bytes& response) {
    if (response.size() < 2) {
        ADD_FAILURE() << "response without status word";
        return 0;
    }
    return static_cast<std::uint16_t>(response[response.size() - 2] << 8 | response.back());
}

Bytes dataOf(const Bytes& response) {
    return Bytes(response.begin(), response.end() - 2);
}

Bytes readWholeFile(BeidApplet& applet, std::uint16_t df, std::uint16_t ef) {
    Bytes select = apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, df >> 8, df & 0xFF, ef >> 8, ef & 0xFF});
    EXPECT_EQ(statusWord(applet.transmit(select)), 0x9000);
    Bytes content;
    for (;;) {
        std::size_t offset = content.size();
        Bytes read =
            apdu({0x00, 0xB0, static_cast<int>(offset >> 8), static_cast<int>(offset & 0xFF), 252});
        Bytes response = applet.transmit(read);
        std::uint16_t status = statusWord(response);
        if ((status & 0xFF00) == 0x6C00) {
            read.back() = static_cast<std::uint8_t>(status & 0xFF);
            response = applet.transmit(read);
            status = statusWord(response);
        }
        if (status == 0x6B00 && offset > 0) {
            return content;
        }
        EXPECT_EQ(status, 0x9000) << "at offset " << offset;
        if (status != 0x9000) {
            return content;
        }
        Bytes data = dataOf(response);
        content.insert(content.end(), data.begin(), data.end());
        if (data.size() < 252) {
            return content;
        }
    }
}

std::map<std::uint8_t, Bytes> parseTlv(const Bytes& file) {
    std::map<std::uint8_t, Bytes> records;
    std::size_t i = 0;
    while (i < file.size()) {
        std::uint8_t tag = file[i++];
        if (tag == 0x00 && !records.empty()) {
            break;  // zero padding after the last record
        }
        std::size_t length = 0;
        while (i < file.size() && file[i] == 0xFF) {
            length += 255;
            ++i;
        }
        if (i >= file.size()) {
            ADD_FAILURE() << "TLV length runs past the end";
            return records;
        }
        length += file[i++];
        if (i + length > file.size()) {
            ADD_FAILURE() << "TLV value runs past the end";
            return records;
        }
        records[tag] = Bytes(file.begin() + static_cast<std::ptrdiff_t>(i),
                             file.begin() + static_cast<std::ptrdiff_t>(i + length));
        i += length;
    }
    return records;
}

EvpPkeyPtr certificateKey(const Bytes& certificateFile) {
    const unsigned char* in = certificateFile.data();
    X509Ptr certificate(d2i_X509(nullptr, &in, static_cast<long>(certificateFile.size())));
    if (!certificate) {
        ADD_FAILURE() << "not a DER certificate";
        return nullptr;
    }
    return EvpPkeyPtr(X509_get_pubkey(certificate.get()));
}

bool verifyWithCertificate(const Bytes& certificateFile, HashAlgorithm hash, const Bytes& message,
                           const Bytes& signature) {
    EvpPkeyPtr key = certificateKey(certificateFile);
    if (!key) {
        return false;
    }
    // DER signatures are stored zero-padded: verify only the DER length (30 LL ...).
    std::size_t length = signature.size();
    if (!isRsa(key.get()) && signature.size() >= 2 && signature[0] == 0x30) {
        length = std::min<std::size_t>(length, std::size_t{signature[1]} + 2);
    }
    EvpMdCtxPtr context(EVP_MD_CTX_new());
    return EVP_DigestVerifyInit(context.get(), nullptr, evpDigest(hash), nullptr, key.get()) == 1 &&
           EVP_DigestVerify(context.get(), signature.data(), length, message.data(),
                            message.size()) == 1;
}

bool verifyPrehashed(EVP_PKEY* publicKey, HashAlgorithm hash, const Bytes& hashValue,
                     const Bytes& signature, bool pss) {
    Bytes der = signature;
    if (!isRsa(publicKey)) {
        // The card returns r||s; OpenSSL verifies DER.
        std::size_t half = signature.size() / 2;
        EcdsaSigPtr ecdsa(ECDSA_SIG_new());
        BIGNUM* r = BN_bin2bn(signature.data(), static_cast<int>(half), nullptr);
        BIGNUM* s = BN_bin2bn(signature.data() + half, static_cast<int>(half), nullptr);
        ECDSA_SIG_set0(ecdsa.get(), r, s);
        int length = i2d_ECDSA_SIG(ecdsa.get(), nullptr);
        der.assign(static_cast<std::size_t>(length), 0);
        unsigned char* out = der.data();
        i2d_ECDSA_SIG(ecdsa.get(), &out);
    }
    EvpPkeyCtxPtr context(EVP_PKEY_CTX_new_from_pkey(nullptr, publicKey, nullptr));
    if (!context || EVP_PKEY_verify_init(context.get()) != 1) {
        return false;
    }
    if (isRsa(publicKey)) {
        if (EVP_PKEY_CTX_set_rsa_padding(context.get(),
                                         pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) != 1 ||
            EVP_PKEY_CTX_set_signature_md(context.get(), evpDigest(hash)) != 1) {
            return false;
        }
    }
    return EVP_PKEY_verify(context.get(), der.data(), der.size(), hashValue.data(),
                           hashValue.size()) == 1;
}

Bytes text(const std::string& value) {
    return Bytes(value.begin(), value.end());
}

}  // namespace balie::test
