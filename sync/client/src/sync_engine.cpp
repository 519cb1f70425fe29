// SPDX-License-Identifier: GPL-3.0-or-later
// SyncEngine: scheduling of the sync passes, the background thread and the questions the kiosk
// asks the central service directly.
#include "balie/sync/client/sync_engine.h"

#include <algorithm>
#include <set>
#include <utility>

#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "exchange.h"

namespace balie::sync::client {
namespace {

namespace protocol = balie::sync::protocol;
using core::Errc;
using core::Result;
using TimePoint = std::chrono::system_clock::time_point;

// A parked item waits for a technician, not for a timer.
constexpr TimePoint kParked = TimePoint::max();
// Questions asked while an agent waits at the kiosk (login, history) give up sooner.
constexpr auto kQuestionTimeout = std::chrono::seconds(5);
// Rounding and small clock corrections (NTP) stay below this.
constexpr auto kClockSlack = std::chrono::minutes(1);

bool isParked(TimePoint nextAttemptAt) {
    return nextAttemptAt == kParked;
}

// Due times are wall-clock times (they outlive the process), so a clock set back would delay an
// item by as much. No wait the engine sets is longer than the backoff cap: a due time further
// ahead can only come from such a jump, and the item is due now.
bool isDue(TimePoint nextAttemptAt, TimePoint now, const BackoffPolicy& backoff) {
    return nextAttemptAt <= now || nextAttemptAt - now > backoff.cap + kClockSlack;
}

std::vector<std::uint8_t> asBytes(const std::string& text) {
    return {text.begin(), text.end()};
}

}  // namespace

SyncEngine::SyncEngine(SqliteRequestStore& store, const core::Clock& clock, EngineOptions options)
    : store_(store),
      clock_(clock),
      options_(std::move(options)),
      http_(options_.connection, &stopping_),
      random_(std::random_device{}()) {
}

SyncEngine::~SyncEngine() {
    stop();
}

void SyncEngine::start(ChangeListener listener) {
    std::lock_guard lock(stateMutex_);
    if (thread_.joinable()) {
        return;
    }
    listener_ = std::move(listener);
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void SyncEngine::stop() {
    {
        std::lock_guard lock(stateMutex_);
        stopping_ = true;
    }
    wakeUp_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void SyncEngine::wake() {
    {
        std::lock_guard lock(stateMutex_);
        woken_ = true;
    }
    wakeUp_.notify_all();
}

void SyncEngine::retryNow() {
    {
        std::lock_guard lock(stateMutex_);
        retryRequested_ = true;
        status_.retrying = true;
        woken_ = true;
    }
    wakeUp_.notify_all();
}

core::SyncStatus SyncEngine::status() const {
    core::SyncStatus status;
    {
        std::lock_guard lock(stateMutex_);
        status = status_;
    }
    auto outbox = store_.outbox();
    auto deletes = store_.remoteDeletes();
    status.queued =
        (outbox.has_value() ? outbox->size() : 0) + (deletes.has_value() ? deletes->size() : 0);
    return status;
}

void SyncEngine::noteExchange(bool reachable, const std::string& error, bool retried) {
    std::lock_guard lock(stateMutex_);
    status_.online = reachable;
    status_.lastError = error;
    // A retry asked for during this pass is still to come.
    if (retried && !retryRequested_) {
        status_.retrying = false;
    }
    if (reachable) {
        status_.lastContact = clock_.now();
    }
}

Result<PassReport> SyncEngine::runOnce(bool ignoreSchedule) {
    return pass(ignoreSchedule);
}

Result<PassReport> SyncEngine::pass(bool ignoreSchedule) {
    std::lock_guard passLock(passMutex_);
    PassReport report;
    std::string lastProblem;
    bool changed = false;
    auto now = clock_.now();
    auto due = [&](TimePoint next) { return ignoreSchedule || isDue(next, now, options_.backoff); };
    auto halted = [&] { return stopping_ || !report.reachable || report.credentialRefused; };
    auto refused = [&](const Attempt& attempt) {
        report.credentialRefused = true;
        report.problems.push_back(attempt.error);
        lastProblem = attempt.error;
    };

    auto record = [&](const std::string& what, const Attempt& attempt, int attempts,
                      auto&& store) -> Result<void> {
        report.problems.push_back(what + ": " + attempt.error);
        lastProblem = attempt.error;
        const auto next = attempt.kind == Attempt::Kind::Rejected
                              ? kParked
                              : clock_.now() + backoffDelay(options_.backoff, attempts + 1,
                                                            attempt.retryAfter, random_);
        return store(next);
    };

    // Rounds over the outbox: a request that used up its time slice waits for the others,
    // including those queued meanwhile, before it continues.
    std::set<std::string> finishedThisPass;
    bool anyPaused = true;
    while (anyPaused && !halted()) {
        anyPaused = false;
        now = clock_.now();
        auto outbox = store_.outbox();
        if (!outbox.has_value()) {
            return tl::unexpected(outbox.error());
        }
        for (const auto& item : *outbox) {
            if (halted()) {
                break;
            }
            if (isParked(item.nextAttemptAt) || !due(item.nextAttemptAt) ||
                finishedThisPass.contains(item.localId)) {
                continue;
            }
            const auto attempt =
                deliverRequest(http_, store_, item.localId, options_.chunkBytes,
                               std::chrono::steady_clock::now() + options_.uploadSlice);
            changed = changed || attempt.changedStore;
            if (attempt.kind == Attempt::Kind::Paused) {
                anyPaused = true;
                continue;
            }
            if (attempt.kind == Attempt::Kind::CredentialRefused) {
                refused(attempt);
                break;
            }
            finishedThisPass.insert(item.localId);
            if (attempt.kind == Attempt::Kind::Done) {
                report.delivered += attempt.changedStore ? 1 : 0;
                continue;
            }
            report.reachable = !attempt.unreachable;
            auto stored =
                record("request " + item.localId, attempt, item.attempts, [&](TimePoint next) {
                    return store_.recordAttempt(item.localId, attempt.error, next);
                });
            if (!stored.has_value() && stored.error().code != Errc::NotFound) {
                return tl::unexpected(stored.error());
            }
        }
    }

    auto deletes = store_.remoteDeletes();
    if (!deletes.has_value()) {
        return tl::unexpected(deletes.error());
    }
    for (const auto& item : *deletes) {
        if (halted()) {
            break;
        }
        if (isParked(item.nextAttemptAt) || !due(item.nextAttemptAt)) {
            continue;
        }
        const auto attempt = sendDelete(http_, item);
        if (attempt.kind == Attempt::Kind::CredentialRefused) {
            refused(attempt);
            break;
        }
        if (attempt.kind == Attempt::Kind::Done) {
            auto finished = store_.finishRemoteDelete(item.localId);
            if (!finished.has_value()) {
                return tl::unexpected(finished.error());
            }
            continue;
        }
        report.reachable = !attempt.unreachable;
        auto stored = record(
            "deletion of request " + item.localId, attempt, item.attempts, [&](TimePoint next) {
                return store_.recordRemoteDeleteAttempt(item.localId, attempt.error, next);
            });
        if (!stored.has_value()) {
            return tl::unexpected(stored.error());
        }
    }

    if (!halted()) {
        const auto pulled = pullChanges(http_, store_);
        changed = changed || pulled.changedStore;
        if (pulled.kind == Attempt::Kind::CredentialRefused) {
            refused(pulled);
        } else if (pulled.kind != Attempt::Kind::Done) {
            report.reachable = !pulled.unreachable;
            report.problems.push_back("changes: " + pulled.error);
            lastProblem = pulled.error;
        }
    }

    // Count what is left after this pass.
    auto outbox = store_.outbox();
    deletes = store_.remoteDeletes();
    if (!outbox.has_value()) {
        return tl::unexpected(outbox.error());
    }
    if (!deletes.has_value()) {
        return tl::unexpected(deletes.error());
    }
    report.remaining = outbox->size() + deletes->size();
    report.rejected = static_cast<std::size_t>(
        std::count_if(outbox->begin(), outbox->end(),
                      [](const core::OutboxItem& item) { return isParked(item.nextAttemptAt); }));

    if (!stopping_) {
        networkFailures_ = report.reachable ? 0 : networkFailures_ + 1;
        const auto before = status();
        noteExchange(report.reachable && !report.credentialRefused, lastProblem, ignoreSchedule);
        const auto after = status();
        ChangeListener listener;
        {
            std::lock_guard lock(stateMutex_);
            listener = listener_;
        }
        if (listener && (changed || before != after)) {
            listener();
        }
    }
    return report;
}

std::chrono::milliseconds SyncEngine::nextWait(const PassReport& report) {
    if (report.credentialRefused) {
        return options_.credentialRetry;
    }
    if (!report.reachable) {
        return backoffDelay(options_.backoff, networkFailures_, std::nullopt, random_);
    }
    auto wait = options_.pollInterval;
    const auto now = clock_.now();
    auto consider = [&](TimePoint due) {
        if (isParked(due)) {
            return;
        }
        const auto until = isDue(due, now, options_.backoff)
                               ? std::chrono::milliseconds(0)
                               : std::chrono::duration_cast<std::chrono::milliseconds>(due - now);
        wait = std::clamp(until, std::chrono::milliseconds(0), wait);
    };
    if (auto outbox = store_.outbox(); outbox.has_value()) {
        for (const auto& item : *outbox) {
            consider(item.nextAttemptAt);
        }
    }
    if (auto deletes = store_.remoteDeletes(); deletes.has_value()) {
        for (const auto& item : *deletes) {
            consider(item.nextAttemptAt);
        }
    }
    return wait;
}

void SyncEngine::loop() {
    while (!stopping_) {
        // A retry asked for while a pass runs is served by the next pass, not by a second one.
        bool retryAll = false;
        {
            std::lock_guard lock(stateMutex_);
            retryAll = std::exchange(retryRequested_, false);
        }
        if (retryAll) {
            networkFailures_ = 0;
        }
        auto report = pass(retryAll);
        std::chrono::milliseconds wait = options_.pollInterval;
        if (report.has_value()) {
            wait = nextWait(*report);
        } else {
            noteExchange(false, report.error().message, retryAll);
            wait = backoffDelay(options_.backoff, ++networkFailures_, std::nullopt, random_);
        }
        std::unique_lock lock(stateMutex_);
        wakeUp_.wait_for(lock, wait, [&] { return stopping_ || woken_; });
        woken_ = false;
    }
}

HttpClient SyncEngine::questionClient() const {
    ConnectionOptions options = options_.connection;
    options.connectTimeout =
        std::min<std::chrono::milliseconds>(options.connectTimeout, kQuestionTimeout);
    options.stallTimeout = kQuestionTimeout;
    return HttpClient(std::move(options), &stopping_);
}

Result<core::AgentAccess> SyncEngine::verifyAgent(std::string_view nationalNumber) {
    auto http = questionClient();
    const auto body =
        asBytes(protocol::encode(protocol::AgentVerifyRequest{std::string(nationalNumber)}));
    auto response = http.send({HttpMethod::Post,
                               std::string(protocol::kAgentsVerifyPath),
                               {},
                               body,
                               std::string(protocol::kJsonMediaType)});
    if (!response.has_value() || response->status >= 500 || response->status == 429) {
        // Offline first: an agent who logged in here before may log in without the network.
        auto cached = store_.cachedAgent(nationalNumber);
        if (cached.has_value() && cached->has_value()) {
            return **cached;
        }
        return core::fail(
            Errc::Network,
            "the central service cannot be reached to check the agent: " +
                (response.has_value() ? describeError(*response) : response.error().message));
    }
    if (response->status == 403) {
        (void)store_.forgetAgent(nationalNumber);
        return core::fail(Errc::PermissionDenied,
                          "this person is not on the company's access list");
    }
    if (response->status != 200) {
        return core::fail(Errc::Network,
                          "the central service refused the check: " + describeError(*response));
    }
    auto decoded = protocol::decodeAgentVerifyResponse(response->body);
    if (!decoded.has_value()) {
        return core::fail(Errc::Network,
                          "unreadable answer from the central service: " + decoded.error().message);
    }
    if (!decoded->allowed) {
        (void)store_.forgetAgent(nationalNumber);
        return core::fail(Errc::PermissionDenied,
                          "this person is not on the company's access list");
    }
    core::AgentAccess agent{decoded->agentId, decoded->displayName};
    (void)store_.cacheAgent(nationalNumber, agent, clock_.now());
    return agent;
}

Result<void> SyncEngine::deleteRequest(std::string_view localId) {
    auto deleted = store_.deleteRequest(localId, clock_.now());
    if (deleted.has_value()) {
        wake();
    }
    return deleted;
}

Result<void> SyncEngine::resubmitDocument(std::string_view localId, core::Document document,
                                          std::vector<core::PageImage> pages) {
    std::vector<std::string> mrzLines = std::move(document.mrzLines);
    document.mrzLines.clear();
    auto replaced = store_.replaceDocument(localId, std::move(document), std::move(pages),
                                           clock_.now(), mrzLines);
    if (!replaced.has_value()) {
        return tl::unexpected(replaced.error());
    }
    wake();
    return {};
}

Result<core::HistoryPage> SyncEngine::history(const core::HistoryQuery& query) {
    auto http = questionClient();
    auto response =
        http.send({HttpMethod::Get,
                   protocol::historyTarget(query.requesterAgentId, query.beforeTicket, query.limit),
                   {},
                   {},
                   {}});
    if (!response.has_value()) {
        return core::fail(Errc::Network,
                          "the central service cannot be reached: " + response.error().message);
    }
    if (response->status != 200) {
        return core::fail(response->status == 404 ? Errc::NotFound : Errc::Network,
                          "the central service refused the history: " + describeError(*response));
    }
    auto decoded = protocol::decodeHistoryPage(response->body);
    if (!decoded.has_value()) {
        return core::fail(Errc::Network, "unreadable history from the central service: " +
                                             decoded.error().message);
    }
    core::HistoryPage page;
    page.hasOlder = decoded->hasOlder;
    for (auto& item : decoded->requests) {
        page.entries.push_back(core::HistoryEntry{
            std::move(item.ticket), std::move(item.localId), item.state, std::move(item.insz),
            std::move(item.requester), std::move(item.summary.surname),
            std::move(item.summary.givenNames), item.submittedAt});
    }
    return page;
}

}  // namespace balie::sync::client
