// SPDX-License-Identifier: GPL-3.0-or-later
// The simple TLV format of the Belgian eID identity and address files.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "balie/core/error.h"
#include "balie/drivers/eid/apdu.h"

namespace balie::drivers::eid {

/// \brief One tag and its value; the value points into the parsed buffer.
struct TlvElement {
    std::uint8_t tag = 0;
    ByteView value;
};

/// \brief Parses an eID TLV file ([CONT] §6.1): one tag byte, a length byte below 255 or a run of
/// FF bytes each adding 255, then the value. Trailing zero padding ends the file.
///
/// Tags are kept in file order, unknown ones included, so that a reader can skip the tags it does
/// not know. The elements borrow from \a data, which must outlive them.
/// \return Errc::InvalidFormat when a length runs past the end of \a data.
core::Result<std::vector<TlvElement>> parseTlv(ByteView data);

/// \brief The value of the first element with \a tag, if any.
std::optional<ByteView> findTag(const std::vector<TlvElement>& elements, std::uint8_t tag);

}  // namespace balie::drivers::eid
