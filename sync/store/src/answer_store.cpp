// SPDX-License-Identifier: GPL-3.0-or-later
// SqliteRequestStore's copy of the central service's answer details, sealed like the personal
// fields: the operator's words may name the person, the completed fields do.
#include "answer_codec.h"
#include "balie/sync/sqlite_request_store.h"
#include "sqlite.h"
#include "store_rows.h"

namespace balie::sync {

using core::Errc;
using core::Result;

Result<void> SqliteRequestStore::recordAnswerDetails(std::string_view localId,
                                                     const AnswerDetails& details) {
    const std::string action = "saving the answer of request " + std::string(localId);
    const auto sealed = sealAnswerDetails(*key_, localId, details);
    std::lock_guard lock(mutex_);
    auto statement = db_->prepare(
        "INSERT OR REPLACE INTO request_answers (local_id, details) "
        "SELECT local_id, ?2 FROM requests WHERE local_id = ?1");
    if (!statement.has_value()) {
        return failDuring(statement.error(), action, true);
    }
    statement->bind(1, localId);
    statement->bind(2, sealed);
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
    if (!*row) {
        return AnswerDetails{};
    }
    return unsealAnswerDetails(*key_, localId, statement->blobAt(0));
}

}  // namespace balie::sync
