// SPDX-License-Identifier: GPL-3.0-or-later
// Small helpers for the UTF-8 text of form fields.
#pragma once

#include <cstddef>
#include <string_view>

namespace balie::core {

/// \brief Number of Unicode code points in UTF-8 text: what a person counts as characters. Bytes
/// that continue a sequence are not counted; the text is assumed to be valid UTF-8 (the UI and the
/// JSON reader only produce that).
std::size_t characterCount(std::string_view text);

/// \brief True when the text is empty or only ASCII white space.
bool isBlank(std::string_view text);

}  // namespace balie::core
