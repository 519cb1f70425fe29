// SPDX-License-Identifier: GPL-3.0-or-later
// The store's schema and its migrations, numbered by PRAGMA user_version.
#include "schema.h"

#include <array>
#include <string>

namespace balie::sync {
namespace {

// Migration i brings user_version from i to i + 1. Append only: a shipped migration never changes,
// because kiosks in the field may hold queued requests written by any older version.
//
// Only non-personal data is in clear: status, ticket, requester agent id, times, attempts. The
// personal fields are one encrypted blob per request (`personal`), page images one encrypted blob
// per page. Times are nanoseconds since the Unix epoch. `seq` orders requests by storing, never by
// the kiosk's clock.
constexpr std::array<const char*, kSchemaVersion> kMigrations{{
    R"sql(
CREATE TABLE meta (
    name TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;
CREATE TABLE requests (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    local_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    action_reason TEXT,
    ticket TEXT NOT NULL DEFAULT '',
    requester_agent_id TEXT NOT NULL,
    submitted_at INTEGER,
    payload_version INTEGER NOT NULL,
    personal BLOB NOT NULL
) STRICT;
CREATE INDEX requests_by_requester ON requests (requester_agent_id, seq);
CREATE TABLE page_images (
    local_id TEXT NOT NULL REFERENCES requests (local_id) ON DELETE CASCADE,
    page_id TEXT NOT NULL,
    image BLOB NOT NULL,
    PRIMARY KEY (local_id, page_id)
) STRICT;
CREATE TABLE outbox (
    local_id TEXT PRIMARY KEY REFERENCES requests (local_id) ON DELETE CASCADE,
    idempotency_key TEXT NOT NULL UNIQUE,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    next_attempt_at INTEGER NOT NULL
) STRICT;
CREATE INDEX outbox_by_next_attempt ON outbox (next_attempt_at);
)sql",
    // Delivery in steps (create, then resumable pages), deletions the central service still has to
    // hear about, the machine readable zone read from the document (sealed, purged with the
    // images), the changes cursor (in meta) and the agents' access cache. An agent is found by a
    // keyed hash of the national number, never by the number itself.
    R"sql(
ALTER TABLE outbox ADD COLUMN stage TEXT NOT NULL DEFAULT 'create';
CREATE TABLE outbox_pages (
    local_id TEXT NOT NULL REFERENCES outbox (local_id) ON DELETE CASCADE,
    page_index INTEGER NOT NULL,
    received INTEGER NOT NULL,
    complete INTEGER NOT NULL,
    PRIMARY KEY (local_id, page_index)
) STRICT;
CREATE TABLE remote_deletes (
    local_id TEXT PRIMARY KEY,
    ticket TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    next_attempt_at INTEGER NOT NULL
) STRICT;
CREATE TABLE request_mrz (
    local_id TEXT PRIMARY KEY REFERENCES requests (local_id) ON DELETE CASCADE,
    lines BLOB NOT NULL
) STRICT;
CREATE TABLE agent_access (
    national_number_hash BLOB PRIMARY KEY,
    agent_id TEXT NOT NULL,
    display_name BLOB NOT NULL,
    cached_at INTEGER NOT NULL
) STRICT;
)sql",
    // A request deleted after its create was sent but before the answer (with the ticket) came
    // back is deleted at the central service by the create's idempotency key. The central
    // service's answer details (what the operator asked for, the person fields the registry
    // completed) are kept sealed, one blob per request.
    R"sql(
ALTER TABLE remote_deletes ADD COLUMN idempotency_key TEXT NOT NULL DEFAULT '';
CREATE TABLE request_answers (
    local_id TEXT PRIMARY KEY REFERENCES requests (local_id) ON DELETE CASCADE,
    details BLOB NOT NULL
) STRICT;
)sql",
}};

}  // namespace

core::Result<void> migrate(Database& db) {
    while (true) {
        // Read the version inside the write transaction: two processes opening a fresh file at
        // once must not both run the same migration.
        auto transaction = Transaction::begin(db);
        if (!transaction.has_value()) {
            return tl::unexpected(transaction.error());
        }
        auto version = db.queryInt("PRAGMA user_version");
        if (!version.has_value()) {
            return tl::unexpected(version.error());
        }
        if (*version == kSchemaVersion) {
            return transaction->commit();
        }
        if (*version < 0 || *version > kSchemaVersion) {
            return core::fail(core::Errc::Storage,
                              "database schema version " + std::to_string(*version) +
                                  " is newer than this Balie understands (" +
                                  std::to_string(kSchemaVersion) +
                                  "): install the newer Balie again instead of downgrading");
        }
        auto migrated = db.exec(kMigrations[static_cast<std::size_t>(*version)]);
        if (!migrated.has_value()) {
            return migrated;
        }
        auto stamped = db.exec("PRAGMA user_version = " + std::to_string(*version + 1));
        if (!stamped.has_value()) {
            return stamped;
        }
        auto committed = transaction->commit();
        if (!committed.has_value()) {
            return committed;
        }
    }
}

}  // namespace balie::sync
