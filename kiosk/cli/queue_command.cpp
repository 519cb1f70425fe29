// SPDX-License-Identifier: GPL-3.0-or-later
// `balie queue list [--json]`: every stored request with where its delivery stands, and the
// deletions the central service has not confirmed yet.
#include <map>
#include <ostream>

#include <nlohmann/json.hpp>

#include "balie/core/insz.h"
#include "balie/core/request_status.h"
#include "balie/sync/sqlite_request_store.h"
#include "command_line.h"

namespace balie::cli {
namespace {

struct QueueEntry {
    std::string localId;
    std::string state;
    std::string ticket;
    std::string insz;
    int attempts = 0;
    std::string lastError;
};

// The text listing is read over a technician's shoulder: the INSZ is masked there.
std::string maskedInsz(const std::string& insz) {
    if (insz.empty()) {
        return "-";
    }
    auto parsed = core::Insz::parse(insz, core::InszMode::Lenient, systemClock().today());
    return parsed.has_value() ? parsed->masked() : std::string("(invalid)");
}

core::Result<std::vector<QueueEntry>> collect(sync::SqliteRequestStore& store) {
    auto outbox = store.outbox();
    if (!outbox.has_value()) {
        return tl::unexpected(outbox.error());
    }
    std::map<std::string, core::OutboxItem> pending;
    for (auto& item : *outbox) {
        pending.emplace(item.localId, item);
    }
    std::vector<QueueEntry> entries;
    core::RequestQuery query;
    query.limit = 500;
    while (true) {
        auto page = store.list(query);
        if (!page.has_value()) {
            return tl::unexpected(page.error());
        }
        for (const auto& request : page->requests) {
            QueueEntry entry{request.localId,
                             std::string(core::statusKey(request.status)),
                             request.ticketNumber,
                             request.insz,
                             0,
                             {}};
            if (auto found = pending.find(request.localId); found != pending.end()) {
                entry.attempts = found->second.attempts;
                entry.lastError = found->second.lastError;
            }
            entries.push_back(std::move(entry));
        }
        if (!page->hasOlder || page->requests.empty()) {
            break;
        }
        query.olderThan = page->requests.back().localId;
    }
    auto deletes = store.remoteDeletes();
    if (!deletes.has_value()) {
        return tl::unexpected(deletes.error());
    }
    for (const auto& item : *deletes) {
        entries.push_back(
            QueueEntry{item.localId, "deleted", item.ticket, {}, item.attempts, item.lastError});
    }
    return entries;
}

}  // namespace

int queueList(std::span<const std::string_view> args, Io io) {
    auto arguments = parseQueueArguments(args, {"--json"}, io.err);
    if (!arguments.has_value()) {
        return kExitUsage;
    }
    if (!arguments->positional.empty()) {
        return usageError(
            io.err, "unexpected argument '" + std::string(arguments->positional.front()) + "'");
    }
    auto store = openQueueStore(*arguments);
    if (!store.has_value()) {
        io.err << "balie: " << store.error().message << '\n';
        return kExitUsage;
    }
    auto entries = collect(**store);
    if (!entries.has_value()) {
        io.err << "balie: " << entries.error().message << '\n';
        return kExitUsage;
    }
    if (arguments->flags.contains("--json")) {
        auto list = nlohmann::json::array();
        for (const auto& entry : *entries) {
            list.push_back({{"local_id", entry.localId},
                            {"state", entry.state},
                            {"ticket", entry.ticket.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(entry.ticket)},
                            {"insz", entry.insz.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(entry.insz)},
                            {"attempts", entry.attempts},
                            {"last_error", entry.lastError}});
        }
        io.out << list.dump() << '\n';
        return kExitOk;
    }
    for (const auto& entry : *entries) {
        io.out << entry.localId << "  " << entry.state << "  "
               << (entry.ticket.empty() ? "-" : entry.ticket) << "  " << maskedInsz(entry.insz)
               << "  attempts " << entry.attempts;
        if (!entry.lastError.empty()) {
            io.out << "  " << entry.lastError;
        }
        io.out << '\n';
    }
    return kExitOk;
}

}  // namespace balie::cli
