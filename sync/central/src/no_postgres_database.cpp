// SPDX-License-Identifier: GPL-3.0-or-later
// Builds without libpq: PostgreSQL URLs are refused with a clear message.
#include "balie/sync/central/database.h"

namespace balie::sync::central {

core::Result<std::unique_ptr<Database>> openPostgres(const std::string&) {
    return core::fail(core::Errc::Config,
                      "this balie-central was built without PostgreSQL support (libpq)");
}

bool hasPostgresSupport() {
    return false;
}

}  // namespace balie::sync::central
