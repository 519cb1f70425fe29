// SPDX-License-Identifier: GPL-3.0-or-later
// The eID TLV parser.
#include "balie/drivers/eid/tlv.h"

#include <string>

namespace balie::drivers::eid {

core::Result<std::vector<TlvElement>> parseTlv(ByteView data) {
    // Files are zero-padded to their allocated size: nothing after the last non-zero byte can
    // start an element.
    std::size_t end = data.size();
    while (end > 0 && data[end - 1] == 0) {
        --end;
    }
    std::vector<TlvElement> elements;
    std::size_t pos = 0;
    while (pos < end) {
        const std::size_t tagPos = pos;
        TlvElement element;
        element.tag = data[pos++];
        std::size_t length = 0;
        for (;;) {
            if (pos >= data.size()) {
                return core::fail(core::Errc::InvalidFormat, "TLV length of tag at offset " +
                                                                 std::to_string(tagPos) +
                                                                 " runs past the end of the file");
            }
            const std::uint8_t part = data[pos++];
            length += part;
            if (part != 0xFF) {
                break;
            }
        }
        if (length > data.size() - pos) {
            return core::fail(core::Errc::InvalidFormat,
                              "TLV value of tag at offset " + std::to_string(tagPos) + " needs " +
                                  std::to_string(length) + " bytes, " +
                                  std::to_string(data.size() - pos) + " left");
        }
        element.value = data.subspan(pos, length);
        pos += length;
        elements.push_back(element);
    }
    return elements;
}

std::optional<ByteView> findTag(const std::vector<TlvElement>& elements, std::uint8_t tag) {
    for (const TlvElement& element : elements) {
        if (element.tag == tag) {
            return element.value;
        }
    }
    return std::nullopt;
}

}  // namespace balie::drivers::eid
