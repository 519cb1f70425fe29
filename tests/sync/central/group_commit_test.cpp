// SPDX-License-Identifier: GPL-3.0-or-later
// Transactions from many threads at once, on SQLite and PostgreSQL: each caller gets its own
// outcome, a failing transaction undoes only its own writes, and what was acknowledged is there.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "balie/sync/central/database.h"
#include "postgres_server.h"

namespace balie::test {
namespace {

using sync::central::Database;
using sync::central::Param;
using sync::central::Session;

constexpr int kThreads = 8;
constexpr int kTransactionsPerThread = 40;

class GroupCommitTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgresql") {
            if (!PostgresServer::available()) {
                GTEST_SKIP() << PostgresServer::unavailableReason();
            }
            postgres_.emplace(PostgresServer::start());
            url_ = postgres_->url();
        } else {
            char pattern[] = "/tmp/balie-group-commit-XXXXXX";
            ASSERT_NE(::mkdtemp(pattern), nullptr);
            directory_ = pattern;
            url_ = "sqlite:" + (directory_ / "central.sqlite").string();
        }
        auto database = Database::open(url_);
        ASSERT_TRUE(database.has_value()) << database.error().message;
        database_ = std::move(*database);
        auto created = database_->transaction([](Session& session) {
            return session.exec("CREATE TABLE probe (id BIGINT PRIMARY KEY, owner BIGINT)", {});
        });
        ASSERT_TRUE(created.has_value()) << created.error().message;
    }

    void TearDown() override {
        database_.reset();
        if (!directory_.empty()) {
            std::filesystem::remove_all(directory_);
        }
    }

    std::set<std::int64_t> storedIds(Database& database) {
        std::set<std::int64_t> ids;
        auto read = database.transaction([&](Session& session) -> core::Result<void> {
            auto rows = session.query("SELECT id FROM probe", {});
            if (!rows.has_value()) {
                return tl::unexpected(rows.error());
            }
            for (const auto& row : *rows) {
                ids.insert(row.integer(0));
            }
            return {};
        });
        EXPECT_TRUE(read.has_value());
        return ids;
    }

    std::filesystem::path directory_;
    std::optional<PostgresServer> postgres_;
    std::string url_;
    std::unique_ptr<Database> database_;
};

TEST_P(GroupCommitTest, ConcurrentTransactionsKeepTheirOwnOutcome) {
    // Every seventh transaction writes its row and then fails: its row must not stay, and the
    // transactions committed beside it must not notice.
    auto failsOnPurpose = [](std::int64_t id) { return id % 7 == 3; };
    std::atomic<int> wrongOutcomes{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kTransactionsPerThread; ++i) {
                const std::int64_t id = t * 1000 + i;
                std::int64_t seen = -1;
                auto done = database_->transaction([&](Session& session) -> core::Result<void> {
                    const std::vector<Param> params{Param::of(id), Param::of(t)};
                    if (auto inserted =
                            session.exec("INSERT INTO probe (id, owner) VALUES (?, ?)", params);
                        !inserted.has_value()) {
                        return inserted;
                    }
                    auto rows = session.query("SELECT owner FROM probe WHERE id = ?",
                                              std::vector<Param>{Param::of(id)});
                    if (!rows.has_value()) {
                        return tl::unexpected(rows.error());
                    }
                    seen = rows->empty() ? -1 : rows->front().integer(0);
                    if (failsOnPurpose(id)) {
                        return core::fail(core::Errc::InvalidState, "refused on purpose");
                    }
                    return {};
                });
                const bool expectedFailure = failsOnPurpose(id);
                if (done.has_value() == expectedFailure || seen != t ||
                    (expectedFailure && done.error().message != "refused on purpose")) {
                    ++wrongOutcomes;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(wrongOutcomes.load(), 0);

    std::set<std::int64_t> expected;
    for (int t = 0; t < kThreads; ++t) {
        for (int i = 0; i < kTransactionsPerThread; ++i) {
            if (!failsOnPurpose(t * 1000 + i)) {
                expected.insert(t * 1000 + i);
            }
        }
    }
    EXPECT_EQ(storedIds(*database_), expected);

    // Acknowledged means on disk: a fresh connection sees every row.
    database_.reset();
    auto reopened = Database::open(url_);
    ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
    EXPECT_EQ(storedIds(**reopened), expected);
}

TEST_P(GroupCommitTest, AStatementErrorFailsOnlyItsTransaction) {
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    std::atomic<int> successes{0};
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kTransactionsPerThread; ++i) {
                // Odd threads insert an id that an even thread owns: a constraint violation.
                const std::int64_t id = (t / 2) * 1000 + i;
                auto done = database_->transaction([&](Session& session) {
                    return session.exec("INSERT INTO probe (id, owner) VALUES (?, ?)",
                                        std::vector<Param>{Param::of(id), Param::of(t)});
                });
                done.has_value() ? ++successes : ++failures;
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(successes.load(), kThreads / 2 * kTransactionsPerThread);
    EXPECT_EQ(failures.load(), kThreads / 2 * kTransactionsPerThread);
    EXPECT_EQ(storedIds(*database_).size(),
              static_cast<std::size_t>(kThreads / 2 * kTransactionsPerThread));
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupCommitTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace balie::test
