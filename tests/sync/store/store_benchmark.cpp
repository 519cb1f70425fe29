// SPDX-License-Identifier: GPL-3.0-or-later
// Enqueue benchmark of the request store: latency p50/p99 and requests per second of submit(),
// each request with its page images and outbox entry in one durable transaction.
//
// Usage: balie_store_benchmark [REQUESTS [PAGE_BYTES [PAGES [DIRECTORY]]]]
// (defaults: 200 requests, 500000-byte pages, 2 pages, a new directory under /tmp).
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "balie/core/request.h"
#include "balie/sync/sqlite_request_store.h"

namespace {

balie::core::Request draft() {
    balie::core::Request request;
    request.requester = {"agent-7", "Els Peeters"};
    request.document.type = balie::core::DocumentType::Passport;
    request.document.issuingCountry = "PL";
    request.document.number = "EA1234567";
    request.person.surname = "KOWALSKA";
    request.person.givenNames = "ANNA MARIA";
    request.person.birthDate = {1990, 4, 17};
    request.residence = {"ul. Długa", "5", "", "31-147", "Kraków", "PL"};
    request.email = "hr@example.be";
    return request;
}

double percentile(std::vector<double> values, double fraction) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1));
    return values[index];
}

}  // namespace

int main(int argc, char** argv) {
    const int requests = argc > 1 ? std::atoi(argv[1]) : 200;
    const auto pageBytes = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 500'000ull;
    const auto pageCount = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 2ull;
    std::filesystem::path directory;
    if (argc > 4) {
        directory = argv[4];
    } else {
        std::string pattern = "/tmp/balie-store-benchmark-XXXXXX";
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::perror("mkdtemp");
            return 1;
        }
        directory = pattern;
    }
    if (requests <= 0 || pageCount < 1 || pageCount > balie::core::kMaxDocumentPages) {
        std::fprintf(stderr, "usage: %s [REQUESTS [PAGE_BYTES [PAGES [DIRECTORY]]]]\n", argv[0]);
        return 2;
    }

    auto store = balie::sync::SqliteRequestStore::open(
        {directory / "benchmark.db", directory / "benchmark.key", 0});
    if (!store.has_value()) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        return 1;
    }
    std::vector<balie::core::PageImage> pages(pageCount);
    for (auto& page : pages) {
        page.width = 1280;
        page.height = 720;
        page.encoded.resize(pageBytes);
        for (std::size_t i = 0; i < pageBytes; ++i) {
            page.encoded[i] = static_cast<std::uint8_t>(i * 31 + 7);
        }
    }

    std::vector<double> latenciesMs;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < requests; ++i) {
        const auto before = std::chrono::steady_clock::now();
        auto stored = (*store)->submit(draft(), pages, std::chrono::system_clock::now());
        const auto after = std::chrono::steady_clock::now();
        if (!stored.has_value()) {
            std::fprintf(stderr, "%s\n", stored.error().message.c_str());
            return 1;
        }
        latenciesMs.push_back(std::chrono::duration<double, std::milli>(after - before).count());
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::printf("requests: %d, pages per request: %llu, page bytes: %llu, directory: %s\n",
                requests, static_cast<unsigned long long>(pageCount),
                static_cast<unsigned long long>(pageBytes), directory.c_str());
    std::printf("enqueue latency p50: %.2f ms, p99: %.2f ms\n", percentile(latenciesMs, 0.50),
                percentile(latenciesMs, 0.99));
    std::printf("throughput: %.1f requests/s\n", static_cast<double>(requests) / seconds);
    if (argc <= 4) {
        std::error_code ignored;
        std::filesystem::remove_all(directory, ignored);
    }
    return 0;
}
