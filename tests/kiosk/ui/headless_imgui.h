// SPDX-License-Identifier: GPL-3.0-or-later
// ImGui frames without a window or GPU, with the kiosk's fonts, for widget tests.
#pragma once

#include <imgui.h>

#include <functional>

#include "balie/ui/fonts.h"
#include "balie/ui/targets.h"
#include "balie/ui/theme.h"
#include "balie/ui/widgets.h"

namespace balie::test {

/// \brief An ImGui context with the kiosk's theme and fonts at 1920x1080 and 141 dpi; frames are
/// laid out and hit-tested as on screen, only never drawn.
class HeadlessImGui {
public:
    HeadlessImGui();
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;
    ~HeadlessImGui();

    /// \brief Runs one frame with the pointer at \a pointer (held when \a down); \a draw draws
    /// into a full-screen window.
    void frame(const std::function<void()>& draw, ImVec2 pointer = ImVec2(-FLT_MAX, -FLT_MAX),
               bool down = false);

    /// \brief A finger tap at the centre of target \a name of the last frame: press, release,
    /// then a frame without pointer. Fails the test when the target was not drawn.
    void tap(const char* name, const std::function<void()>& draw);

    ui::Ui& ui() { return ui_; }

private:
    ui::Metrics metrics_;
    ui::Fonts fonts_;
    ui::TargetRegistry targets_;
    ui::Ui ui_{metrics_, fonts_, targets_, nullptr};
};

}  // namespace balie::test
