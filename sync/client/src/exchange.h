// SPDX-License-Identifier: GPL-3.0-or-later
// The exchanges of one sync pass: deliver a request, send a deletion, pull the changes.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "balie/sync/client/http_client.h"
#include "balie/sync/delivery.h"
#include "balie/sync/sqlite_request_store.h"

namespace balie::sync::client {

/// \brief What became of one exchange.
struct Attempt {
    enum class Kind {
        Done,      ///< finished; nothing left to do for this item
        Retry,     ///< try again later (network, 5xx, 429, a conflict that may clear)
        Rejected,  ///< refused as invalid: retrying the same bytes would fail the same way
        Paused,    ///< used up its time slice with pages still to send; carry on after the others
        CredentialRefused,  ///< 401: the kiosk's token is not (or no longer) accepted
    };
    Kind kind = Kind::Done;
    std::string error;  ///< one line, empty when Done
    std::optional<std::chrono::seconds> retryAfter;
    bool unreachable = false;   ///< no answer at all from the central service
    bool changedStore = false;  ///< a request's stored status or data changed

    static Attempt done(bool changedStore) { return {Kind::Done, {}, {}, false, changedStore}; }
};

/// \brief Takes a queued request as far as it gets: created (under its idempotency key) or its
/// new document announced, its pages uploaded in chunks (resuming at the server's offset), and
/// the answer that comes with the last page stored. Pauses after the chunk that ends past
/// `pauseAfter`, so that a large page on a slow link does not hold up the other requests.
Attempt deliverRequest(HttpClient& http, SqliteRequestStore& store, std::string_view localId,
                       std::size_t chunkBytes, std::chrono::steady_clock::time_point pauseAfter);

/// \brief Tells the central service that a request was deleted on the kiosk.
Attempt sendDelete(HttpClient& http, const RemoteDelete& item);

/// \brief Fetches the changes since the stored cursor and applies them to stored requests.
Attempt pullChanges(HttpClient& http, SqliteRequestStore& store);

/// \brief "HTTP 422 invalid_request: surname is missing (person.surname)".
std::string describeError(const HttpResponse& response);

}  // namespace balie::sync::client
