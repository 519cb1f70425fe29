// SPDX-License-Identifier: GPL-3.0-or-later
// Screen changes wait for the end of the frame; screens left behind are destroyed.
#include "balie/ui/navigator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace balie::ui {
namespace {

class NamedScreen final : public Screen {
public:
    NamedScreen(std::string name, std::vector<std::string>& destroyed)
        : name_(std::move(name)), destroyed_(destroyed) {}
    ~NamedScreen() override { destroyed_.push_back(name_); }
    std::string_view name() const override { return name_; }
    void draw(ScreenContext& /*context*/) override {}

private:
    std::string name_;
    std::vector<std::string>& destroyed_;
};

class NavigatorTest : public ::testing::Test {
protected:
    std::unique_ptr<Screen> screen(const char* name) {
        return std::make_unique<NamedScreen>(name, destroyed_);
    }
    std::string_view currentName() const {
        Screen* current = navigator_.current();
        return current != nullptr ? current->name() : "(none)";
    }
    std::vector<std::string> destroyed_;
    Navigator navigator_;
};

TEST_F(NavigatorTest, ChangesScreensOnlyWhenTheFrameEnds) {
    EXPECT_EQ(navigator_.current(), nullptr);
    navigator_.reset(screen("language"));
    EXPECT_EQ(navigator_.current(), nullptr);
    EXPECT_TRUE(navigator_.apply());
    EXPECT_EQ(currentName(), "language");
    navigator_.push(screen("start"));
    EXPECT_EQ(currentName(), "language");
    EXPECT_TRUE(navigator_.apply());
    EXPECT_EQ(currentName(), "start");
    EXPECT_EQ(navigator_.depth(), 2U);
    EXPECT_FALSE(navigator_.apply()) << "nothing asked, nothing changes";
}

TEST_F(NavigatorTest, DestroysTheScreenItLeaves) {
    navigator_.reset(screen("language"));
    navigator_.apply();
    navigator_.push(screen("pin"));
    navigator_.apply();
    navigator_.pop();
    EXPECT_TRUE(destroyed_.empty());
    EXPECT_TRUE(navigator_.apply());
    EXPECT_EQ(destroyed_, std::vector<std::string>{"pin"});
    EXPECT_EQ(currentName(), "language");
}

TEST_F(NavigatorTest, KeepsTheLastScreenOnPop) {
    navigator_.reset(screen("language"));
    navigator_.apply();
    navigator_.pop();
    EXPECT_FALSE(navigator_.apply());
    EXPECT_EQ(currentName(), "language");
    EXPECT_TRUE(destroyed_.empty());
}

TEST_F(NavigatorTest, ResetDropsEveryScreenNewestFirst) {
    navigator_.reset(screen("language"));
    navigator_.apply();
    navigator_.push(screen("start"));
    navigator_.apply();
    navigator_.push(screen("pin"));
    navigator_.apply();
    navigator_.reset(screen("home"));
    EXPECT_TRUE(navigator_.apply());
    EXPECT_EQ(destroyed_, (std::vector<std::string>{"pin", "start", "language"}));
    EXPECT_EQ(navigator_.depth(), 1U);
    EXPECT_EQ(currentName(), "home");
}

}  // namespace
}  // namespace balie::ui
