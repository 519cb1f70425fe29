// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "process.h"

namespace balie::test {
namespace {

TEST(CliUsageTest, WithoutArgumentsPrintsUsageAndFails) {
    ProcessResult result = runProcess(BALIE_CLI_PATH, {});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_NE(result.err.find("usage:"), std::string::npos);
    EXPECT_TRUE(result.out.empty());
}

TEST(CliUsageTest, HelpListsEverySubcommand) {
    ProcessResult result = runProcess(BALIE_CLI_PATH, {"--help"});
    EXPECT_EQ(result.exitCode, 0);
    EXPECT_NE(result.out.find("balie insz check"), std::string::npos);
    EXPECT_NE(result.out.find("balie mrz parse"), std::string::npos);
}

TEST(CliUsageTest, UnknownCommandIsAUsageError) {
    ProcessResult result = runProcess(BALIE_CLI_PATH, {"frobnicate", "now"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.err.rfind("balie: unknown command 'frobnicate now'\n", 0), 0u) << result.err;
}

}  // namespace
}  // namespace balie::test
