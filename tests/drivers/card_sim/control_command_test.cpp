// SPDX-License-Identifier: GPL-3.0-or-later
// Control lines of balie-card-sim.
#include "control_command.h"

#include <gtest/gtest.h>

namespace balie::cardsim {
namespace {

using Kind = ControlCommand::Kind;

TEST(ControlCommandTest, ParsesEveryCommand) {
    EXPECT_EQ(parseControlCommand("remove")->kind, Kind::Remove);
    EXPECT_EQ(parseControlCommand("  insert \r")->kind, Kind::Insert);
    EXPECT_EQ(parseControlCommand("quit")->kind, Kind::Quit);
    EXPECT_EQ(parseControlCommand("tamper identity")->kind, Kind::TamperIdentity);
    auto glitch = parseControlCommand("glitch 6c");
    ASSERT_TRUE(glitch.has_value());
    EXPECT_EQ(glitch->kind, Kind::Glitch);
    EXPECT_EQ(glitch->glitch, Glitch::WrongLength);
    EXPECT_EQ(parseControlCommand("glitch 61")->glitch, Glitch::GetResponse);
    EXPECT_EQ(parseControlCommand("glitch   6b00-midfile")->glitch, Glitch::EndOfFileMidFile);
    auto removeAfter = parseControlCommand("remove-after 12");
    ASSERT_TRUE(removeAfter.has_value());
    EXPECT_EQ(removeAfter->kind, Kind::RemoveAfter);
    EXPECT_EQ(removeAfter->count, 12);
}

TEST(ControlCommandTest, RejectsUnknownCommandsAndArguments) {
    auto unknown = parseControlCommand("eject");
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, core::Errc::InvalidArgument);
    EXPECT_NE(unknown.error().message.find("unknown command 'eject'"), std::string::npos);
    EXPECT_EQ(parseControlCommand("glitch 6d").error().message,
              "unknown glitch '6d' (6c, 61 or 6b00-midfile)");
    EXPECT_FALSE(parseControlCommand("glitch").has_value());
    EXPECT_FALSE(parseControlCommand("tamper address").has_value());
    EXPECT_FALSE(parseControlCommand("remove now").has_value());
    EXPECT_EQ(parseControlCommand("remove-after x").error().message,
              "remove-after needs a count of APDUs, not 'x'");
    EXPECT_FALSE(parseControlCommand("remove-after -1").has_value());
    EXPECT_FALSE(parseControlCommand("remove-after 3x").has_value());
    EXPECT_FALSE(parseControlCommand("").has_value());
}

}  // namespace
}  // namespace balie::cardsim
