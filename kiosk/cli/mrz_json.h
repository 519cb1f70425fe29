// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON form of a parsed machine readable zone, shared by every subcommand that prints one.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "balie/core/mrz.h"

namespace balie::cli {

/// \brief Unspecified sex is printed '<' in the zone and shown as X in the visual zone; reports
/// use X.
std::string mrzSexText(char sex);

/// \brief The fields of \a mrz with the keys of `balie mrz parse --json`.
nlohmann::json mrzToJson(const core::Mrz& mrz);

}  // namespace balie::cli
