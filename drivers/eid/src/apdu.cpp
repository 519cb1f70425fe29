// SPDX-License-Identifier: GPL-3.0-or-later
// APDU encoding and status words.
#include "balie/drivers/eid/apdu.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace balie::drivers::eid {

core::Result<ApduResponse> parseResponse(ByteView raw) {
    if (raw.size() < 2) {
        return core::fail(core::Errc::Card, "the card answered " + std::to_string(raw.size()) +
                                                " bytes, less than a status word");
    }
    ApduResponse response;
    response.data.assign(raw.begin(), raw.end() - 2);
    response.sw = static_cast<std::uint16_t>((raw[raw.size() - 2] << 8) | raw[raw.size() - 1]);
    return response;
}

std::string toHex(ByteView bytes) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string text;
    text.reserve(bytes.size() * 2);
    for (std::uint8_t byte : bytes) {
        text.push_back(kDigits[byte >> 4]);
        text.push_back(kDigits[byte & 0x0F]);
    }
    return text;
}

std::string describeStatus(std::uint16_t statusWord) {
    const std::array<std::uint8_t, 2> bytes{static_cast<std::uint8_t>(statusWord >> 8),
                                            static_cast<std::uint8_t>(statusWord & 0xFF)};
    std::string text = toHex(bytes);
    const char* meaning = nullptr;
    switch (statusWord) {
        case sw::kOk:
            meaning = "success";
            break;
        case sw::kWrongLength:
            meaning = "wrong length";
            break;
        case sw::kSecurityStatus:
            meaning = "security status not satisfied";
            break;
        case sw::kPinBlocked:
            meaning = "PIN blocked";
            break;
        case sw::kFileNotActivated:
            meaning = "file not activated";
            break;
        case sw::kNoCurrentEf:
            meaning = "no current file";
            break;
        case sw::kFileNotFound:
            meaning = "file not found";
            break;
        case sw::kWrongP1P2:
            meaning = "wrong parameters";
            break;
        case 0x6A87:
            meaning = "length inconsistent with parameters";
            break;
        case 0x6A88:
            meaning = "reference not found";
            break;
        case sw::kOffsetBeyondEnd:
            meaning = "offset beyond end of file";
            break;
        case sw::kWrongLifeCycle:
            meaning = "card not activated";
            break;
        case 0x6E00:
            meaning = "class not supported";
            break;
        default:
            if (bytes[0] == sw::kWrongPinSw1 && (bytes[1] & 0xF0) == 0xC0) {
                meaning = "wrong PIN";
            } else if (bytes[0] == sw::kMoreDataSw1) {
                meaning = "more data available";
            } else if (bytes[0] == sw::kExactLengthSw1) {
                meaning = "wrong expected length";
            }
            break;
    }
    if (meaning != nullptr) {
        text += ' ';
        text += meaning;
    }
    return text;
}

namespace command {

namespace {

constexpr std::array<std::uint8_t, 15> kAppletAid = {0xA0, 0x00, 0x00, 0x00, 0x30, 0x29, 0x05, 0x70,
                                                     0x00, 0xAD, 0x13, 0x10, 0x01, 0x01, 0xFF};

std::uint8_t lengthByte(std::size_t length) {
    // Short APDUs carry 256 as 00.
    return static_cast<std::uint8_t>(length & 0xFF);
}

/// A case 3 command: header, Lc, data.
Bytes withData(std::uint8_t cla, std::uint8_t ins, std::uint8_t p1, std::uint8_t p2,
               ByteView data) {
    Bytes apdu(5 + data.size());
    apdu[0] = cla;
    apdu[1] = ins;
    apdu[2] = p1;
    apdu[3] = p2;
    apdu[4] = static_cast<std::uint8_t>(data.size());
    std::copy(data.begin(), data.end(), apdu.begin() + 5);
    return apdu;
}

}  // namespace

Bytes selectApplet() {
    return withData(0x00, 0xA4, 0x04, 0x0C, kAppletAid);
}

Bytes selectPath(std::span<const std::uint16_t> path) {
    Bytes fids;
    for (std::uint16_t fid : path) {
        fids.push_back(static_cast<std::uint8_t>(fid >> 8));
        fids.push_back(static_cast<std::uint8_t>(fid & 0xFF));
    }
    return withData(0x00, 0xA4, 0x08, 0x0C, fids);
}

Bytes readBinary(std::size_t offset, std::size_t length) {
    return {0x00, 0xB0, static_cast<std::uint8_t>((offset >> 8) & 0x7F),
            static_cast<std::uint8_t>(offset & 0xFF), lengthByte(length)};
}

Bytes getResponse(std::uint8_t length) {
    return {0x00, 0xC0, 0x00, 0x00, length};
}

Bytes getCardData(bool withPinTries) {
    return withPinTries ? Bytes{0x80, 0xE4, 0x00, 0x01, 0x1F} : Bytes{0x80, 0xE4, 0x00, 0x00, 0x1C};
}

Bytes pinState() {
    return {0x00, 0x20, 0x00, 0x01};
}

Bytes manageSecurityEnvironment(std::uint8_t algorithm, std::uint8_t keyReference) {
    return {0x00, 0x22, 0x41, 0xB6, 0x05, 0x04, 0x80, algorithm, 0x84, keyReference};
}

Bytes computeSignature(ByteView input) {
    return withData(0x00, 0x2A, 0x9E, 0x9A, input);
}

Bytes logOff() {
    return {0x80, 0xE6, 0x00, 0x00};
}

}  // namespace command

}  // namespace balie::drivers::eid
