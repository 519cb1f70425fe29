// SPDX-License-Identifier: GPL-3.0-or-later
// The Belgian eID applet protocol: recognition, file reading with its quirks, PIN, signing.
#include "balie/drivers/eid/eid_card.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <string>
#include <thread>
#include <utility>

#include "der.h"

namespace balie::drivers::eid {

namespace {

constexpr std::uint16_t kDfCertificates = 0xDF00;
constexpr std::uint16_t kDfIdentity = 0xDF01;
constexpr std::uint8_t kAuthenticationKey = 0x82;
// [R17] table 11: PKCS#1 v1.5 over a DigestInfo the caller sends; [R18] §6.3: ECDSA over a
// SHA-384 hash.
constexpr std::uint8_t kAlgorithmRsaPkcs1 = 0x01;
constexpr std::uint8_t kAlgorithmEcdsaSha384 = 0x02;
// A card that keeps answering 61xx or 6Cxx is broken; long files need at most a few rounds.
constexpr int kMaxRounds = 16;
// READ BINARY addresses offsets below 0x8000 (P1 bit 8 selects a short file identifier).
constexpr std::size_t kMaxFileSize = 0x8000;

std::string fileName(EidFile file) {
    const std::array<std::uint8_t, 2> fid{
        static_cast<std::uint8_t>(static_cast<unsigned>(file) >> 8),
        static_cast<std::uint8_t>(static_cast<unsigned>(file) & 0xFF)};
    return "file " + toHex(fid);
}

core::Error statusError(EidFile file, std::string_view what, std::uint16_t statusWord) {
    return core::Error{statusWord == sw::kFileNotFound ? core::Errc::NotFound : core::Errc::Card,
                       std::string(what) + ' ' + fileName(file) + ": " + describeStatus(statusWord),
                       statusWord};
}

}  // namespace

FileLayout FileLayout::of(EidFile file) {
    const auto fid = static_cast<std::uint16_t>(file);
    return fid >= 0x5038 && fid <= 0x503C ? FileLayout{Kind::Der, 0} : FileLayout{};
}

std::size_t minimumApdusForFile(std::size_t size, std::size_t chunkSize, bool sizeKnown) {
    const std::size_t reads = (size + chunkSize - 1) / chunkSize;
    const bool needsEndMarker = !sizeKnown && size % chunkSize == 0;
    return 1 + reads + (needsEndMarker ? 1 : 0);
}

core::Result<EidCard> EidCard::open(CardTransport& transport, ByteView atr, ReadOptions options) {
    if (recogniseAtr(atr) == AtrMatch::NotBelgianEid) {
        return core::fail(core::Errc::Card, "not a Belgian eID card (ATR " + toHex(atr) + ")");
    }
    options.chunkSize = std::clamp<std::size_t>(options.chunkSize, 1, 256);
    EidCard card(transport, options);
    // The applet is selected by default after a reset: ask it directly and select it by AID only
    // when another program left the card elsewhere.
    auto response = card.exchange(command::getCardData(false));
    if (!response) {
        return tl::unexpected(response.error());
    }
    if (!response->isOk()) {
        auto selected = card.exchange(command::selectApplet());
        if (!selected) {
            return tl::unexpected(selected.error());
        }
        if (!selected->isOk()) {
            return core::fail(core::Errc::Card, "not a Belgian eID card: no BELPIC applet (" +
                                                    describeStatus(selected->sw) + ")");
        }
        response = card.exchange(command::getCardData(false));
        if (!response) {
            return tl::unexpected(response.error());
        }
        if (response->sw == sw::kWrongLifeCycle) {
            return core::fail(core::Errc::Card, "card not activated (6D00)", response->sw);
        }
        if (!response->isOk()) {
            return core::fail(core::Errc::Card, "not a Belgian eID card: GET CARD DATA answered " +
                                                    describeStatus(response->sw));
        }
    }
    auto data = parseCardData(response->data);
    if (!data) {
        return tl::unexpected(data.error());
    }
    card.cardData_ = std::move(*data);
    return card;
}

core::Result<ApduResponse> EidCard::send(ByteView command) {
    ++stats_.apdus;
    stats_.bytesSent += command.size();
    auto response = transport_->transmit(command);
    if (response) {
        stats_.bytesReceived += response->data.size() + 2;
    }
    return response;
}

core::Result<ApduResponse> EidCard::exchange(ByteView command) {
    auto response = send(command);
    Bytes pending(command.begin(), command.end());
    Bytes collected;
    for (int round = 0; response; ++round) {
        if (round > kMaxRounds) {
            return core::fail(core::Errc::Card,
                              "the card keeps answering " + describeStatus(response->sw));
        }
        if (response->sw1() == sw::kExactLengthSw1 && pending.size() == 5) {
            // The card names the exact length: ask again with it.
            pending[4] = response->sw2();
            response = send(pending);
            continue;
        }
        collected.insert(collected.end(), response->data.begin(), response->data.end());
        if (response->sw1() == sw::kMoreDataSw1) {
            pending = command::getResponse(response->sw2());
            response = send(pending);
            continue;
        }
        response->data = std::move(collected);
        return response;
    }
    return response;
}

core::Result<void> EidCard::select(EidFile file) {
    const auto fid = static_cast<std::uint16_t>(file);
    const std::array<std::uint16_t, 2> path{fid >= 0x5000 ? kDfCertificates : kDfIdentity, fid};
    auto response = exchange(command::selectPath(path));
    if (!response) {
        return tl::unexpected(response.error());
    }
    if (response->isOk()) {
        return {};
    }
    if (response->sw != sw::kFileNotFound) {
        // eid-mw's recovery when the card lost its place: select the applet again, then the file.
        auto applet = exchange(command::selectApplet());
        if (!applet) {
            return tl::unexpected(applet.error());
        }
        response = exchange(command::selectPath(path));
        if (!response) {
            return tl::unexpected(response.error());
        }
        if (response->isOk()) {
            return {};
        }
    }
    return tl::unexpected(statusError(file, "cannot select", response->sw));
}

core::Result<Bytes> EidCard::readFile(EidFile file, FileLayout layout) {
    if (auto selected = select(file); !selected) {
        return tl::unexpected(selected.error());
    }
    const bool der = layout.kind == FileLayout::Kind::Der;
    const std::size_t chunk = options_.chunkSize;
    Bytes content;
    std::optional<std::size_t> knownSize;
    if (layout.kind == FileLayout::Kind::Exact) {
        knownSize = layout.size;
    }
    bool endSuspected = false;
    int glitches = 0;
    for (;;) {
        std::size_t want = chunk;
        if (knownSize) {
            if (content.size() >= *knownSize) {
                content.resize(*knownSize);
                return content;
            }
            want = std::min(chunk, *knownSize - content.size());
        } else if (der && content.empty() && layout.size > 0) {
            want = std::min(chunk, layout.size);
        }
        auto response = exchange(command::readBinary(content.size(), want));
        if (!response) {
            return tl::unexpected(response.error());
        }
        const std::size_t got = std::min(response->data.size(), want);
        if (response->isOk() && got > 0) {
            content.insert(content.end(), response->data.begin(),
                           response->data.begin() + static_cast<std::ptrdiff_t>(got));
            endSuspected = false;
            if (content.size() >= kMaxFileSize) {
                return core::fail(core::Errc::Card,
                                  fileName(file) + " is larger than READ BINARY can address");
            }
            if (der && !knownSize) {
                if (content[0] != 0x30) {
                    return core::fail(core::Errc::NotFound, fileName(file) + " holds no DER data");
                }
                knownSize = derElementSize(content);
                if (knownSize && *knownSize >= kMaxFileSize) {
                    return core::fail(core::Errc::Card, fileName(file) + " names an element of " +
                                                            std::to_string(*knownSize) + " bytes");
                }
            }
            if (got < want && !knownSize) {
                return content;  // A short chunk ends a file of unknown size.
            }
            continue;
        }
        // What remains are the answers cheap readers give by mistake in the middle of a file
        // (roelderickx/connective-plugin-linux#50): 6B00, 6986, an empty 9000. A 6B00 after a full
        // chunk is also the honest end of a file whose size is a multiple of the chunk: a second
        // 6B00 after re-selecting confirms it.
        const bool glitch = response->sw == sw::kNoCurrentEf || (response->isOk() && got == 0) ||
                            (response->sw == sw::kOffsetBeyondEnd && !content.empty());
        if (!glitch) {
            return tl::unexpected(statusError(file, "cannot read", response->sw));
        }
        if (response->sw == sw::kOffsetBeyondEnd && !knownSize && endSuspected) {
            return content;
        }
        if (++glitches > options_.glitchRetries) {
            return core::fail(core::Errc::Card,
                              "reading " + fileName(file) + " failed at offset " +
                                  std::to_string(content.size()) + ": " +
                                  describeStatus(response->sw),
                              response->sw);
        }
        endSuspected = response->sw == sw::kOffsetBeyondEnd;
        std::this_thread::sleep_for(options_.glitchPause);
        if (auto selected = select(file); !selected) {
            return tl::unexpected(selected.error());
        }
    }
}

core::Result<PinStatus> EidCard::pinStatus() {
    if (cardData_.isEcc()) {
        auto response = exchange(command::getCardData(true));
        if (!response) {
            return tl::unexpected(response.error());
        }
        if (!response->isOk()) {
            return core::fail(core::Errc::Card,
                              "GET CARD DATA answered " + describeStatus(response->sw),
                              response->sw);
        }
        auto data = parseCardData(response->data);
        if (!data) {
            return tl::unexpected(data.error());
        }
        if (!data->pinTriesLeft) {
            return core::fail(core::Errc::Card, "GET CARD DATA gave no PIN tries");
        }
        return PinStatus{false, *data->pinTriesLeft, *data->pinTriesLeft == 0};
    }
    if (cardData_.appletVersion < 0x17) {
        // [R17] §6.5: on applet 1.1 an empty VERIFY counts as a wrong PIN.
        return core::fail(core::Errc::InvalidState,
                          "applet " + cardData_.appletVersionText() +
                              " cannot tell the PIN state without spending a try");
    }
    auto response = send(command::pinState());
    if (!response) {
        return tl::unexpected(response.error());
    }
    if (response->isOk()) {
        return PinStatus{true, 3, false};
    }
    if (response->sw1() == sw::kWrongPinSw1 && (response->sw2() & 0xF0) == 0xC0) {
        const int tries = response->sw2() & 0x0F;
        return PinStatus{false, tries, tries == 0};
    }
    if (response->sw == sw::kPinBlocked) {
        return PinStatus{false, 0, true};
    }
    return core::fail(core::Errc::Card, "PIN state: " + describeStatus(response->sw), response->sw);
}

core::Result<PinStatus> EidCard::verifyPin(const Pin& pin) {
    std::array<std::uint8_t, 13> apdu{0x00, 0x20, 0x00, 0x01, 0x08};
    pin.writeBlock(std::span<std::uint8_t, 8>(apdu.data() + 5, 8));
    auto response = send(apdu);
    secureWipe(apdu.data(), apdu.size());
    if (!response) {
        return tl::unexpected(response.error());
    }
    if (response->isOk()) {
        return PinStatus{true, 3, false};
    }
    if (response->sw1() == sw::kWrongPinSw1 && (response->sw2() & 0xF0) == 0xC0) {
        const int tries = response->sw2() & 0x0F;
        return PinStatus{false, tries, tries == 0};
    }
    if (response->sw == sw::kPinBlocked) {
        return PinStatus{false, 0, true};
    }
    return core::fail(core::Errc::Card, "VERIFY: " + describeStatus(response->sw), response->sw);
}

core::Result<Bytes> EidCard::signWithAuthenticationKey(ByteView input) {
    if (input.empty() || input.size() > 255) {
        return core::fail(core::Errc::InvalidArgument,
                          "signature input of " + std::to_string(input.size()) + " bytes");
    }
    // The keys live in DF00; eid-mw selects it before signing on applet 1.7 and later.
    const std::array<std::uint16_t, 1> df{kDfCertificates};
    auto selected = exchange(command::selectPath(df));
    if (!selected) {
        return tl::unexpected(selected.error());
    }
    if (!selected->isOk()) {
        return core::fail(core::Errc::Card, "cannot select DF00: " + describeStatus(selected->sw),
                          selected->sw);
    }
    const std::uint8_t algorithm = cardData_.isEcc() ? kAlgorithmEcdsaSha384 : kAlgorithmRsaPkcs1;
    auto environment = exchange(command::manageSecurityEnvironment(algorithm, kAuthenticationKey));
    if (!environment) {
        return tl::unexpected(environment.error());
    }
    if (!environment->isOk()) {
        return core::fail(core::Errc::Card, "MSE SET: " + describeStatus(environment->sw),
                          environment->sw);
    }
    auto signature = exchange(command::computeSignature(input));
    if (!signature) {
        return tl::unexpected(signature.error());
    }
    if (signature->sw == sw::kSecurityStatus) {
        return core::fail(core::Errc::InvalidState, "the card wants the PIN before signing",
                          signature->sw);
    }
    if (!signature->isOk() || signature->data.empty()) {
        return core::fail(core::Errc::Card,
                          "PSO COMPUTE DIGITAL SIGNATURE: " + describeStatus(signature->sw),
                          signature->sw);
    }
    return std::move(signature->data);
}

core::Result<void> EidCard::logOff() {
    auto response = send(command::logOff());
    if (!response) {
        return tl::unexpected(response.error());
    }
    if (!response->isOk()) {
        return core::fail(core::Errc::Card, "LOG OFF: " + describeStatus(response->sw),
                          response->sw);
    }
    return {};
}

}  // namespace balie::drivers::eid
