// SPDX-License-Identifier: GPL-3.0-or-later
// PIN storage that wipes itself.
#include "balie/drivers/eid/pin.h"

#include <string.h>

namespace balie::drivers::eid {

void secureWipe(void* data, std::size_t size) {
    // explicit_bzero is glibc's memset that the compiler may not drop as a dead store.
    explicit_bzero(data, size);
}

core::Result<Pin> Pin::create(std::string_view text) {
    Pin pin;
    if (text.size() < 4 || text.size() > pin.digits_.size()) {
        return core::fail(core::Errc::InvalidArgument, "a PIN has 4 to 12 digits");
    }
    for (char c : text) {
        if (c < '0' || c > '9') {
            return core::fail(core::Errc::InvalidArgument, "a PIN has only digits");
        }
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        pin.digits_[i] = text[i];
    }
    pin.length_ = text.size();
    return pin;
}

Pin::Pin(Pin&& other) noexcept : digits_(other.digits_), length_(other.length_) {
    secureWipe(other.digits_.data(), other.digits_.size());
    other.length_ = 0;
}

Pin& Pin::operator=(Pin&& other) noexcept {
    if (this != &other) {
        digits_ = other.digits_;
        length_ = other.length_;
        secureWipe(other.digits_.data(), other.digits_.size());
        other.length_ = 0;
    }
    return *this;
}

Pin::~Pin() {
    secureWipe(digits_.data(), digits_.size());
}

void Pin::writeBlock(std::span<std::uint8_t, 8> block) const {
    for (std::uint8_t& byte : block) {
        byte = 0xFF;
    }
    block[0] = static_cast<std::uint8_t>(0x20 | length_);
    for (std::size_t i = 0; i < length_; ++i) {
        const auto digit = static_cast<std::uint8_t>(digits_[i] - '0');
        std::uint8_t& byte = block[1 + i / 2];
        byte = (i % 2 == 0) ? static_cast<std::uint8_t>((digit << 4) | 0x0F)
                            : static_cast<std::uint8_t>((byte & 0xF0) | digit);
    }
}

}  // namespace balie::drivers::eid
