// SPDX-License-Identifier: GPL-3.0-or-later
// Card transports for protocol tests: recorded exchanges, and a small model of the card's files.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "balie/drivers/eid/apdu.h"

namespace balie::test {

/// \brief Bytes from hex text; spaces are ignored ("00 A4" and "00A4" are the same).
drivers::eid::Bytes hex(std::string_view text);

/// \brief Plays back recorded exchanges: each command must be the next one recorded, and gets
/// the recorded answer. A command out of order fails the test and gets an error.
class ScriptedTransport : public drivers::eid::CardTransport {
public:
    /// \brief Records one exchange, both sides as hex.
    ScriptedTransport& expect(std::string_view command, std::string_view response);
    /// \brief Records a command the transport fails, as a PC/SC reader does for a removed card.
    ScriptedTransport& expectFailure(std::string_view command, core::Error error);

    core::Result<drivers::eid::ApduResponse> transmit(drivers::eid::ByteView command) override;

    /// \brief True when every recorded exchange was played.
    bool finished() const { return script_.empty(); }
    const std::vector<drivers::eid::Bytes>& sent() const { return sent_; }

private:
    struct Exchange {
        drivers::eid::Bytes command;
        drivers::eid::Bytes response;
        std::optional<core::Error> error;
    };
    std::deque<Exchange> script_;
    std::vector<drivers::eid::Bytes> sent_;
};

/// \brief A card model that answers SELECT by path, READ BINARY (6Cxx when Le passes the end,
/// 6B00 at the end) and GET CARD DATA from files in memory. Answers can be injected in place of
/// the next READ BINARY that starts after offset 0, as a cheap reader does mid-file.
class MemoryCard : public drivers::eid::CardTransport {
public:
    explicit MemoryCard(std::uint8_t appletVersion) : appletVersion_(appletVersion) {}

    void setFile(std::uint16_t fid, drivers::eid::Bytes content) {
        files_[fid] = std::move(content);
    }
    void injectMidFile(std::string_view response) { injected_.push_back(hex(response)); }
    /// \brief Answer READ BINARY past the end of the file with short data and 9000 instead of 6Cxx.
    void setShortReads(bool shortReads) { shortReads_ = shortReads; }
    /// \brief The PIN (digits) and the tries left; VERIFY, LOG OFF and the PIN state follow them.
    void setPin(std::string digits, int triesLeft) {
        pin_ = std::move(digits);
        triesLeft_ = triesLeft;
    }
    /// \brief Makes PSO COMPUTE DIGITAL SIGNATURE answer with \a signer's result.
    void setSigner(std::function<drivers::eid::Bytes(drivers::eid::ByteView)> signer) {
        signer_ = std::move(signer);
    }
    int triesLeft() const { return triesLeft_; }
    bool pinVerified() const { return verified_; }
    int verifyCount() const { return verifyCount_; }
    int logOffCount() const { return logOffCount_; }

    core::Result<drivers::eid::ApduResponse> transmit(drivers::eid::ByteView command) override;

    std::size_t transmissions() const { return transmissions_; }

private:
    std::uint8_t appletVersion_;
    std::map<std::uint16_t, drivers::eid::Bytes> files_;
    std::optional<std::uint16_t> current_;
    std::deque<drivers::eid::Bytes> injected_;
    bool shortReads_ = false;
    std::size_t transmissions_ = 0;
    std::string pin_;
    int triesLeft_ = 3;
    bool verified_ = false;
    int verifyCount_ = 0;
    int logOffCount_ = 0;
    std::function<drivers::eid::Bytes(drivers::eid::ByteView)> signer_;
};

}  // namespace balie::test
