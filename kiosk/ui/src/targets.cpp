// SPDX-License-Identifier: GPL-3.0-or-later
// The touch targets of the last frame, by name.
#include "balie/ui/targets.h"

#include <algorithm>

namespace balie::ui {

void TargetRegistry::add(std::string_view name, ImVec2 min, ImVec2 max) {
    targets_.push_back({std::string(name), min, max});
}

std::optional<ImVec2> TargetRegistry::center(std::string_view name) const {
    auto found = std::find_if(targets_.begin(), targets_.end(),
                              [name](const Target& target) { return target.name == name; });
    if (found == targets_.end()) {
        return std::nullopt;
    }
    return ImVec2((found->min.x + found->max.x) / 2, (found->min.y + found->max.y) / 2);
}

}  // namespace balie::ui
