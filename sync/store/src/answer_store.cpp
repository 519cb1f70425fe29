// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteRequestStore's copy of the central service's answer details, sealed like the personal
// fields: the operator's words may name the person, the completed fields do.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "balie/sync/crypto/key_file.h"
#include "balie/sync/sqlite_request_store.h"
#include "sqlite.h"
#include "store_rows.h"

namespace balie::sync {
namespace {

using core::Errc;
using core::Result;

std::string answerContext(std::string_view localId) {
    return "balie/answer/" + std::string(localId);
}

}  // namespace

Result<void> SqliteRequestStore::recordAnswerDetails(std::string_view localId,
                                                     const AnswerDetails& details) {
    const std::string action = "saving the answer of request " + std::string(localId);
    std::string plain = nlohmann::json{{"action_detail", details.actionDetail},
                                       {"person_completed", details.personCompleted}}
                            .dump();
    std::lock_guard lock(mutex_);
    auto statement = db_->prepare(
        "INSERT OR REPLACE INTO request_answers (local_id, details) "
        "SELECT local_id, ?2 FROM requests WHERE local_id = ?1");
    if (!statement.has_value()) {
        sodium_memzero(plain.data(), plain.size());
        return failDuring(statement.error(), action, true);
    }
    statement->bind(1, localId);
    statement->bind(2, seal(*key_, bytesOf(plain), answerContext(localId)));
    sodium_memzero(plain.data(), plain.size());
    auto done = statement->run();
    if (!done.has_value()) {
        return failDuring(done.error(), action, true);
    }
    if (db_->changes() == 0) {
        return core::fail(Errc::NotFound, "no request " + std::string(localId) + " is stored");
    }
    return {};
}

Result<AnswerDetails> SqliteRequestStore::answerDetails(std::string_view localId) {
    const std::string action = "reading the answer of request " + std::string(localId);
    std::lock_guard lock(mutex_);
    auto statement = db_->prepare("SELECT details FROM request_answers WHERE local_id = ?1");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, false);
    }
    statement->bind(1, localId);
    auto row = statement->step();
    if (!row.has_value()) {
        return failDuring(row.error(), action, false);
    }
    AnswerDetails details;
    if (!*row) {
        return details;
    }
    auto plain = unseal(*key_, statement->blobAt(0), answerContext(localId));
    if (!plain.has_value()) {
        return core::fail(Errc::Storage, "the answer of request " + std::string(localId) +
                                             " cannot be decrypted: its stored data was altered");
    }
    auto json = nlohmann::json::parse(plain->begin(), plain->end(), nullptr, false);
    sodium_memzero(plain->data(), plain->size());
    if (!json.is_object()) {
        return core::fail(Errc::Storage,
                          "the stored answer of request " + std::string(localId) + " is damaged");
    }
    details.actionDetail = json.value("action_detail", std::string());
    if (const auto completed = json.find("person_completed");
        completed != json.end() && completed->is_object()) {
        for (const auto& [field, value] : completed->items()) {
            if (value.is_string()) {
                details.personCompleted.emplace(field, value.get<std::string>());
            }
        }
    }
    return details;
}

}  // namespace balie::sync
