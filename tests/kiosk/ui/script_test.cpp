// SPDX-License-Identifier: GPL-3.0-or-later
// Kiosk scripts: the commands, comments, and errors that name their line.
#include "balie/ui/script.h"

#include <gtest/gtest.h>

namespace balie::ui {
namespace {

TEST(ScriptTest, ParsesEveryCommand) {
    auto steps = parseScript(
        "# a test\n"
        "tap language.fr\n"
        "tap 10 20.5\n"
        "\n"
        "wait 250   # settle\n"
        "screenshot start-fr\n"
        "expect start\n"
        "frames\n"
        "quit\n");
    ASSERT_TRUE(steps.has_value()) << steps.error().message;
    ASSERT_EQ(steps->size(), 7U);
    EXPECT_EQ((*steps)[0].kind, ScriptStep::Kind::TapTarget);
    EXPECT_EQ((*steps)[0].argument, "language.fr");
    EXPECT_EQ((*steps)[0].line, 2);
    EXPECT_EQ((*steps)[1].kind, ScriptStep::Kind::TapPoint);
    EXPECT_EQ((*steps)[1].x, 10.0F);
    EXPECT_EQ((*steps)[1].y, 20.5F);
    EXPECT_EQ((*steps)[2].kind, ScriptStep::Kind::Wait);
    EXPECT_EQ((*steps)[2].milliseconds, 250);
    EXPECT_EQ((*steps)[2].line, 5);
    EXPECT_EQ((*steps)[3].kind, ScriptStep::Kind::Screenshot);
    EXPECT_EQ((*steps)[3].argument, "start-fr");
    EXPECT_EQ((*steps)[4].kind, ScriptStep::Kind::Expect);
    EXPECT_EQ((*steps)[5].kind, ScriptStep::Kind::Frames);
    EXPECT_EQ((*steps)[6].kind, ScriptStep::Kind::Quit);
}

TEST(ScriptTest, AcceptsAnEmptyScript) {
    auto steps = parseScript("# nothing\n\n");
    ASSERT_TRUE(steps.has_value());
    EXPECT_TRUE(steps->empty());
}

TEST(ScriptTest, NamesTheLineOfABadCommand) {
    auto unknown = parseScript("tap language.nl\nswipe left\n");
    ASSERT_FALSE(unknown.has_value());
    EXPECT_EQ(unknown.error().code, core::Errc::InvalidFormat);
    EXPECT_EQ(unknown.error().message, "script line 2: unknown command 'swipe' with 1 argument(s)");
    EXPECT_EQ(parseScript("quit now").error().message,
              "script line 1: unknown command 'quit' with 1 argument(s)");
}

TEST(ScriptTest, RejectsBadArguments) {
    EXPECT_EQ(parseScript("tap -5 10").error().message,
              "script line 1: tap needs a target name or X Y pixels");
    EXPECT_EQ(parseScript("tap ten 10").error().message,
              "script line 1: tap needs a target name or X Y pixels");
    EXPECT_EQ(parseScript("wait soon").error().message,
              "script line 1: wait needs 0 to 600000 milliseconds");
    EXPECT_EQ(parseScript("wait 700000").error().message,
              "script line 1: wait needs 0 to 600000 milliseconds");
}

TEST(ScriptTest, AwaitsAScreenOrATargetForAtMostItsSeconds) {
    auto steps = parseScript("await start\nawait page.1 300\n");
    ASSERT_TRUE(steps.has_value()) << steps.error().message;
    ASSERT_EQ(steps->size(), 2U);
    EXPECT_EQ((*steps)[0].kind, ScriptStep::Kind::Await);
    EXPECT_EQ((*steps)[0].argument, "start");
    EXPECT_EQ((*steps)[0].milliseconds, 60000);
    EXPECT_EQ((*steps)[1].argument, "page.1");
    EXPECT_EQ((*steps)[1].milliseconds, 300000);
    EXPECT_EQ(parseScript("await start soon").error().message,
              "script line 1: await needs 1 to 3600 seconds");
    EXPECT_EQ(parseScript("await start 0").error().message,
              "script line 1: await needs 1 to 3600 seconds");
}

TEST(ScriptTest, KeepsScreenshotsInsideTheirDirectory) {
    for (const char* name : {"../escape", "/tmp/x", "..", "a b"}) {
        auto steps = parseScript(std::string("screenshot ") + name);
        EXPECT_FALSE(steps.has_value()) << name;
    }
    EXPECT_EQ(parseScript("screenshot ../x").error().message,
              "script line 1: a screenshot name has only letters, digits, '-', '_' and '.'");
}

}  // namespace
}  // namespace balie::ui
