// SPDX-License-Identifier: GPL-3.0-or-later
// Group commit: write transactions that arrive while another one is being committed share the
// next transaction and its single flush to disk.
#pragma once

#include <memory>

#include "balie/sync/central/database.h"

namespace balie::sync::central {

/// \brief Wraps a database so that concurrent transactions are committed together.
///
/// Callers that find a commit in progress queue up; the next one to run takes the whole queue
/// and runs each piece of work inside its own savepoint of one transaction, then commits once.
/// Every caller returns only after the commit that holds its work has succeeded, so an answer
/// is never sent for data that could still be lost. A piece of work that fails is rolled back to
/// its savepoint without touching the others; when the shared transaction itself fails, each
/// piece of work runs again alone, in its own transaction, and gets its own outcome.
[[nodiscard]] std::unique_ptr<Database> withGroupCommit(std::unique_ptr<Database> database);

}  // namespace balie::sync::central
