// SPDX-License-Identifier: GPL-3.0-or-later
// The central service's schema, one list of migrations written once for both SQL dialects.
#include "schema.h"

#include <array>
#include <string_view>

namespace balie::sync::central {
namespace {

// {ID} is an auto-incremented 64-bit key, {INT} a 64-bit integer, {BLOB} bytes. Times are
// nanoseconds since the Unix epoch (server time, never a kiosk's clock). Tickets are not stored:
// "B-000123" is request 123. National numbers of agents are stored only as a salted SHA-256
// (person_key), never in clear.
constexpr std::array<std::string_view, 2> kMigrations{{
    R"sql(
CREATE TABLE kiosks (
    kiosk_id TEXT PRIMARY KEY,
    company TEXT NOT NULL,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at {INT} NOT NULL
);
CREATE TABLE agents (
    agent_id TEXT PRIMARY KEY,
    company TEXT NOT NULL,
    person_key TEXT NOT NULL,
    display_name TEXT NOT NULL,
    UNIQUE (company, person_key)
);
CREATE TABLE requests (
    id {ID},
    kiosk_id TEXT NOT NULL,
    company TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    local_id TEXT NOT NULL,
    requester_agent_id TEXT NOT NULL,
    state TEXT NOT NULL,
    insz TEXT,
    action_reason TEXT,
    action_detail TEXT,
    person_completed TEXT,
    operator_note TEXT,
    body TEXT NOT NULL,
    submitted_at {INT} NOT NULL,
    updated_at {INT} NOT NULL,
    UNIQUE (kiosk_id, idempotency_key)
);
CREATE INDEX requests_by_company ON requests (company, id);
CREATE INDEX requests_by_requester ON requests (company, requester_agent_id, id);
CREATE INDEX requests_by_state ON requests (state, id);
CREATE TABLE pages (
    request_id {INT} NOT NULL,
    page_index {INT} NOT NULL,
    bytes {INT} NOT NULL,
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    width {INT} NOT NULL,
    height {INT} NOT NULL,
    received {INT} NOT NULL DEFAULT 0,
    complete {INT} NOT NULL DEFAULT 0,
    PRIMARY KEY (request_id, page_index)
);
CREATE TABLE page_chunks (
    request_id {INT} NOT NULL,
    page_index {INT} NOT NULL,
    chunk_offset {INT} NOT NULL,
    data {BLOB} NOT NULL,
    PRIMARY KEY (request_id, page_index, chunk_offset)
);
CREATE TABLE changes (
    id {ID},
    request_id {INT} NOT NULL,
    kiosk_id TEXT NOT NULL,
    state TEXT NOT NULL,
    insz TEXT,
    action_reason TEXT,
    action_detail TEXT,
    changed_at {INT} NOT NULL
);
CREATE INDEX changes_by_kiosk ON changes (kiosk_id, id);
CREATE TABLE notifications (
    id {ID},
    request_id {INT} NOT NULL,
    company TEXT NOT NULL,
    agent_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at {INT} NOT NULL
);
CREATE INDEX notifications_by_agent ON notifications (company, agent_id, id);
CREATE TABLE mail_outbox (
    id {ID},
    request_id {INT} NOT NULL,
    recipient TEXT NOT NULL,
    attempts {INT} NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    next_attempt_at {INT} NOT NULL,
    sent_at {INT}
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
CREATE TABLE registry (
    insz TEXT PRIMARY KEY,
    birth_date TEXT NOT NULL,
    national_number TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX registry_by_birth_date ON registry (birth_date);
CREATE INDEX registry_by_national_number ON registry (national_number);
CREATE TABLE registry_documents (
    document_key TEXT NOT NULL,
    insz TEXT NOT NULL,
    PRIMARY KEY (document_key, insz)
);
CREATE TABLE assigned_insz (
    insz TEXT PRIMARY KEY,
    assigned_at {INT} NOT NULL
);
)sql",
    // Digital keys: the password as an Argon2id hash, the authenticator secret (never shown
    // again after it was issued; sealed with the key file) and the last time step accepted, so no code is accepted twice.
    R"sql(
CREATE TABLE digital_keys (
    agent_id TEXT PRIMARY KEY,
    company TEXT NOT NULL,
    username TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret {BLOB} NOT NULL,
    last_step {INT} NOT NULL,
    UNIQUE (company, username)
);
)sql",
}};

void replaceAll(std::string& text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

}  // namespace

std::vector<std::string> migrations(Dialect dialect) {
    std::vector<std::string> result;
    for (std::string_view migration : kMigrations) {
        std::string sql(migration);
        if (dialect == Dialect::Sqlite) {
            replaceAll(sql, "{ID}", "INTEGER PRIMARY KEY AUTOINCREMENT");
            replaceAll(sql, "{INT}", "INTEGER");
            replaceAll(sql, "{BLOB}", "BLOB");
        } else {
            replaceAll(sql, "{ID}", "BIGSERIAL PRIMARY KEY");
            replaceAll(sql, "{INT}", "BIGINT");
            replaceAll(sql, "{BLOB}", "BYTEA");
        }
        result.push_back(std::move(sql));
    }
    return result;
}

}  // namespace balie::sync::central
