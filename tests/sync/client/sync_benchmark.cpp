// SPDX-License-Identifier: GPL-3.0-or-later
// balie_sync_benchmark: enqueue latency of the store, then the time to drain a backlog of queued
// requests with pages into a real balie-central on loopback. Prints figures; asserts nothing.
// BALIE_BENCH_REQUESTS (default 1000) and BALIE_BENCH_PAGE_BYTES (default 200000) size the run.
#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "balie/sync/client/sync_engine.h"
#include "client_fixture.h"
#include "store_fixture.h"

namespace {

using Clock = std::chrono::steady_clock;

std::size_t fromEnvironment(const char* name, std::size_t fallback) {
    const char* value = std::getenv(name);
    const long long parsed = value == nullptr ? 0 : std::atoll(value);
    return parsed > 0 ? static_cast<std::size_t>(parsed) : fallback;
}

double millis(Clock::duration duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
}

}  // namespace

int main() {
    using namespace balie;
    const std::size_t count = fromEnvironment("BALIE_BENCH_REQUESTS", 1000);
    const std::size_t pageBytes = fromEnvironment("BALIE_BENCH_PAGE_BYTES", 200'000);
    try {
        test::TempDir dir;
        auto server = test::CentralServer::start();
        auto store = sync::SqliteRequestStore::open(test::storeOptionsIn(dir.path()));
        if (!store.has_value()) {
            std::cerr << store.error().message << '\n';
            return 1;
        }
        balie::test::WallClock clock;
        const auto pages = test::examplePages(1, pageBytes);
        std::vector<double> latencies;
        const auto enqueueStart = Clock::now();
        for (std::size_t i = 0; i < count; ++i) {
            const auto start = Clock::now();
            auto stored = (*store)->submit(
                test::newPersonDraft(server.agentId(), "BENCH" + std::to_string(i)), pages,
                clock.now());
            latencies.push_back(millis(Clock::now() - start));
            if (!stored.has_value()) {
                std::cerr << stored.error().message << '\n';
                return 1;
            }
        }
        const auto enqueueTime = Clock::now() - enqueueStart;
        std::sort(latencies.begin(), latencies.end());

        sync::client::EngineOptions options;
        options.connection.baseUrl = server.url();
        options.connection.token = server.token();
        sync::client::SyncEngine engine(**store, clock, options);
        const auto drainStart = Clock::now();
        std::size_t remaining = count;
        for (int pass = 0; pass < 20 && remaining > 0; ++pass) {
            auto report = engine.runOnce(true);
            if (!report.has_value()) {
                std::cerr << report.error().message << '\n';
                return 1;
            }
            remaining = report->remaining;
        }
        const auto drainTime = Clock::now() - drainStart;

        std::cout << "enqueue: " << count << " requests, one " << pageBytes
                  << "-byte page each: p50 " << latencies[latencies.size() / 2] << " ms, p99 "
                  << latencies[latencies.size() * 99 / 100] << " ms, "
                  << static_cast<double>(count) / (millis(enqueueTime) / 1000.0) << " requests/s\n";
        std::cout << "drain into balie-central on loopback: " << millis(drainTime) / 1000.0
                  << " s, " << static_cast<double>(count - remaining) / (millis(drainTime) / 1000.0)
                  << " requests/s, " << remaining << " left\n";
        return remaining == 0 ? 0 : 1;
    } catch (const std::exception& error) {
        std::cerr << "balie_sync_benchmark: " << error.what() << '\n';
        return 1;
    }
}
