// SPDX-License-Identifier: GPL-3.0-or-later
// TLV records of the BeID identity and address files.
#include "tlv_writer.h"

namespace balie::cardsim {

std::size_t TlvWriter::add(std::uint8_t tag, const Bytes& value) {
    bytes_.push_back(tag);
    std::size_t length = value.size();
    while (length >= 255) {
        bytes_.push_back(0xFF);
        length -= 255;
    }
    bytes_.push_back(static_cast<std::uint8_t>(length));
    std::size_t offset = bytes_.size();
    bytes_.insert(bytes_.end(), value.begin(), value.end());
    return offset;
}

}  // namespace balie::cardsim
