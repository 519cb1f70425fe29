// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the eID TLV parser and the identity/address field parsers on arbitrary file bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "balie/drivers/eid/identity.h"
#include "balie/drivers/eid/tlv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    namespace eid = balie::drivers::eid;
    const eid::ByteView bytes(data, size);
    if (auto elements = eid::parseTlv(bytes)) {
        for (const eid::TlvElement& element : *elements) {
            // Every value lies inside the input.
            if (element.value.data() < data ||
                element.value.data() + element.value.size() > data + size) {
                __builtin_trap();
            }
        }
    }
    static_cast<void>(eid::parseIdentity(bytes));
    static_cast<void>(eid::parseAddress(bytes));
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto date = eid::parseBirthDate(text); date && !date->isPlausible()) {
        __builtin_trap();
    }
    if (auto date = eid::parseCardDate(text); date && !date->isComplete()) {
        __builtin_trap();
    }
    return 0;
}
