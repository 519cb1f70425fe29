// SPDX-License-Identifier: GPL-3.0-or-later
// Test transports: recorded exchanges and an in-memory card.
#include "scripted_transport.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace balie::test {

using drivers::eid::ApduResponse;
using drivers::eid::Bytes;
using drivers::eid::ByteView;
using drivers::eid::toHex;

Bytes hex(std::string_view text) {
    Bytes bytes;
    int high = -1;
    for (char c : text) {
        int value = -1;
        if (c >= '0' && c <= '9') {
            value = c - '0';
        } else if (c >= 'A' && c <= 'F') {
            value = c - 'A' + 10;
        } else if (c >= 'a' && c <= 'f') {
            value = c - 'a' + 10;
        } else {
            continue;
        }
        if (high < 0) {
            high = value;
        } else {
            bytes.push_back(static_cast<std::uint8_t>((high << 4) | value));
            high = -1;
        }
    }
    return bytes;
}

ScriptedTransport& ScriptedTransport::expect(std::string_view command, std::string_view response) {
    script_.push_back({hex(command), hex(response), std::nullopt});
    return *this;
}

ScriptedTransport& ScriptedTransport::expectFailure(std::string_view command, core::Error error) {
    script_.push_back({hex(command), {}, std::move(error)});
    return *this;
}

core::Result<ApduResponse> ScriptedTransport::transmit(ByteView command) {
    sent_.emplace_back(command.begin(), command.end());
    if (script_.empty()) {
        ADD_FAILURE() << "unexpected command " << toHex(command);
        return core::fail(core::Errc::Card, "script ended");
    }
    Exchange next = std::move(script_.front());
    script_.pop_front();
    if (!std::ranges::equal(next.command, command)) {
        ADD_FAILURE() << "expected " << toHex(next.command) << ", got " << toHex(command);
        return core::fail(core::Errc::Card, "command out of script");
    }
    if (next.error) {
        return tl::unexpected(*next.error);
    }
    return drivers::eid::parseResponse(next.response);
}

core::Result<ApduResponse> MemoryCard::transmit(ByteView command) {
    ++transmissions_;
    auto answer = [](Bytes data, std::uint16_t sw) { return ApduResponse{std::move(data), sw}; };
    if (command.size() < 4) {
        return answer({}, 0x6700);
    }
    const std::uint8_t ins = command[1];
    if (ins == 0xA4 && command[2] == 0x04) {
        return answer({}, 0x9000);
    }
    if (ins == 0xA4 && command[2] == 0x08 && command.size() >= 7) {
        if (command[4] == 2) {
            current_.reset();
            return answer({}, 0x9000);
        }
        const auto fid = static_cast<std::uint16_t>((command[7] << 8) | command[8]);
        if (!files_.contains(fid)) {
            return answer({}, 0x6A82);
        }
        current_ = fid;
        return answer({}, 0x9000);
    }
    if (ins == 0xB0 && command.size() == 5) {
        const std::size_t offset = static_cast<std::size_t>((command[2] << 8) | command[3]);
        if (offset > 0 && !injected_.empty()) {
            Bytes raw = std::move(injected_.front());
            injected_.pop_front();
            return drivers::eid::parseResponse(raw);
        }
        if (!current_) {
            return answer({}, 0x6986);
        }
        const Bytes& file = files_[*current_];
        const std::size_t length = command[4] == 0 ? 256 : command[4];
        if (offset >= file.size()) {
            return answer({}, 0x6B00);
        }
        const std::size_t remaining = file.size() - offset;
        if (length > remaining && !shortReads_) {
            return answer({}, static_cast<std::uint16_t>(0x6C00 | remaining));
        }
        const std::size_t count = std::min(length, remaining);
        return answer(Bytes(file.begin() + static_cast<std::ptrdiff_t>(offset),
                            file.begin() + static_cast<std::ptrdiff_t>(offset + count)),
                      0x9000);
    }
    if (ins == 0xE4) {
        Bytes data(command[3] == 1 ? 31 : 28, 0x00);
        data[21] = appletVersion_;
        data[27] = 0x0F;
        if (data.size() > 28) {
            data[28] = static_cast<std::uint8_t>(triesLeft_);
        }
        if (command[4] != data.size()) {
            return answer({}, static_cast<std::uint16_t>(0x6C00 | data.size()));
        }
        return answer(std::move(data), 0x9000);
    }
    if (ins == 0x20) {
        if (triesLeft_ == 0) {
            return answer({}, 0x6983);
        }
        if (command.size() == 4) {
            return answer({}, verified_ ? 0x9000 : static_cast<std::uint16_t>(0x63C0 | triesLeft_));
        }
        ++verifyCount_;
        Bytes block(8, 0xFF);
        block[0] = static_cast<std::uint8_t>(0x20 | pin_.size());
        for (std::size_t i = 0; i < pin_.size(); ++i) {
            const auto digit = static_cast<std::uint8_t>(pin_[i] - '0');
            block[1 + i / 2] = i % 2 == 0
                                   ? static_cast<std::uint8_t>((digit << 4) | 0x0F)
                                   : static_cast<std::uint8_t>((block[1 + i / 2] & 0xF0) | digit);
        }
        if (command.size() == 13 && std::equal(block.begin(), block.end(), command.begin() + 5)) {
            triesLeft_ = 3;
            verified_ = true;
            return answer({}, 0x9000);
        }
        verified_ = false;
        --triesLeft_;
        return answer({},
                      triesLeft_ == 0 ? 0x6983 : static_cast<std::uint16_t>(0x63C0 | triesLeft_));
    }
    if (ins == 0x22) {
        return answer({}, 0x9000);
    }
    if (ins == 0x2A && command.size() > 5) {
        if (!verified_ || !signer_) {
            return answer({}, 0x6982);
        }
        return answer(signer_(command.subspan(5)), 0x9000);
    }
    if (ins == 0xE6) {
        ++logOffCount_;
        verified_ = false;
        return answer({}, 0x9000);
    }
    return answer({}, 0x6D00);
}

}  // namespace balie::test
