// SPDX-License-Identifier: GPL-3.0-or-later
// Finger and mouse input fed to ImGui the way a touchscreen needs it.
#pragma once

#include <SDL.h>
#include <imgui.h>

#include <deque>

namespace balie::ui {

/// \brief Feeds ImGui one pointer transition per frame from SDL's mouse button and motion
/// events (which SDL also sends for a finger).
///
/// ImGui 1.86's SDL backend reads the pointer from SDL's global state and has no touch support
/// (kiosk.md §5); this class replaces its mouse part so that: a tap shorter than a frame still
/// registers (press and release arrive in separate frames); the release lands where the finger
/// left; there is no hover, because after the release the pointer is taken away.
class PointerInput {
public:
    /// \brief Takes a left-button press, release or motion. \return false for other events.
    bool handle(const SDL_Event& event);

    /// \brief Sets io.MousePos and io.MouseDown[0] for the frame about to start.
    void feed(ImGuiIO& io);

    /// \brief True while transitions wait for frames: keep rendering until it turns false.
    bool pending() const { return !transitions_.empty() || clearAfterRelease_; }

private:
    struct Transition {
        bool down;
        ImVec2 position;
        bool motion;  ///< a move while held, which later moves may overwrite
    };
    std::deque<Transition> transitions_;
    bool down_ = false;
    ImVec2 position_{-FLT_MAX, -FLT_MAX};
    bool clearAfterRelease_ = false;
};

}  // namespace balie::ui
