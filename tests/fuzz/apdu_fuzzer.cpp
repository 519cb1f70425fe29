// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the eID protocol's handling of card answers. The input is a sequence of response
// APDUs (a length byte, then that many bytes) that a card gives to whatever the reader sends:
// recognition, file reads with their 6Cxx/61xx/6B00 handling, PIN state and VERIFY, signing.
#include <cstddef>
#include <cstdint>

#include "balie/drivers/eid/apdu.h"
#include "balie/drivers/eid/eid_card.h"
#include "balie/drivers/eid/pin.h"

namespace {

namespace eid = balie::drivers::eid;

class FuzzedCard : public eid::CardTransport {
public:
    FuzzedCard(const uint8_t* data, size_t size) : data_(data), size_(size) {}

    balie::core::Result<eid::ApduResponse> transmit(eid::ByteView command) override {
        if (command.size() < 4 || position_ >= size_) {
            return balie::core::fail(balie::core::Errc::Card, "card removed");
        }
        size_t length = data_[position_++];
        if (length > size_ - position_) {
            length = size_ - position_;
        }
        const eid::ByteView response(data_ + position_, length);
        position_ += length;
        return eid::parseResponse(response);
    }

private:
    const uint8_t* data_;
    size_t size_;
    size_t position_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) {
        return 0;
    }
    FuzzedCard transport(data + 1, size - 1);
    static const uint8_t kAtr18[] = {0x3B, 0x7F, 0x96, 0x00, 0x00, 0x80, 0x31, 0x80, 0x65, 0xB0,
                                     0x85, 0x04, 0x01, 0x20, 0x12, 0x0F, 0xFF, 0x82, 0x90, 0x00};
    eid::ReadOptions options;
    options.glitchPause = std::chrono::milliseconds(0);
    options.chunkSize = data[0] == 0 ? 256 : data[0];
    auto card = eid::EidCard::open(transport, kAtr18, options);
    if (!card) {
        return 0;
    }
    for (eid::EidFile file : {eid::EidFile::Identity, eid::EidFile::RrnCertificate}) {
        auto content = card->readFile(file);
        if (content && content->size() > 0x8000) {
            __builtin_trap();
        }
    }
    static_cast<void>(
        card->readFile(eid::EidFile::AddressSignature, {eid::FileLayout::Kind::Der, 104}));
    static_cast<void>(
        card->readFile(eid::EidFile::IdentitySignature, {eid::FileLayout::Kind::Exact, 256}));
    static_cast<void>(card->pinStatus());
    if (auto pin = eid::Pin::create("1234")) {
        static_cast<void>(card->verifyPin(*pin));
    }
    const uint8_t hash[48] = {};
    static_cast<void>(card->signWithAuthenticationKey(hash));
    static_cast<void>(card->logOff());
    return 0;
}
