// SPDX-License-Identifier: GPL-3.0-or-later
// The size of a DER element from its header: certificate and signature files are zero-padded.
#pragma once

#include <cstddef>
#include <optional>

#include "balie/drivers/eid/apdu.h"

namespace balie::drivers::eid {

/// \brief Size of the DER element (tag, length, value) at the start of \a data, or nullopt while
/// its header is incomplete or uses a length form the card never writes.
inline std::optional<std::size_t> derElementSize(ByteView data) {
    if (data.size() < 2) {
        return std::nullopt;
    }
    if (data[1] < 0x80) {
        return 2 + std::size_t{data[1]};
    }
    const std::size_t lengthBytes = data[1] & 0x7F;
    if (lengthBytes == 0 || lengthBytes > 3 || data.size() < 2 + lengthBytes) {
        return std::nullopt;
    }
    std::size_t length = 0;
    for (std::size_t i = 0; i < lengthBytes; ++i) {
        length = (length << 8) | data[2 + i];
    }
    return 2 + lengthBytes + length;
}

}  // namespace balie::drivers::eid
