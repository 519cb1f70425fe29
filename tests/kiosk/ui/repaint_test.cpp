// SPDX-License-Identifier: GPL-3.0-or-later
// RepaintPlanner: a frame draws only its live part when nothing else differs from the frames the
// back buffer holds.
#include "balie/ui/repaint.h"

#include <gtest/gtest.h>

#include <functional>

#include "headless_imgui.h"

namespace balie::ui {
namespace {

const ScreenRect kPreview{ImVec2(1000, 200), ImVec2(1800, 700)};

class RepaintPlannerTest : public ::testing::Test {
protected:
    // One frame: the screen's still parts, a live picture of \a shade, and the planner's
    // decision for a back buffer of \a age.
    std::optional<ScreenRect> frame(int age, ImU32 shade, ImVec2 buttonAt = ImVec2(100, 900),
                                    std::optional<ScreenRect> live = kPreview) {
        ImGui::NewFrame();
        ImDrawList& draw = *ImGui::GetForegroundDrawList();
        draw.AddRectFilled(buttonAt, ImVec2(buttonAt.x + 300, buttonAt.y + 120),
                           IM_COL32(0, 50, 120, 255), 8.0F);
        draw.AddText(ImVec2(120, 60), IM_COL32(0, 0, 0, 255), "Place the document");
        if (live) {
            planner_.markLive(*live);
            draw.AddRectFilled(ImVec2(live->min.x + 10, live->min.y + 10),
                               ImVec2(live->max.x - 10, live->max.y - 10), shade);
        }
        ImGui::Render();
        return planner_.plan(*ImGui::GetDrawData(), age);
    }

    test::HeadlessImGui imgui_;
    RepaintPlanner planner_;
};

TEST_F(RepaintPlannerTest, ANewPictureAloneRedrawsOnlyThePreview) {
    EXPECT_FALSE(frame(1, IM_COL32(10, 10, 10, 255))) << "nothing to build on yet";
    const auto second = frame(1, IM_COL32(200, 200, 200, 255));
    ASSERT_TRUE(second);
    EXPECT_EQ(*second, kPreview);
    EXPECT_TRUE(frame(1, IM_COL32(90, 90, 90, 255)));
}

TEST_F(RepaintPlannerTest, AfterTheWindowLostItsPictureTheNextFrameIsDrawnInFull) {
    frame(1, IM_COL32(10, 10, 10, 255));
    frame(1, IM_COL32(20, 20, 20, 255));
    planner_.forget();
    EXPECT_FALSE(frame(1, IM_COL32(30, 30, 30, 255)));
    EXPECT_TRUE(frame(1, IM_COL32(40, 40, 40, 255)));
}

TEST_F(RepaintPlannerTest, AChangeOutsideThePreviewRedrawsEverything) {
    frame(1, IM_COL32(10, 10, 10, 255));
    EXPECT_FALSE(frame(1, IM_COL32(10, 10, 10, 255), ImVec2(100, 880))) << "the button moved";
    EXPECT_TRUE(frame(1, IM_COL32(20, 20, 20, 255), ImVec2(100, 880)));
}

TEST_F(RepaintPlannerTest, SomethingReachingIntoThePreviewCountsAsOutside) {
    // A button straddling the preview's edge: only its inside part would be drawn again.
    frame(1, IM_COL32(10, 10, 10, 255), ImVec2(900, 300));
    EXPECT_FALSE(frame(1, IM_COL32(10, 10, 10, 255), ImVec2(905, 300)));
}

TEST_F(RepaintPlannerTest, ABackBufferOfUnknownContentsIsDrawnInFull) {
    frame(0, IM_COL32(10, 10, 10, 255));
    EXPECT_FALSE(frame(0, IM_COL32(20, 20, 20, 255)));
}

TEST_F(RepaintPlannerTest, AnOlderBackBufferNeedsAsManySameFrames) {
    frame(2, IM_COL32(10, 10, 10, 255));
    EXPECT_FALSE(frame(2, IM_COL32(20, 20, 20, 255))) << "the buffer is from before the first";
    EXPECT_TRUE(frame(2, IM_COL32(30, 30, 30, 255)));
}

TEST_F(RepaintPlannerTest, APreviewThatMovesRedrawsEverything) {
    frame(1, IM_COL32(10, 10, 10, 255));
    const ScreenRect moved{ImVec2(1000, 250), ImVec2(1800, 750)};
    EXPECT_FALSE(frame(1, IM_COL32(10, 10, 10, 255), ImVec2(100, 900), moved));
}

TEST_F(RepaintPlannerTest, AScreenWithoutLivePartsIsAlwaysDrawnInFull) {
    frame(1, 0, ImVec2(100, 900), std::nullopt);
    EXPECT_FALSE(frame(1, 0, ImVec2(100, 900), std::nullopt));
}

TEST_F(RepaintPlannerTest, ClippingKeepsEveryCommandInsideThePreview) {
    frame(1, IM_COL32(10, 10, 10, 255));
    ImDrawData& data = *ImGui::GetDrawData();
    RepaintPlanner::clipTo(data, kPreview);
    ASSERT_GT(data.CmdListsCount, 0);
    for (int list = 0; list < data.CmdListsCount; ++list) {
        for (const ImDrawCmd& command : data.CmdLists[list]->CmdBuffer) {
            EXPECT_GE(command.ClipRect.x, kPreview.min.x);
            EXPECT_GE(command.ClipRect.y, kPreview.min.y);
            EXPECT_LE(command.ClipRect.z, kPreview.max.x);
            EXPECT_LE(command.ClipRect.w, kPreview.max.y);
        }
    }
}

}  // namespace
}  // namespace balie::ui
