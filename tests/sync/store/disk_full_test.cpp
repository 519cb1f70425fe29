// SPDX-License-Identifier: GPL-3.0-or-later
// A full disk or an I/O error while saving: a clear error, and everything stored before stays
// readable.
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "balie/sync/sqlite_request_store.h"
#include "fault_vfs.h"
#include "store_fixture.h"

namespace balie::test {
namespace {

constexpr long kSqliteFull = 13;
constexpr long kSqliteIoErr = 10;
constexpr int kSkipExitCode = 77;

// Fills the store at `options` until a submit fails, then checks the failure and that everything
// acknowledged before is intact. Returns what went wrong, empty when all is well. Plain checks
// instead of GoogleTest assertions, because it also runs in a forked child.
std::string fillUntilFullAndCheck(const sync::StoreOptions& options) {
    std::vector<std::string> stored;
    core::Error failure{};
    {
        auto store = sync::SqliteRequestStore::open(options);
        if (!store.has_value()) {
            return "open: " + store.error().message;
        }
        for (int i = 0; i < 200; ++i) {
            auto request =
                (*store)->submit(fullDraft(), examplePages(2, 64 * 1024), exampleSubmitTime());
            if (!request.has_value()) {
                failure = request.error();
                break;
            }
            stored.push_back(request->localId);
        }
        if (failure.message.empty()) {
            return "200 requests fitted; the disk never filled up";
        }
        if (stored.empty()) {
            return "not even one request fitted: " + failure.message;
        }
        if (failure.code != core::Errc::Storage || (failure.native & 0xff) != kSqliteFull) {
            return "expected a storage error with SQLITE_FULL, got: " + failure.message;
        }
        if (failure.message.find("disk full while saving request ") != 0 ||
            failure.message.find("nothing was lost") == std::string::npos) {
            return "unclear message: " + failure.message;
        }
        // Still readable from the same connection, page images included.
        for (const auto& id : stored) {
            if (!(*store)->load(id).has_value() || !(*store)->loadPage(id, "page-2").has_value()) {
                return "request " + id + " unreadable after the disk filled up";
            }
        }
    }
    auto reopened = sync::SqliteRequestStore::open(options);
    if (!reopened.has_value()) {
        return "reopen: " + reopened.error().message;
    }
    auto listed = (*reopened)->list({std::nullopt, std::nullopt, 1000});
    if (!listed.has_value() || listed->requests.size() != stored.size()) {
        return "after reopening, the list does not hold exactly the stored requests";
    }
    auto outbox = (*reopened)->outbox();
    if (!outbox.has_value() || outbox->size() != stored.size()) {
        return "after reopening, the outbox does not hold exactly the stored requests";
    }
    for (const auto& id : stored) {
        auto page = (*reopened)->loadPage(id, "page-1");
        if (!page.has_value() || *page != examplePages(2, 64 * 1024)[0].encoded) {
            return "request " + id + " lost its page after reopening";
        }
    }
    const auto integrity = integrityCheck(options.databasePath);
    return integrity == "ok" ? std::string() : "integrity_check: " + integrity;
}

TEST(StoreDiskFullTest, DatabaseSizeLimitReportsDiskFullAndKeepsEarlierRequests) {
    TempDir dir;
    auto options = storeOptionsIn(dir.path());
    options.maxDatabaseBytes = 1024 * 1024;
    EXPECT_EQ(fillUntilFullAndCheck(options), "");

    // Without the limit the same file takes new requests again.
    options.maxDatabaseBytes = 0;
    auto store = sync::SqliteRequestStore::open(options);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    EXPECT_TRUE(
        (*store)->submit(fullDraft(), examplePages(2, 64 * 1024), exampleSubmitTime()).has_value());
}

// A real full file system: a 1 MiB tmpfs mounted in a private mount namespace of a child process.
// Needs CAP_SYS_ADMIN (root, or a user namespace); skipped without it.
TEST(StoreDiskFullTest, FullFileSystemReportsDiskFullAndKeepsEarlierRequests) {
    TempDir dir;
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        if (::unshare(CLONE_NEWNS) != 0 ||
            ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
            ::mount("tmpfs", dir.path().c_str(), "tmpfs", 0, "size=1m,mode=0700") != 0) {
            ::_exit(kSkipExitCode);
        }
        const std::string problem = fillUntilFullAndCheck(storeOptionsIn(dir.path()));
        if (!problem.empty()) {
            std::cerr << problem << std::endl;
        }
        ::umount(dir.path().c_str());
        ::_exit(problem.empty() ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status)) << "the child died from signal " << WTERMSIG(status);
    if (WEXITSTATUS(status) == kSkipExitCode) {
        GTEST_SKIP() << "cannot mount a tmpfs in a private mount namespace here";
    }
    EXPECT_EQ(WEXITSTATUS(status), 0) << "see the child's message above";
}

class StoreIoErrorTest : public ::testing::TestWithParam<DiskFault> {};

TEST_P(StoreIoErrorTest, FailedDiskReportsAnIoErrorAndKeepsEarlierRequests) {
    installFaultVfs();
    TempDir dir;
    const auto options = storeOptionsIn(dir.path());
    std::vector<std::string> stored;
    {
        auto store = sync::SqliteRequestStore::open(options);
        ASSERT_TRUE(store.has_value()) << store.error().message;
        for (int i = 0; i < 3; ++i) {
            auto request = (*store)->submit(fullDraft(), examplePages(1), exampleSubmitTime());
            ASSERT_TRUE(request.has_value()) << request.error().message;
            stored.push_back(request->localId);
        }

        armDiskFault(GetParam());
        auto failed = (*store)->submit(fullDraft(), examplePages(1), exampleSubmitTime());
        armDiskFault(DiskFault::None);
        ASSERT_FALSE(failed.has_value());
        EXPECT_EQ(failed.error().code, core::Errc::Storage);
        EXPECT_EQ(failed.error().native & 0xff, kSqliteIoErr);
        EXPECT_EQ(failed.error().message.find("I/O error while saving request "), 0u)
            << failed.error().message;
        EXPECT_NE(failed.error().message.find("was lost"), std::string::npos)
            << failed.error().message;

        // The same connection goes on once the disk works again.
        for (const auto& id : stored) {
            EXPECT_TRUE((*store)->load(id).has_value()) << id;
        }
        auto again = (*store)->submit(fullDraft(), examplePages(1), exampleSubmitTime());
        ASSERT_TRUE(again.has_value()) << again.error().message;
        stored.push_back(again->localId);
    }

    auto reopened = sync::SqliteRequestStore::open(options);
    ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
    auto listed = (*reopened)->list({std::nullopt, std::nullopt, 100});
    ASSERT_TRUE(listed.has_value()) << listed.error().message;
    EXPECT_EQ(listed->requests.size(), stored.size());
    for (const auto& id : stored) {
        EXPECT_TRUE((*reopened)->loadPage(id, "page-1").has_value()) << id;
    }
    EXPECT_EQ((*reopened)->outbox().value().size(), listed->requests.size());
    EXPECT_EQ(integrityCheck(options.databasePath), "ok");
}

INSTANTIATE_TEST_SUITE_P(DiskFaults, StoreIoErrorTest,
                         ::testing::Values(DiskFault::Write, DiskFault::Sync),
                         [](const ::testing::TestParamInfo<DiskFault>& param) {
                             return param.param == DiskFault::Write ? std::string("Write")
                                                                    : std::string("Sync");
                         });

}  // namespace
}  // namespace balie::test
