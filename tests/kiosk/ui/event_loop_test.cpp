// SPDX-License-Identifier: GPL-3.0-or-later
// The UI thread sleeps until input, a deadline or a worker's wake-up.
#include "balie/ui/event_loop.h"

#include <gtest/gtest.h>

#include <thread>

namespace balie::ui {
namespace {

class EventLoopTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_EQ(SDL_Init(SDL_INIT_EVENTS), 0) << SDL_GetError(); }
    void TearDown() override { SDL_Quit(); }
};

TEST_F(EventLoopTest, SleepsUntilTheDeadlineWhenNothingHappens) {
    auto loop = EventLoop::create();
    ASSERT_TRUE(loop.has_value());
    std::vector<SDL_Event> events;
    auto start = Clock::now();
    EXPECT_FALSE(loop->wait(start + std::chrono::milliseconds(120), events));
    EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(120));
    EXPECT_TRUE(events.empty());
}

TEST_F(EventLoopTest, WakesUpWhenAWorkerThreadAsks) {
    auto loop = EventLoop::create();
    ASSERT_TRUE(loop.has_value());
    std::thread worker([&loop] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        loop->wake();
    });
    std::vector<SDL_Event> events;
    auto start = Clock::now();
    bool woke = loop->wait(start + std::chrono::seconds(10), events);
    worker.join();
    EXPECT_TRUE(woke);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
    ASSERT_EQ(events.size(), 1U);
    EXPECT_TRUE(loop->isWake(events[0]));
}

TEST_F(EventLoopTest, CollectsEveryQueuedEvent) {
    auto loop = EventLoop::create();
    ASSERT_TRUE(loop.has_value());
    loop->wake();
    loop->wake();
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    SDL_PushEvent(&quit);
    std::vector<SDL_Event> events;
    EXPECT_TRUE(loop->wait(std::nullopt, events));
    ASSERT_EQ(events.size(), 3U);
    EXPECT_FALSE(loop->isWake(events[2]));
    events.clear();
    loop->poll(events);
    EXPECT_TRUE(events.empty());
}

TEST_F(EventLoopTest, DoesNotWaitForADeadlineAlreadyPassed) {
    auto loop = EventLoop::create();
    ASSERT_TRUE(loop.has_value());
    std::vector<SDL_Event> events;
    auto start = Clock::now();
    EXPECT_FALSE(loop->wait(start - std::chrono::seconds(1), events));
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(100));
}

}  // namespace
}  // namespace balie::ui
