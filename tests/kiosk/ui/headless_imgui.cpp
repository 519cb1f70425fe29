// SPDX-License-Identifier: GPL-3.0-or-later
// ImGui frames without a window or GPU, with the kiosk's fonts, for widget tests.
#include "headless_imgui.h"

#include <gtest/gtest.h>

namespace balie::test {

HeadlessImGui::HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0F / 60;
    metrics_ = ui::computeMetrics(141.0F, 1920, 1080);
    ui::applyTheme(metrics_, ImGui::GetStyle());
    auto fonts = ui::loadFonts(*io.Fonts, BALIE_UI_FONT_DIR, metrics_);
    EXPECT_TRUE(fonts.has_value()) << fonts.error().message;
    if (fonts.has_value()) {
        fonts_ = *fonts;
    }
}

HeadlessImGui::~HeadlessImGui() {
    ImGui::DestroyContext();
}

void HeadlessImGui::frame(const std::function<void()>& draw, ImVec2 pointer, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = pointer;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    targets_.clear();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    draw();
    ImGui::End();
    ImGui::EndFrame();
}

void HeadlessImGui::tap(const char* name, const std::function<void()>& draw) {
    std::optional<ImVec2> centre = targets_.center(name);
    ASSERT_TRUE(centre.has_value()) << "no target " << name;
    frame(draw, *centre, true);
    frame(draw, *centre, false);
    frame(draw);
}

}  // namespace balie::test
