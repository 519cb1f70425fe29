// SPDX-License-Identifier: GPL-3.0-or-later
// Touch input as ImGui needs it: short taps register, nothing stays hovered.
#include "balie/ui/pointer_input.h"

#include <gtest/gtest.h>

#include "headless_imgui.h"

namespace balie::ui {
namespace {

SDL_Event buttonEvent(Uint32 type, int x, int y, Uint8 button = SDL_BUTTON_LEFT) {
    SDL_Event event{};
    event.type = type;
    event.button.which = SDL_TOUCH_MOUSEID;
    event.button.button = button;
    event.button.x = x;
    event.button.y = y;
    return event;
}

SDL_Event motionEvent(int x, int y) {
    SDL_Event event{};
    event.type = SDL_MOUSEMOTION;
    event.motion.which = SDL_TOUCH_MOUSEID;
    event.motion.x = x;
    event.motion.y = y;
    return event;
}

TEST(PointerInputTest, DeliversATapShorterThanAFrameOverThreeFrames) {
    PointerInput pointer;
    EXPECT_TRUE(pointer.handle(buttonEvent(SDL_MOUSEBUTTONDOWN, 100, 200)));
    EXPECT_TRUE(pointer.handle(buttonEvent(SDL_MOUSEBUTTONUP, 100, 200)));
    ImGuiIO io;
    pointer.feed(io);
    EXPECT_TRUE(io.MouseDown[0]);
    EXPECT_EQ(io.MousePos.x, 100);
    EXPECT_TRUE(pointer.pending());
    pointer.feed(io);
    EXPECT_FALSE(io.MouseDown[0]);
    EXPECT_EQ(io.MousePos.y, 200) << "the release lands where the finger left";
    EXPECT_TRUE(pointer.pending());
    pointer.feed(io);
    EXPECT_EQ(io.MousePos.x, -FLT_MAX) << "no hover after the finger left";
    EXPECT_FALSE(pointer.pending());
}

TEST(PointerInputTest, HasNoHoverWithoutAFingerDown) {
    PointerInput pointer;
    EXPECT_TRUE(pointer.handle(motionEvent(300, 300)));
    EXPECT_FALSE(pointer.pending());
    ImGuiIO io;
    pointer.feed(io);
    EXPECT_EQ(io.MousePos.x, -FLT_MAX);
    EXPECT_FALSE(io.MouseDown[0]);
}

TEST(PointerInputTest, FollowsAFingerThatMovesWhileDown) {
    PointerInput pointer;
    pointer.handle(buttonEvent(SDL_MOUSEBUTTONDOWN, 10, 10));
    pointer.handle(motionEvent(20, 10));
    pointer.handle(motionEvent(30, 10));
    ImGuiIO io;
    pointer.feed(io);
    EXPECT_EQ(io.MousePos.x, 10) << "the press happens where the finger landed";
    pointer.feed(io);
    EXPECT_EQ(io.MousePos.x, 30) << "moves between frames are merged";
    EXPECT_TRUE(io.MouseDown[0]);
    pointer.handle(motionEvent(40, 10));
    pointer.feed(io);
    EXPECT_EQ(io.MousePos.x, 40);
    EXPECT_FALSE(pointer.pending());
}

TEST(PointerInputTest, IgnoresOtherButtonsAndEvents) {
    PointerInput pointer;
    EXPECT_FALSE(pointer.handle(buttonEvent(SDL_MOUSEBUTTONDOWN, 1, 1, SDL_BUTTON_RIGHT)));
    SDL_Event key{};
    key.type = SDL_KEYDOWN;
    EXPECT_FALSE(pointer.handle(key));
    EXPECT_FALSE(pointer.pending());
}

TEST(PointerInputTest, ATapWithinOneFrameClicksAButton) {
    test::HeadlessImGui imgui;
    PointerInput pointer;
    int clicks = 0;
    auto draw = [&] {
        ImGui::SetCursorScreenPos(ImVec2(100, 100));
        if (button(imgui.ui(), "ok", "OK", ImVec2(200, 100))) {
            ++clicks;
        }
    };
    auto frame = [&] {
        ImGuiIO& io = ImGui::GetIO();
        pointer.feed(io);
        imgui.frame(draw, io.MousePos, io.MouseDown[0]);
    };
    frame();
    pointer.handle(buttonEvent(SDL_MOUSEBUTTONDOWN, 150, 150));
    pointer.handle(buttonEvent(SDL_MOUSEBUTTONUP, 150, 150));
    while (pointer.pending()) {
        frame();
    }
    EXPECT_EQ(clicks, 1);
    // ImGui reports the previous frame's hover too: one frame later nothing looks touched.
    frame();
    EXPECT_FALSE(ImGui::IsAnyItemHovered());
    EXPECT_EQ(clicks, 1);
}

}  // namespace
}  // namespace balie::ui
