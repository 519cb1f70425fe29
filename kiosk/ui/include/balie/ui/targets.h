// SPDX-License-Identifier: GPL-3.0-or-later
// Where each touch target was drawn in the last frame, by a stable name.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace balie::ui {

/// \brief Names ("language.fr", "pin.5", "key.shift") of the touch targets of the last frame
/// with their rectangles, so scripts can tap a button wherever the layout put it.
///
/// Names are fixed identifiers, not translated labels.
class TargetRegistry {
public:
    /// \brief Forgets the previous frame's targets; called when a frame starts.
    void clear() { targets_.clear(); }

    void add(std::string_view name, ImVec2 min, ImVec2 max);

    /// \brief The centre of target \a name, nullopt when the last frame did not draw it.
    std::optional<ImVec2> center(std::string_view name) const;

private:
    struct Target {
        std::string name;
        ImVec2 min;
        ImVec2 max;
    };
    std::vector<Target> targets_;
};

}  // namespace balie::ui
