// SPDX-License-Identifier: GPL-3.0-or-later
// The exchanges of one sync pass, each resumable from what the store holds.
#include "exchange.h"

#include <algorithm>
#include <span>
#include <utility>
#include <vector>

#include "balie/core/request_lifecycle.h"
#include "balie/core/request_status.h"
#include "balie/sync/client/backoff.h"
#include "balie/sync/protocol/checksum.h"
#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"

namespace balie::sync::client {
namespace {

namespace protocol = balie::sync::protocol;
using core::Errc;
using core::RequestStatus;

// Changes fetched per request; a long absence is caught up in several pages.
constexpr std::size_t kChangesPerPage = 200;
// A server that keeps moving the offset is not making progress: try later.
constexpr int kMaxOffsetCorrections = 3;

struct LoadedPage {
    std::vector<std::uint8_t> bytes;
    protocol::PageManifest manifest;
};

std::string mediaTypeOf(const std::vector<std::uint8_t>& bytes) {
    static constexpr std::uint8_t kPng[] = {0x89, 'P', 'N', 'G'};
    if (bytes.size() >= 4 && std::equal(std::begin(kPng), std::end(kPng), bytes.begin())) {
        return "image/png";
    }
    return "image/jpeg";
}

Attempt retry(std::string error, bool unreachable = false) {
    return {Attempt::Kind::Retry, std::move(error), {}, unreachable, false};
}

Attempt rejected(std::string error) {
    return {Attempt::Kind::Rejected, std::move(error), {}, false, false};
}

Attempt paused() {
    return {Attempt::Kind::Paused, {}, {}, false, false};
}

Attempt fromNetwork(const core::Error& error) {
    return retry("central service unreachable: " + error.message, true);
}

Attempt fromStore(const core::Error& error) {
    return retry(error.message);
}

std::string errorCode(const HttpResponse& response) {
    auto body = protocol::decodeErrorBody(response.body);
    return body.has_value() ? body->code : std::string();
}

// What an unexpected answer means for the item: wait and retry, or stop retrying blindly.
Attempt fromResponse(const HttpResponse& response) {
    Attempt attempt = retry(describeError(response));
    const long status = response.status;
    if (status == 401) {
        // Not the item's fault and not transient: the engine stops sending and tries slowly.
        attempt.kind = Attempt::Kind::CredentialRefused;
        attempt.error =
            "the kiosk's credential was refused by the central service (" + attempt.error + ")";
    } else if (status == 429 || status == 503) {
        attempt.retryAfter = retryAfterWait(response.header("retry-after"), response.header("date"),
                                            std::chrono::system_clock::now());
    } else if (status == 400 || status == 404 || status == 413 || status == 422) {
        attempt.kind = Attempt::Kind::Rejected;
    }
    return attempt;
}

core::Result<std::vector<LoadedPage>> loadPages(SqliteRequestStore& store,
                                                const core::Request& request) {
    std::vector<LoadedPage> pages;
    for (std::size_t i = 0; i < request.pages.size(); ++i) {
        const auto& reference = request.pages[i];
        auto bytes = store.loadPage(request.localId, reference.pageId);
        if (!bytes.has_value()) {
            return tl::unexpected(bytes.error());
        }
        protocol::PageManifest manifest{
            static_cast<int>(i), bytes->size(),   protocol::sha256Hex(*bytes),
            mediaTypeOf(*bytes), reference.width, reference.height};
        pages.push_back(LoadedPage{std::move(*bytes), std::move(manifest)});
    }
    return pages;
}

// Puts an answer of the central service on `request` through the life-cycle rules, from
// `request`'s current status.
core::Result<void> applyAnswer(core::Request& request, RequestStatus state, const std::string& insz,
                               std::optional<core::ActionReason> reason) {
    switch (state) {
        case RequestStatus::Identified:
            return core::markIdentified(request, insz);
        case RequestStatus::ActionExpected:
            return core::markActionExpected(request, reason.value_or(core::ActionReason::Other));
        default:
            return core::changeStatus(request, state);
    }
}

core::Result<protocol::RequestResource> fetchResource(HttpClient& http, std::string_view ticket,
                                                      Attempt& failure) {
    auto response = http.send({HttpMethod::Get, protocol::requestPath(ticket), {}, {}, {}});
    if (!response.has_value()) {
        failure = fromNetwork(response.error());
        return tl::unexpected(response.error());
    }
    if (response->status != 200) {
        failure = fromResponse(*response);
        return core::fail(Errc::Network, failure.error);
    }
    auto resource = protocol::decodeRequestResource(response->body);
    if (!resource.has_value()) {
        failure = retry("unreadable answer from the central service: " + resource.error().message);
    }
    return resource;
}

AnswerDetails detailsOf(const protocol::RequestResource& resource) {
    return {resource.actionDetail.value_or(std::string()),
            resource.personCompleted.value_or(protocol::PersonCompletion{})};
}

// The answer's details are shown with the answer; without them the status alone still holds.
Attempt keepDetails(SqliteRequestStore& store, std::string_view localId,
                    const AnswerDetails& details, bool changedStore) {
    if (details.empty()) {
        return Attempt::done(changedStore);
    }
    auto kept = store.recordAnswerDetails(localId, details);
    if (!kept.has_value() && kept.error().code == Errc::Storage) {
        return fromStore(kept.error());
    }
    return Attempt::done(true);
}

std::vector<std::uint8_t> asBytes(const std::string& text) {
    return {text.begin(), text.end()};
}

// POST /v1/requests (or /documents for a new document): the central service acknowledges with
// a ticket. Sets `resource` when it answered.
Attempt announce(HttpClient& http, SqliteRequestStore& store, const core::Request& request,
                 const Delivery& delivery, const std::vector<LoadedPage>& pages,
                 std::optional<protocol::RequestResource>& resource) {
    std::vector<protocol::PageManifest> manifests;
    for (const auto& page : pages) {
        manifests.push_back(page.manifest);
    }
    auto mrzLines = store.mrzLines(request.localId);
    if (!mrzLines.has_value()) {
        return fromStore(mrzLines.error());
    }
    std::optional<std::vector<std::string>> mrz;
    if (!mrzLines->empty()) {
        mrz = std::move(*mrzLines);
    }
    const bool newDocument = !delivery.ticket.empty();
    HttpRequest post;
    post.method = HttpMethod::Post;
    post.contentType = std::string(protocol::kJsonMediaType);
    std::vector<std::uint8_t> body;
    if (newDocument) {
        post.target = protocol::documentsPath(delivery.ticket);
        body = asBytes(protocol::encode(
            protocol::DocumentUpload{request.document, mrz, std::move(manifests)}));
    } else {
        post.target = std::string(protocol::kRequestsPath);
        post.headers.emplace_back(protocol::kIdempotencyKeyHeader, delivery.item.idempotencyKey);
        body =
            asBytes(protocol::encode(protocol::CreateRequest{request, mrz, std::move(manifests)}));
    }
    post.body = body;
    if (!newDocument) {
        if (auto marked = store.recordAnnouncing(request.localId); !marked.has_value()) {
            return fromStore(marked.error());
        }
    }
    auto response = http.send(post);
    if (!response.has_value()) {
        return fromNetwork(response.error());
    }
    if (response->status == 200 || response->status == 201) {
        auto decoded = protocol::decodeRequestResource(response->body);
        if (!decoded.has_value()) {
            return retry("unreadable answer from the central service: " + decoded.error().message);
        }
        resource = std::move(*decoded);
    } else if (response->status == 409 && newDocument &&
               errorCode(*response) == protocol::error_code::kInvalidState) {
        // The document was accepted before a crash kept the kiosk from recording it: the request
        // is back in "sent" with pages missing.
        Attempt failure;
        auto current = fetchResource(http, delivery.ticket, failure);
        if (!current.has_value()) {
            return failure;
        }
        if (current->state != RequestStatus::Sent) {
            return rejected("the central service no longer expects a new document (request is " +
                            std::string(core::statusKey(current->state)) + ")");
        }
        resource = std::move(*current);
    } else {
        return fromResponse(*response);
    }
    auto recorded = store.recordTicket(request.localId, resource->ticket);
    if (!recorded.has_value()) {
        return fromStore(recorded.error());
    }
    return Attempt::done(false);
}

// Uploads one page from wherever the central service's copy ends. `offset` is known (0) right
// after the announcement, otherwise asked with HEAD.
Attempt uploadPage(HttpClient& http, SqliteRequestStore& store, std::string_view localId,
                   std::string_view ticket, const LoadedPage& page,
                   std::optional<std::uint64_t> offset, std::size_t chunkBytes,
                   std::chrono::steady_clock::time_point pauseAfter,
                   std::optional<protocol::RequestResource>& last) {
    const int index = page.manifest.index;
    const std::string path = protocol::pagePath(ticket, index);
    if (!offset.has_value()) {
        auto head = http.send({HttpMethod::Head, path, {}, {}, {}});
        if (!head.has_value()) {
            return fromNetwork(head.error());
        }
        if (head->status != 200) {
            return fromResponse(*head);
        }
        offset = protocol::parseUploadOffset(head->header("upload-offset"));
        if (!offset.has_value()) {
            return retry("the central service gave no upload offset for page " +
                         std::to_string(index));
        }
    }
    const std::uint64_t size = page.bytes.size();
    if (*offset == size && size > 0) {
        // Completed before a crash kept the kiosk from recording it.
        auto recorded = store.recordPageProgress(localId, {index, size, true});
        return recorded.has_value() ? Attempt::done(false) : fromStore(recorded.error());
    }
    int corrections = 0;
    while (true) {
        if (*offset > size) {
            return retry("the central service claims more of page " + std::to_string(index) +
                         " than it has");
        }
        const std::size_t begin = static_cast<std::size_t>(*offset);
        const std::size_t length = std::min<std::size_t>(chunkBytes, page.bytes.size() - begin);
        HttpRequest patch{HttpMethod::Patch,
                          path,
                          {{std::string(protocol::kUploadOffsetHeader), std::to_string(*offset)}},
                          std::span(page.bytes).subspan(begin, length),
                          std::string(protocol::kOffsetOctetStreamMediaType)};
        auto response = http.send(patch);
        if (!response.has_value()) {
            return fromNetwork(response.error());
        }
        if (response->status == 409 &&
            errorCode(*response) == protocol::error_code::kOffsetMismatch) {
            offset = protocol::parseUploadOffset(response->header("upload-offset"));
            if (!offset.has_value() || ++corrections > kMaxOffsetCorrections) {
                return retry(describeError(*response));
            }
            continue;
        }
        if (response->status == 422 &&
            errorCode(*response) == protocol::error_code::kChecksumMismatch) {
            // The server restarts the page at 0; so does the kiosk, on the next attempt.
            (void)store.recordPageProgress(localId, {index, 0, false});
            return retry(describeError(*response));
        }
        if (response->status != 200) {
            return fromResponse(*response);
        }
        auto result = protocol::decodePageUploadResult(response->body);
        if (!result.has_value()) {
            return retry("unreadable answer from the central service: " + result.error().message);
        }
        auto recorded =
            store.recordPageProgress(localId, {index, result->received, result->complete});
        if (!recorded.has_value()) {
            return fromStore(recorded.error());
        }
        last = std::move(result->request);
        if (result->complete) {
            return Attempt::done(false);
        }
        if (result->received <= *offset) {
            return retry("the central service did not take page " + std::to_string(index) +
                         "'s bytes");
        }
        if (std::chrono::steady_clock::now() >= pauseAfter) {
            return paused();
        }
        offset = result->received;
    }
}

}  // namespace

std::string describeError(const HttpResponse& response) {
    std::string text = "HTTP " + std::to_string(response.status);
    auto body = protocol::decodeErrorBody(response.body);
    if (body.has_value()) {
        text += " " + body->code + ": " + body->message;
        if (body->field.has_value()) {
            text += " (" + *body->field + ")";
        }
    }
    return text;
}

Attempt deliverRequest(HttpClient& http, SqliteRequestStore& store, std::string_view localId,
                       std::size_t chunkBytes, std::chrono::steady_clock::time_point pauseAfter) {
    auto delivery = store.delivery(localId);
    if (!delivery.has_value()) {
        // Deleted, or delivered by another process meanwhile.
        return delivery.error().code == Errc::NotFound ? Attempt::done(false)
                                                       : fromStore(delivery.error());
    }
    auto request = store.load(localId);
    if (!request.has_value()) {
        return request.error().code == Errc::NotFound ? Attempt::done(false)
                                                      : fromStore(request.error());
    }
    auto pages = loadPages(store, *request);
    if (!pages.has_value()) {
        return fromStore(pages.error());
    }

    std::optional<protocol::RequestResource> resource;
    bool fresh = false;
    if (delivery->stage == DeliveryStage::Create) {
        auto announced = announce(http, store, *request, *delivery, *pages, resource);
        if (announced.kind != Attempt::Kind::Done) {
            return announced;
        }
        fresh = true;
        delivery->ticket = resource->ticket;
        delivery->pages.clear();
    }

    for (const auto& page : *pages) {
        const int index = page.manifest.index;
        const auto progress = std::find_if(delivery->pages.begin(), delivery->pages.end(),
                                           [&](const PageProgress& p) { return p.index == index; });
        if (progress != delivery->pages.end() && progress->complete) {
            continue;
        }
        if (fresh && resource.has_value()) {
            const auto& missing = resource->pagesMissing;
            if (std::find(missing.begin(), missing.end(), index) == missing.end()) {
                continue;  // a replayed create: the central service has this page already
            }
        }
        auto uploaded = uploadPage(http, store, localId, delivery->ticket, page,
                                   fresh ? std::optional<std::uint64_t>(0) : std::nullopt,
                                   chunkBytes, pauseAfter, resource);
        if (uploaded.kind != Attempt::Kind::Done) {
            return uploaded;
        }
    }

    if (!resource.has_value() || !resource->pagesMissing.empty()) {
        Attempt failure;
        auto current = fetchResource(http, delivery->ticket, failure);
        if (!current.has_value()) {
            return failure;
        }
        resource = std::move(*current);
    }
    if (!resource->pagesMissing.empty()) {
        for (int index : resource->pagesMissing) {
            (void)store.recordPageProgress(localId, {index, 0, false});
        }
        return retry("the central service still misses pages of request " + std::string(localId));
    }

    core::Request answered = *request;
    answered.ticketNumber = resource->ticket;
    answered.status = RequestStatus::Sent;
    if (resource->state != RequestStatus::Sent) {
        auto applied =
            applyAnswer(answered, resource->state, resource->insz, resource->actionReason);
        if (!applied.has_value()) {
            return retry("unusable answer from the central service: " + applied.error().message);
        }
    }
    auto delivered = store.recordDelivered(answered);
    if (!delivered.has_value()) {
        return delivered.error().code == Errc::InvalidState ||
                       delivered.error().code == Errc::NotFound
                   ? Attempt::done(false)
                   : fromStore(delivered.error());
    }
    return keepDetails(store, localId, detailsOf(*resource), true);
}

Attempt sendDelete(HttpClient& http, const RemoteDelete& item) {
    // Without a ticket the answer to the create was lost: the request is named by its key.
    const std::string target = item.ticket.empty()
                                   ? protocol::requestByKeyTarget(item.idempotencyKey)
                                   : protocol::requestPath(item.ticket);
    auto response = http.send({HttpMethod::Delete, target, {}, {}, {}});
    if (!response.has_value()) {
        return fromNetwork(response.error());
    }
    // Unknown or already final there: nothing is left to stop.
    if (response->status == 200 || response->status == 404 ||
        (response->status == 409 && errorCode(*response) == protocol::error_code::kAlreadyFinal)) {
        return Attempt::done(false);
    }
    return fromResponse(*response);
}

Attempt pullChanges(HttpClient& http, SqliteRequestStore& store) {
    auto cursor = store.changesCursor();
    if (!cursor.has_value()) {
        return fromStore(cursor.error());
    }
    bool changed = false;
    while (true) {
        auto response = http.send(
            {HttpMethod::Get, protocol::changesTarget(*cursor, kChangesPerPage), {}, {}, {}});
        if (!response.has_value()) {
            return fromNetwork(response.error());
        }
        if (response->status != 200) {
            return fromResponse(*response);
        }
        auto page = protocol::decodeChangesPage(response->body);
        if (!page.has_value()) {
            return retry("unreadable changes from the central service: " + page.error().message);
        }
        for (const auto& change : page->changes) {
            auto request = store.load(change.localId);
            // Requests of other kiosks, deleted here, or still being delivered (their delivery
            // stores the answer that comes with the last page) are left alone.
            if (!request.has_value() || request->status == RequestStatus::Queued ||
                request->status == change.state ||
                !core::isTransitionAllowed(request->status, change.state)) {
                continue;
            }
            if (request->ticketNumber.empty()) {
                request->ticketNumber = change.ticket;
            }
            if (!applyAnswer(*request, change.state, change.insz, change.actionReason)
                     .has_value()) {
                continue;
            }
            auto updated = store.update(*request);
            if (!updated.has_value()) {
                if (updated.error().code == Errc::Storage) {
                    return fromStore(updated.error());
                }
                continue;
            }
            changed = true;
            AnswerDetails details{change.actionDetail.value_or(std::string()), {}};
            if (change.state == RequestStatus::Identified) {
                // The change does not carry the fields the registry completed; the resource does.
                Attempt failure;
                if (auto resource = fetchResource(http, change.ticket, failure);
                    resource.has_value()) {
                    details = detailsOf(*resource);
                }
            }
            if (auto kept = keepDetails(store, change.localId, details, true);
                kept.kind != Attempt::Kind::Done) {
                return kept;
            }
        }
        if (page->nextCursor == *cursor) {
            break;
        }
        auto saved = store.setChangesCursor(page->nextCursor);
        if (!saved.has_value()) {
            return fromStore(saved.error());
        }
        *cursor = page->nextCursor;
        if (page->changes.size() < kChangesPerPage) {
            break;
        }
    }
    return Attempt::done(changed);
}

}  // namespace balie::sync::client
