// SPDX-License-Identifier: GPL-3.0-or-later
// The central service's schema, one list of migrations written once for both SQL dialects.
#pragma once

#include <string>
#include <vector>

#include "balie/sync/central/database.h"

namespace balie::sync::central {

/// \brief Migration i brings the schema from version i to i + 1, in the dialect's SQL. Append
/// only: a shipped migration never changes.
std::vector<std::string> migrations(Dialect dialect);

}  // namespace balie::sync::central
