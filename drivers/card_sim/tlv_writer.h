// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the simple TLV format of the BeID identity and address files.
#pragma once

#include <cstdint>

#include "apdu.h"

namespace balie::cardsim {

/// \brief Appends tag-length-value records: one tag byte, then the length as one byte below 255 or
/// as repeated FF bytes that each add 255 (FF 05 = 260), then the value.
class TlvWriter {
public:
    /// \brief Appends one record and returns the offset of its value in bytes().
    std::size_t add(std::uint8_t tag, const Bytes& value);

    const Bytes& bytes() const { return bytes_; }

private:
    Bytes bytes_;
};

}  // namespace balie::cardsim
