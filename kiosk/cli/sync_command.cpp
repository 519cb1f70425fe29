// SPDX-License-Identifier: GPL-3.0-or-later
// `balie sync [--once]`: sends the queue to the central service; also the options every queue
// command shares (--store, --central, --token-file, --ca).
#include <pthread.h>
#include <signal.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "balie/sync/client/sync_engine.h"
#include "command_line.h"

namespace balie::cli {
namespace {

constexpr std::string_view kDefaultStoreDir = "/var/lib/balie";

std::string fromEnvironment(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

class SystemClock final : public core::Clock {
public:
    core::PartialDate today() const override {
        std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
        std::tm local{};
        localtime_r(&now, &local);
        return core::PartialDate{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
    }
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now();
    }
};

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

const core::Clock& systemClock() {
    static const SystemClock clock;
    return clock;
}

std::optional<QueueArguments> parseQueueArguments(std::span<const std::string_view> args,
                                                  std::set<std::string_view> flags,
                                                  std::ostream& err) {
    QueueArguments parsed;
    parsed.storeDir = fromEnvironment("BALIE_STORE_DIR");
    if (parsed.storeDir.empty()) {
        parsed.storeDir = std::string(kDefaultStoreDir);
    }
    parsed.centralUrl = fromEnvironment("BALIE_CENTRAL_URL");
    parsed.token = trimmed(fromEnvironment("BALIE_CENTRAL_TOKEN"));
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        const bool takesValue = arg == "--store" || arg == "--central" || arg == "--token-file" ||
                                arg == "--ca" || arg == "--client-cert" || arg == "--client-key";
        if (takesValue) {
            if (i + 1 >= args.size()) {
                usageError(err, std::string(arg) + " needs a value");
                return std::nullopt;
            }
            const std::string value(args[++i]);
            if (arg == "--store") {
                parsed.storeDir = value;
            } else if (arg == "--central") {
                parsed.centralUrl = value;
            } else if (arg == "--ca") {
                parsed.caFile = value;
            } else if (arg == "--client-cert") {
                parsed.clientCertFile = value;
            } else if (arg == "--client-key") {
                parsed.clientKeyFile = value;
            } else {
                std::ifstream in(value);
                std::stringstream text;
                text << in.rdbuf();
                if (!in) {
                    usageError(err, "cannot read the token file " + value);
                    return std::nullopt;
                }
                parsed.token = trimmed(text.str());
            }
        } else if (arg.starts_with("--")) {
            if (!flags.contains(arg)) {
                usageError(err, "unknown option " + std::string(arg));
                return std::nullopt;
            }
            parsed.flags.insert(arg);
        } else {
            parsed.positional.push_back(arg);
        }
    }
    return parsed;
}

core::Result<std::unique_ptr<sync::SqliteRequestStore>> openQueueStore(
    const QueueArguments& arguments) {
    const std::filesystem::path dir(arguments.storeDir);
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) {
        return core::fail(core::Errc::Storage, "cannot create the store directory " + dir.string() +
                                                   ": " + error.message());
    }
    auto store = sync::SqliteRequestStore::open({dir / "requests.db", dir / "store.key", 0});
    if (!store.has_value()) {
        return tl::unexpected(store.error());
    }
    return std::move(*store);
}

int sync(std::span<const std::string_view> args, Io io) {
    auto arguments = parseQueueArguments(args, {"--once"}, io.err);
    if (!arguments.has_value()) {
        return kExitUsage;
    }
    if (!arguments->positional.empty()) {
        return usageError(
            io.err, "unexpected argument '" + std::string(arguments->positional.front()) + "'");
    }
    if (arguments->centralUrl.empty()) {
        return usageError(io.err,
                          "no central service: give --central URL or set BALIE_CENTRAL_URL");
    }
    if (arguments->token.empty()) {
        return usageError(io.err,
                          "no kiosk token: give --token-file FILE or set BALIE_CENTRAL_TOKEN");
    }
    if (arguments->clientCertFile.empty() != arguments->clientKeyFile.empty()) {
        return usageError(io.err, "--client-cert and --client-key go together");
    }
    sync::client::initCurl();
    auto store = openQueueStore(*arguments);
    if (!store.has_value()) {
        io.err << "balie: " << store.error().message << '\n';
        return kExitUsage;
    }
    sync::client::EngineOptions options;
    options.connection.baseUrl = arguments->centralUrl;
    options.connection.token = arguments->token;
    options.connection.caFile = arguments->caFile;
    options.connection.clientCertFile = arguments->clientCertFile;
    options.connection.clientKeyFile = arguments->clientKeyFile;
    sync::client::SyncEngine engine(**store, systemClock(), options);

    if (!arguments->flags.contains("--once")) {
        // The engine's thread inherits the blocked signals; this thread waits for them and then
        // stops the engine, cancelling any transfer (the store keeps where it was).
        sigset_t stopSignals;
        sigemptyset(&stopSignals);
        sigaddset(&stopSignals, SIGINT);
        sigaddset(&stopSignals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
        engine.start([] {});
        int received = 0;
        sigwait(&stopSignals, &received);
        engine.stop();
        return kExitOk;
    }
    auto report = engine.runOnce(true);
    if (!report.has_value()) {
        io.err << "balie: " << report.error().message << '\n';
        return kExitInvalid;
    }
    io.out << "delivered " << report->delivered << ", remaining " << report->remaining << '\n';
    if (report->remaining == 0) {
        return kExitOk;
    }
    for (const auto& problem : report->problems) {
        io.err << "balie: " << problem << '\n';
    }
    if (report->problems.empty()) {
        io.err << "balie: " << report->remaining << " item(s) remain";
        if (report->rejected > 0) {
            io.err << ", " << report->rejected
                   << " refused by the central service (see balie queue list)";
        }
        io.err << '\n';
    }
    return kExitInvalid;
}

}  // namespace balie::cli
