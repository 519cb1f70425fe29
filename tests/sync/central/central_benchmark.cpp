// SPDX-License-Identifier: GPL-3.0-or-later
// Requests per second into the real balie-central on loopback, SQLite and PostgreSQL: several
// kiosks at once each file requests (POST) and upload a 2 KB page (PATCH) that completes them.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>
#include <vector>

#include "central_fixture.h"
#include "postgres_server.h"

namespace {

using namespace balie::test;

constexpr int kThreads = 4;
constexpr int kRequestsPerThread = 150;

struct Figures {
    int completed = 0;
    int failed = 0;
    double seconds = 0;
};

Figures run(const CentralServer& server) {
    std::atomic<int> completed{0};
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    const auto start = std::chrono::steady_clock::now();
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            ProtocolClient client(server.url(), server.token(), /*checkSchema=*/false);
            for (int i = 0; i < kRequestsPerThread; ++i) {
                const auto pages = std::vector{pageBytes(2048, t * 10000 + i)};
                const auto request = newPersonRequest(
                    server.agentId(), pages,
                    std::string("Bench") + static_cast<char>('A' + t) +
                        static_cast<char>('a' + i % 26) + static_cast<char>('a' + i / 26),
                    "Load", {1980 + t, 1 + i % 12, 1 + i % 28});
                const HttpAnswer created = client.create(request, newKey());
                if (created.status != 201) {
                    ++failed;
                    continue;
                }
                const HttpAnswer page =
                    client.patch(created.json()["ticket"].get<std::string>(), 0, 0, pages[0]);
                if (page.status == 200 && page.json()["complete"] == true) {
                    ++completed;
                } else {
                    ++failed;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    return {completed.load(), failed.load(), elapsed.count()};
}

void print(const char* backend, const Figures& figures) {
    std::printf("%-12s %8d %9d %7d %9.2f %12.1f %14.1f\n", backend, kThreads, figures.completed,
                figures.failed, figures.seconds, figures.completed / figures.seconds,
                2 * figures.completed / figures.seconds);
}

}  // namespace

int main() {
    std::printf(
        "balie-central on loopback: each request = POST /v1/requests + PATCH of a 2 KB page"
        " (decision included)\n");
    std::printf("%-12s %8s %9s %7s %9s %12s %14s\n", "backend", "threads", "requests", "failed",
                "seconds", "requests/s", "HTTP calls/s");
    {
        const CentralServer sqlite = CentralServer::start();
        print("sqlite", run(sqlite));
    }
    if (!PostgresServer::available()) {
        std::printf("%-12s skipped: %s\n", "postgresql",
                    PostgresServer::unavailableReason().c_str());
        return 0;
    }
    const PostgresServer postgres = PostgresServer::start(/*durable=*/true);
    CentralServerOptions options;
    options.database = postgres.url();
    const CentralServer server = CentralServer::start(options);
    print("postgresql", run(server));
    return 0;
}
