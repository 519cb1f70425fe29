// SPDX-License-Identifier: GPL-3.0-or-later
// Command APDU parsing and response building.
#include "apdu.h"

namespace balie::cardsim {

std::optional<CommandApdu> CommandApdu::parse(const Bytes& raw) {
    if (raw.size() < 4) {
        return std::nullopt;
    }
    CommandApdu apdu;
    apdu.cla = raw[0];
    apdu.ins = raw[1];
    apdu.p1 = raw[2];
    apdu.p2 = raw[3];
    if (raw.size() == 4) {
        return apdu;  // case 1
    }
    std::size_t p3 = raw[4];
    if (raw.size() == 5) {
        apdu.le = p3 == 0 ? 256 : p3;  // case 2
        return apdu;
    }
    // Cases 3 and 4: P3 is Lc and must be followed by exactly Lc bytes, then maybe one Le byte.
    if (p3 == 0 || raw.size() < 5 + p3 || raw.size() > 6 + p3) {
        return std::nullopt;
    }
    apdu.data.assign(raw.begin() + 5, raw.begin() + 5 + static_cast<std::ptrdiff_t>(p3));
    if (raw.size() == 6 + p3) {
        std::size_t le = raw.back();
        apdu.le = le == 0 ? 256 : le;
    }
    return apdu;
}

Bytes responseApdu(const Bytes& data, std::uint16_t statusWord) {
    Bytes response = data;
    response.push_back(static_cast<std::uint8_t>(statusWord >> 8));
    response.push_back(static_cast<std::uint8_t>(statusWord & 0xFF));
    return response;
}

Bytes statusOnly(std::uint16_t statusWord) {
    return responseApdu({}, statusWord);
}

Bytes toBytes(std::string_view text) {
    return Bytes(text.begin(), text.end());
}

std::optional<Bytes> fromHex(std::string_view hex) {
    if (hex.size() % 2 != 0) {
        return std::nullopt;
    }
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    };
    Bytes bytes;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int high = nibble(hex[i]);
        int low = nibble(hex[i + 1]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        bytes.push_back(static_cast<std::uint8_t>(high * 16 + low));
    }
    return bytes;
}

}  // namespace balie::cardsim
