// SPDX-License-Identifier: GPL-3.0-or-later
// The store's schema and its migrations, numbered by PRAGMA user_version.
#pragma once

#include "balie/core/error.h"
#include "sqlite.h"

namespace balie::sync {

/// \brief The schema version this build writes; user_version of an up-to-date database.
inline constexpr int kSchemaVersion = 3;

/// \brief Brings the database to kSchemaVersion, one migration per transaction, so a crash leaves
/// it at a version it can resume from. Errc::Storage for a database from a newer Balie.
[[nodiscard]] core::Result<void> migrate(Database& db);

}  // namespace balie::sync
