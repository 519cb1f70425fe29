// SPDX-License-Identifier: GPL-3.0-or-later
// BELPIC applet model: file system, PIN and signing commands of a Belgian eID card.
#include "beid_applet.h"

#include <algorithm>
#include <array>
#include <utility>

#include "crypto.h"

namespace balie::cardsim {

namespace {

constexpr std::uint8_t kIsoCla = 0x00;
constexpr std::uint8_t kProprietaryCla = 0x80;
constexpr int kMaxPinTries = 3;
constexpr std::uint8_t kAuthenticationKey = 0x82;
constexpr std::uint8_t kNonRepudiationKey = 0x83;
constexpr std::uint8_t kBasicKey = 0x81;
// Pieces handed out by GET RESPONSE after the 61xx glitch, so that the reader has to loop.
constexpr std::size_t kGlitchPiece = 128;

// Applet AID ([R18] 2.2) and the PKCS#15 application in EF(DIR) ([CONT] 5.2.1).
const Bytes kBelpicAid = {0xA0, 0x00, 0x00, 0x00, 0x30, 0x29, 0x05, 0x70,
                          0x00, 0xAD, 0x13, 0x10, 0x01, 0x01, 0xFF};
const Bytes kPkcs15Aid = {0xA0, 0x00, 0x00, 0x01, 0x77, 0x50, 0x4B, 0x43, 0x53, 0x2D, 0x31, 0x35};

std::uint16_t word(std::uint8_t high, std::uint8_t low) {
    return static_cast<std::uint16_t>(high << 8 | low);
}

std::uint16_t withCount(std::uint16_t statusWord, std::size_t count) {
    return static_cast<std::uint16_t>(statusWord | (count & 0xFF));
}

// PIN block of VERIFY ([R18] 3.2): nibble 2, length nibble, BCD digits, F padding to 8 bytes.
std::optional<std::string> decodePinBlock(const Bytes& block) {
    if (block.size() != 8 || (block[0] >> 4) != 0x2) {
        return std::nullopt;
    }
    std::size_t length = block[0] & 0x0F;
    if (length < 4 || length > 12) {
        return std::nullopt;
    }
    std::string pin;
    for (std::size_t i = 0; i < 14; ++i) {
        std::uint8_t byte = block[1 + i / 2];
        int nibble = i % 2 == 0 ? byte >> 4 : byte & 0x0F;
        if (i < length) {
            if (nibble > 9) {
                return std::nullopt;
            }
            pin.push_back(static_cast<char>('0' + nibble));
        } else if (nibble != 0xF) {
            return std::nullopt;
        }
    }
    return pin;
}

// How PSO COMPUTE DIGITAL SIGNATURE treats its input for an algorithm byte of MSE SET
// ([R17] table 11; [R18] 6.3).
struct SignatureAlgorithm {
    enum class Kind { RsaPkcs1Raw, RsaPkcs1, RsaPss, Ecdsa } kind;
    HashAlgorithm hash;
    std::array<std::size_t, 5> inputLengths;  // accepted input lengths, 0 = unused slot
};

std::optional<SignatureAlgorithm> signatureAlgorithm(AppletVersion applet, std::uint8_t code) {
    using Kind = SignatureAlgorithm::Kind;
    using H = HashAlgorithm;
    if (applet == AppletVersion::V17) {
        switch (code) {
            case 0x01:
                return SignatureAlgorithm{Kind::RsaPkcs1Raw, H::Sha1, {}};
            case 0x02:
                return SignatureAlgorithm{Kind::RsaPkcs1, H::Sha1, {20}};
            case 0x04:
                return SignatureAlgorithm{Kind::RsaPkcs1, H::Md5, {16}};
            case 0x08:
                return SignatureAlgorithm{Kind::RsaPkcs1, H::Sha256, {32}};
            case 0x10:
                return SignatureAlgorithm{Kind::RsaPss, H::Sha1, {20}};
            case 0x20:
                return SignatureAlgorithm{Kind::RsaPss, H::Sha256, {32}};
            default:
                return std::nullopt;
        }
    }
    switch (code) {
        case 0x01:
            return SignatureAlgorithm{Kind::Ecdsa, H::Sha256, {32}};
        case 0x02:
            return SignatureAlgorithm{Kind::Ecdsa, H::Sha384, {48}};
        case 0x04:
            return SignatureAlgorithm{Kind::Ecdsa, H::Sha512, {64}};
        case 0x08:
            return SignatureAlgorithm{Kind::Ecdsa, H::Sha3_256, {32}};
        case 0x10:
            return SignatureAlgorithm{Kind::Ecdsa, H::Sha3_384, {48}};
        case 0x20:
            return SignatureAlgorithm{Kind::Ecdsa, H::Sha3_512, {64}};
        case 0x40:
            return SignatureAlgorithm{Kind::Ecdsa, H::Sha384, {20, 28, 32, 48, 64}};
        default:
            return std::nullopt;
    }
}

}  // namespace

const Bytes& beidAtr(AppletVersion applet) {
    static const Bytes kAtr17 = {0x3B, 0x98, 0x13, 0x40, 0x0A, 0xA5, 0x03,
                                 0x01, 0x01, 0x01, 0xAD, 0x13, 0x11};
    static const Bytes kAtr18 = {0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0,
                                 0x85, 0x04, 0x01, 0x20, 0x12, 0x0F, 0xFF, 0x82, 0x90, 0x00};
    return applet == AppletVersion::V17 ? kAtr17 : kAtr18;
}

BeidApplet::BeidApplet(CardImage image) : image_(std::move(image)) {
}

void BeidApplet::reset() {
    currentDf_ = fid::kMasterFile;
    currentEf_.reset();
    pinVerified_ = false;
    signingUnlocked_ = false;
    algorithm_.reset();
    keyReference_.reset();
    pending_.clear();
}

void BeidApplet::armGlitch(Glitch glitch) {
    switch (glitch) {
        case Glitch::WrongLength:
            wrongLengthArmed_ = true;
            break;
        case Glitch::GetResponse:
            getResponseArmed_ = true;
            break;
        case Glitch::EndOfFileMidFile:
            midFileEndArmed_ = true;
            break;
    }
}

void BeidApplet::tamperIdentity() {
    Bytes& identity = image_.files[fid::kIdDf][fid::kIdentity];
    identity[image_.identityTamperOffset] ^= 0x01;
}

Bytes BeidApplet::transmit(const Bytes& command) {
    // A T=0 card forgets a pending response at the next command other than GET RESPONSE, and
    // the non-repudiation right does not outlive the commands that lead to its signature.
    Bytes pending = std::move(pending_);
    pending_.clear();
    bool signingUnlocked = std::exchange(signingUnlocked_, false);

    auto apdu = CommandApdu::parse(command);
    if (!apdu.has_value()) {
        return statusOnly(sw::kWrongLength);
    }
    if ((apdu->cla & 0x03) != 0) {
        return statusOnly(sw::kLogicalChannelNotSupported);
    }
    std::uint8_t expectedCla = kIsoCla;
    switch (apdu->ins) {
        case 0xE4:
        case 0xE6:
            expectedCla = kProprietaryCla;
            break;
        case 0xA4:
        case 0xB0:
        case 0xC0:
        case 0x20:
        case 0x22:
        case 0x2A:
        case 0x88:
            break;
        default:
            return statusOnly(sw::kInsNotSupported);
    }
    if (apdu->cla != expectedCla) {
        return statusOnly(sw::kClaNotSupported);
    }
    switch (apdu->ins) {
        case 0xA4:
            return select(*apdu);
        case 0xB0:
            return readBinary(*apdu);
        case 0xC0:
            return getResponse(*apdu, std::move(pending));
        case 0x20:
            return verify(*apdu);
        case 0x22:
            signingUnlocked_ = signingUnlocked;
            return manageSecurityEnvironment(*apdu);
        case 0x2A:
            signingUnlocked_ = signingUnlocked;
            return computeSignature(*apdu);
        case 0x88:
            return internalAuthenticate(*apdu);
        case 0xE4:
            return getCardData(*apdu);
        default:
            return logOff(*apdu);
    }
}

const Bytes* BeidApplet::file(std::uint16_t df, std::uint16_t id) const {
    auto dir = image_.files.find(df);
    if (dir == image_.files.end()) {
        return nullptr;
    }
    auto entry = dir->second.find(id);
    return entry == dir->second.end() ? nullptr : &entry->second;
}

bool BeidApplet::isDf(std::uint16_t id) const {
    return id == fid::kBelpicDf || id == fid::kIdDf;
}

Bytes BeidApplet::select(const CommandApdu& apdu) {
    // No FCI is returned: P2 0C asks for none, and 00 is answered the same way (eid-mw only
    // looks at the status word).
    if (apdu.p2 != 0x0C && apdu.p2 != 0x00) {
        return statusOnly(sw::kWrongP1P2);
    }
    switch (apdu.p1) {
        case 0x04: {
            if (apdu.data.empty()) {
                return statusOnly(sw::kLcInconsistent);
            }
            if (apdu.data == kBelpicAid) {
                currentDf_ = fid::kMasterFile;
            } else if (apdu.data == kPkcs15Aid) {
                currentDf_ = fid::kBelpicDf;
            } else {
                return statusOnly(sw::kFileNotFound);
            }
            currentEf_.reset();
            return statusOnly(sw::kOk);
        }
        case 0x00:
        case 0x01:
        case 0x02: {
            if (apdu.data.size() != 2) {
                return statusOnly(sw::kLcInconsistent);
            }
            std::uint16_t id = word(apdu.data[0], apdu.data[1]);
            // The master file and its two DFs are found from anywhere (children of the master
            // file, siblings of each other: the ISO 7816-4 search order); an EF only from its
            // own DF, so that a reader must walk the path when it is elsewhere.
            if (id == fid::kMasterFile || isDf(id)) {
                currentDf_ = id;
                currentEf_.reset();
                return statusOnly(sw::kOk);
            }
            if (file(currentDf_, id) == nullptr) {
                return statusOnly(sw::kFileNotFound);
            }
            currentEf_ = id;
            return statusOnly(sw::kOk);
        }
        case 0x08:
        case 0x09: {
            if (apdu.data.empty() || apdu.data.size() % 2 != 0) {
                return statusOnly(sw::kLcInconsistent);
            }
            // A path from the master file leaves out 3F00 ([R18] 6.6); a leading 3F00 is
            // tolerated.
            std::uint16_t df = apdu.p1 == 0x08 ? fid::kMasterFile : currentDf_;
            std::optional<std::uint16_t> ef;
            for (std::size_t i = 0; i < apdu.data.size(); i += 2) {
                std::uint16_t id = word(apdu.data[i], apdu.data[i + 1]);
                if (ef.has_value()) {
                    return statusOnly(sw::kFileNotFound);  // an EF has no children
                }
                if (id == fid::kMasterFile && i == 0) {
                    df = fid::kMasterFile;
                } else if (isDf(id) && df == fid::kMasterFile) {
                    df = id;
                } else if (file(df, id) != nullptr) {
                    ef = id;
                } else {
                    return statusOnly(sw::kFileNotFound);
                }
            }
            currentDf_ = df;
            currentEf_ = ef;
            return statusOnly(sw::kOk);
        }
        default:
            return statusOnly(sw::kWrongP1P2);
    }
}

Bytes BeidApplet::readBinary(const CommandApdu& apdu) {
    if ((apdu.p1 & 0x80) != 0) {
        return statusOnly(sw::kWrongP1P2);  // short EF identifiers are not supported
    }
    if (!apdu.le.has_value() || !apdu.data.empty()) {
        return statusOnly(sw::kWrongLength);
    }
    if (!currentEf_.has_value()) {
        return statusOnly(sw::kNoCurrentEf);
    }
    const Bytes& content = *file(currentDf_, *currentEf_);
    std::size_t offset = word(apdu.p1, apdu.p2);
    if (offset >= content.size()) {
        return statusOnly(sw::kOffsetBeyondEnd);
    }
    if (midFileEndArmed_ && offset > 0) {
        midFileEndArmed_ = false;
        return statusOnly(sw::kOffsetBeyondEnd);
    }
    std::size_t available = content.size() - offset;
    std::size_t wanted = *apdu.le;
    // T=0: a Le beyond the end of the file is answered with the exact length to ask for.
    if (wanted > available) {
        return statusOnly(withCount(0x6C00, available));
    }
    if (wrongLengthArmed_) {
        wrongLengthArmed_ = false;
        return statusOnly(withCount(0x6C00, wanted));
    }
    auto first = content.begin() + static_cast<std::ptrdiff_t>(offset);
    Bytes data(first, first + static_cast<std::ptrdiff_t>(wanted));
    if (getResponseArmed_) {
        getResponseArmed_ = false;
        return announce(std::move(data), kGlitchPiece);
    }
    return responseApdu(data, sw::kOk);
}

Bytes BeidApplet::announce(Bytes data, std::size_t piece) {
    std::size_t announced = std::min(data.size(), piece);
    pending_ = std::move(data);
    pendingPiece_ = piece;
    return statusOnly(withCount(0x6100, announced));
}

Bytes BeidApplet::getResponse(const CommandApdu& apdu, Bytes pending) {
    if (apdu.p1 != 0 || apdu.p2 != 0) {
        return statusOnly(sw::kWrongP1P2);
    }
    if (!apdu.le.has_value() || !apdu.data.empty()) {
        return statusOnly(sw::kWrongLength);
    }
    if (pending.empty()) {
        return statusOnly(sw::kConditionsNotSatisfied);
    }
    std::size_t wanted = *apdu.le;
    if (wanted > pending.size()) {
        std::size_t available = pending.size();
        pending_ = std::move(pending);  // the reader may ask again with the right length
        return statusOnly(withCount(0x6C00, available));
    }
    Bytes data(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(wanted));
    Bytes rest(pending.begin() + static_cast<std::ptrdiff_t>(wanted), pending.end());
    if (rest.empty()) {
        return responseApdu(data, sw::kOk);
    }
    std::size_t announced = std::min(rest.size(), pendingPiece_);
    pending_ = std::move(rest);
    return responseApdu(data, withCount(0x6100, announced));
}

Bytes BeidApplet::getCardData(const CommandApdu& apdu) const {
    bool withPinTries = apdu.p2 == 0x01 && image_.applet == AppletVersion::V18;
    if (apdu.p1 != 0 || (apdu.p2 != 0x00 && !withPinTries)) {
        return statusOnly(sw::kWrongP1P2);
    }
    // [R18] 6.14: serial (16), component code, OS number, OS version, softmask number and
    // version, applet version, global OS version (2), applet interface version, PKCS#1 support,
    // key exchange version, life cycle (0F = personalised); on 1.8 with P2 01 also the PIN tries
    // left and two reserved bytes.
    Bytes data = image_.chipNumber;
    bool v18 = image_.applet == AppletVersion::V18;
    const std::uint8_t tail[] = {0xD0, 0x01, static_cast<std::uint8_t>(v18 ? 0x1C : 0x1A),
                                 0x01, 0x02, static_cast<std::uint8_t>(v18 ? 0x18 : 0x17),
                                 0x01, 0x00, 0x01,
                                 0x01, 0x01, 0x0F};
    data.insert(data.end(), std::begin(tail), std::end(tail));
    if (withPinTries) {
        data.push_back(static_cast<std::uint8_t>(image_.pinTriesLeft));
        data.push_back(0x00);
        data.push_back(0x00);
    }
    if (!apdu.le.has_value() || !apdu.data.empty()) {
        return statusOnly(sw::kWrongLength);
    }
    if (*apdu.le != data.size()) {
        return statusOnly(withCount(0x6C00, data.size()));
    }
    return responseApdu(data, sw::kOk);
}

Bytes BeidApplet::verify(const CommandApdu& apdu) {
    if (apdu.p1 != 0x00) {
        return statusOnly(sw::kWrongP1P2);
    }
    if (apdu.p2 != 0x01) {
        return statusOnly(sw::kReferenceNotFound);
    }
    std::uint16_t triesLeft = withCount(0x63C0, static_cast<std::size_t>(image_.pinTriesLeft));
    // VERIFY without data asks for the PIN state without spending a try ([R18] 6.5).
    if (apdu.data.empty() && !apdu.le.has_value()) {
        if (image_.pinTriesLeft == 0) {
            return statusOnly(sw::kPinBlocked);
        }
        return statusOnly(pinVerified_ ? sw::kOk : triesLeft);
    }
    if (apdu.data.size() != 8 || apdu.le.has_value()) {
        return statusOnly(sw::kWrongLength);
    }
    if (image_.pinTriesLeft == 0) {
        return statusOnly(sw::kPinBlocked);
    }
    auto pin = decodePinBlock(apdu.data);
    if (!pin.has_value()) {
        return statusOnly(sw::kWrongData);  // a malformed block spends no try
    }
    if (*pin != image_.pin) {
        // A wrong PIN also drops the PIN rights already gained ([R18] 5.1).
        pinVerified_ = false;
        --image_.pinTriesLeft;
        return statusOnly(withCount(0x63C0, static_cast<std::size_t>(image_.pinTriesLeft)));
    }
    image_.pinTriesLeft = kMaxPinTries;
    pinVerified_ = true;
    signingUnlocked_ = true;
    return statusOnly(sw::kOk);
}

Bytes BeidApplet::manageSecurityEnvironment(const CommandApdu& apdu) {
    if (apdu.p1 != 0x41 || apdu.p2 != 0xB6) {
        return statusOnly(sw::kWrongP1P2);
    }
    // Belpic's proprietary layout: 04 (length of the rest), 80 <algorithm>, 84 <key>.
    const Bytes& data = apdu.data;
    if (data.size() != 5 || data[0] != 0x04 || data[1] != 0x80 || data[3] != 0x84) {
        return statusOnly(sw::kWrongData);
    }
    if (data[4] != kAuthenticationKey && data[4] != kNonRepudiationKey) {
        return statusOnly(sw::kReferenceNotFound);
    }
    if (!signatureAlgorithm(image_.applet, data[2]).has_value()) {
        return statusOnly(sw::kWrongData);
    }
    algorithm_ = data[2];
    keyReference_ = data[4];
    return statusOnly(sw::kOk);
}

Bytes BeidApplet::computeSignature(const CommandApdu& apdu) {
    if (apdu.p1 != 0x9E || apdu.p2 != 0x9A) {
        return statusOnly(sw::kWrongP1P2);
    }
    if (!algorithm_.has_value() || !keyReference_.has_value()) {
        return statusOnly(sw::kConditionsNotSatisfied);
    }
    bool nonRepudiation = *keyReference_ == kNonRepudiationKey;
    if (nonRepudiation ? !signingUnlocked_ : !pinVerified_) {
        return statusOnly(sw::kSecurityStatusNotSatisfied);
    }
    SignatureAlgorithm algorithm = *signatureAlgorithm(image_.applet, *algorithm_);
    const Bytes& input = apdu.data;
    using Kind = SignatureAlgorithm::Kind;
    // RSA-2048 PKCS#1 v1.5 leaves room for at most 245 bytes of DigestInfo.
    bool lengthOk = algorithm.kind == Kind::RsaPkcs1Raw
                        ? !input.empty() && input.size() <= 245
                        : std::find(algorithm.inputLengths.begin(), algorithm.inputLengths.end(),
                                    input.size()) != algorithm.inputLengths.end();
    if (!lengthOk) {
        return statusOnly(sw::kWrongLength);
    }
    EVP_PKEY* key = nonRepudiation ? image_.signingKey.get() : image_.authenticationKey.get();
    core::Result<Bytes> signature;
    switch (algorithm.kind) {
        case Kind::RsaPkcs1Raw:
            signature = signRsaPkcs1(key, nullptr, input);
            break;
        case Kind::RsaPkcs1:
            signature = signRsaPkcs1(key, &algorithm.hash, input);
            break;
        case Kind::RsaPss:
            signature = signRsaPss(key, algorithm.hash, input);
            break;
        case Kind::Ecdsa:
            signature = signEcdsaRaw(key, input);
            break;
    }
    if (nonRepudiation) {
        // After a legal signature the authentication key needs a fresh VERIFY ([R18] 5.1.3).
        signingUnlocked_ = false;
        pinVerified_ = false;
    }
    if (!signature.has_value()) {
        return statusOnly(sw::kWrongData);
    }
    return announce(std::move(*signature), 256);
}

Bytes BeidApplet::internalAuthenticate(const CommandApdu& apdu) {
    if (image_.applet != AppletVersion::V18) {
        return statusOnly(sw::kInsNotSupported);
    }
    if (apdu.p1 != 0x02 || apdu.p2 != kBasicKey) {
        return statusOnly(sw::kWrongP1P2);
    }
    // 94 30 <48-byte challenge>; the challenge is signed as it is, like a SHA-384 value.
    const Bytes& data = apdu.data;
    if (data.size() != 50 || data[0] != 0x94 || data[1] != 0x30) {
        return statusOnly(sw::kWrongData);
    }
    auto signature = signEcdsaRaw(image_.basicKey.get(), Bytes(data.begin() + 2, data.end()));
    if (!signature.has_value()) {
        return statusOnly(sw::kWrongData);
    }
    return announce(std::move(*signature), 256);
}

Bytes BeidApplet::logOff(const CommandApdu& apdu) {
    if (apdu.p1 != 0 || apdu.p2 != 0) {
        return statusOnly(sw::kWrongP1P2);
    }
    pinVerified_ = false;
    signingUnlocked_ = false;
    return statusOnly(sw::kOk);
}

}  // namespace balie::cardsim
