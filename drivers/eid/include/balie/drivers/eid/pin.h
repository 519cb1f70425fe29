// SPDX-License-Identifier: GPL-3.0-or-later
// The holder's PIN in memory: never printed, never copied, wiped when it goes.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "balie/core/error.h"

namespace balie::drivers::eid {

/// \brief Overwrites \a size bytes at \a data with zeros in a way the optimiser keeps.
void secureWipe(void* data, std::size_t size);

/// \brief A PIN of 4 to 12 digits. Move-only; the digits are wiped on destruction and on move.
///
/// It has no accessor for the digits and no stream operator, so it cannot end up in a log.
class Pin {
public:
    /// \brief Takes the digits of \a text; the caller wipes its own copy.
    /// \return Errc::InvalidArgument for anything but 4 to 12 ASCII digits.
    static core::Result<Pin> create(std::string_view text);

    Pin(Pin&& other) noexcept;
    Pin& operator=(Pin&& other) noexcept;
    Pin(const Pin&) = delete;
    Pin& operator=(const Pin&) = delete;
    ~Pin();

    std::size_t length() const { return length_; }

    /// \brief Writes the VERIFY block: nibble 2, nibble length, BCD digits, F padding to 8 bytes
    /// ([R18] §3.2); PIN 1234 gives 24 12 34 FF FF FF FF FF.
    void writeBlock(std::span<std::uint8_t, 8> block) const;

private:
    Pin() = default;

    std::array<char, 12> digits_{};
    std::size_t length_ = 0;
};

}  // namespace balie::drivers::eid
