// SPDX-License-Identifier: GPL-3.0-or-later
// `balie queue list`: an empty queue, options, and a store it cannot open.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "process.h"

namespace balie::test {
namespace {

class QueueListTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "balie-cli-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;
};

TEST_F(QueueListTest, AnEmptyQueueIsAnEmptyList) {
    const auto json =
        runProcess(BALIE_CLI_PATH, {"queue", "list", "--json", "--store", dir_.string()});
    EXPECT_EQ(json.exitCode, 0) << json.err;
    EXPECT_EQ(json.out, "[]\n");
    const auto text = runProcess(BALIE_CLI_PATH, {"queue", "list", "--store", dir_.string()});
    EXPECT_EQ(text.exitCode, 0) << text.err;
    EXPECT_EQ(text.out, "");
}

TEST_F(QueueListTest, TheStoreDirectoryComesFromTheEnvironmentToo) {
    const auto result = runProcess("/usr/bin/env", {"BALIE_STORE_DIR=" + dir_.string(),
                                                    BALIE_CLI_PATH, "queue", "list", "--json"});
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_TRUE(std::filesystem::exists(dir_ / "requests.db"));
}

TEST_F(QueueListTest, UsageErrorsAndUnreadableStoresExitTwo) {
    EXPECT_EQ(runProcess(BALIE_CLI_PATH, {"queue", "list", "--colour", "--store", dir_.string()})
                  .exitCode,
              2);
    EXPECT_EQ(runProcess(BALIE_CLI_PATH, {"queue", "list", "--store"}).exitCode, 2);
    std::filesystem::create_directories(dir_ / "broken");
    std::ofstream(dir_ / "broken" / "requests.db") << "this is not a database, just text........";
    const auto broken =
        runProcess(BALIE_CLI_PATH, {"queue", "list", "--store", (dir_ / "broken").string()});
    EXPECT_EQ(broken.exitCode, 2);
    EXPECT_NE(broken.err.find("balie: "), std::string::npos);
    EXPECT_EQ(broken.err.find('\n'), broken.err.size() - 1) << "one line: " << broken.err;
}

}  // namespace
}  // namespace balie::test
