// SPDX-License-Identifier: GPL-3.0-or-later
// Pointer transitions queued from SDL events and handed to ImGui one per frame.
#include "balie/ui/pointer_input.h"

namespace balie::ui {

bool PointerInput::handle(const SDL_Event& event) {
    switch (event.type) {
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: {
            if (event.button.button != SDL_BUTTON_LEFT) {
                return false;
            }
            ImVec2 position(static_cast<float>(event.button.x), static_cast<float>(event.button.y));
            transitions_.push_back({event.type == SDL_MOUSEBUTTONDOWN, position, false});
            return true;
        }
        case SDL_MOUSEMOTION: {
            bool held = transitions_.empty() ? down_ : transitions_.back().down;
            if (!held) {
                return true;  // no hover on a touchscreen
            }
            ImVec2 position(static_cast<float>(event.motion.x), static_cast<float>(event.motion.y));
            if (transitions_.empty()) {
                position_ = position;
            } else if (transitions_.back().motion) {
                transitions_.back().position = position;
            } else {
                transitions_.push_back({true, position, true});
            }
            return true;
        }
        default:
            return false;
    }
}

void PointerInput::feed(ImGuiIO& io) {
    if (!transitions_.empty()) {
        Transition transition = transitions_.front();
        transitions_.pop_front();
        down_ = transition.down;
        position_ = transition.position;
        clearAfterRelease_ = !transition.down;
    } else if (clearAfterRelease_) {
        // The release frame kept the position so the button under the finger fires; from now
        // on nothing is under the pointer, so nothing looks hovered.
        position_ = ImVec2(-FLT_MAX, -FLT_MAX);
        clearAfterRelease_ = false;
    }
    io.MousePos = position_;
    io.MouseDown[0] = down_;
    io.MouseDown[1] = false;
    io.MouseDown[2] = false;
}

}  // namespace balie::ui
