// SPDX-License-Identifier: GPL-3.0-or-later
// Touch widgets drawn with ImGui: large buttons and text in the kiosk's theme.
#pragma once

#include <imgui.h>

#include <string_view>

#include "balie/ui/fonts.h"
#include "balie/ui/repaint.h"
#include "balie/ui/targets.h"
#include "balie/ui/theme.h"

namespace balie::ui {

/// \brief What every widget needs: sizes, fonts and the registry its targets go to.
struct Ui {
    const Metrics& metrics;
    const Fonts& fonts;
    TargetRegistry& targets;
    RepaintPlanner* repaint;  ///< told which parts change by themselves; may be null
};

enum class ButtonKind {
    Primary,    ///< the action the screen is about
    Secondary,  ///< other choices
    Selected,   ///< a choice that is currently on (the current language)
    Disabled,   ///< shown but not tappable
};

/// \brief A button of \a size at the cursor, registered as target \a name.
/// \return true on the frame the finger is lifted over it (never for ButtonKind::Disabled).
bool button(Ui& ui, std::string_view name, const char* label, ImVec2 size,
            ButtonKind kind = ButtonKind::Secondary, ImFont* font = nullptr);

/// \brief \a text in \a font, wrapped to \a width and centred in it, at the cursor.
void centredText(const char* text, ImFont* font, float width, ImVec4 colour);
/// \brief The height centredText() takes for \a text; every line of it is wrapped on its own.
float centredTextHeight(const char* text, ImFont* font, float width);

/// \brief A band across the window with \a text on \a background, \a height high.
void banner(Ui& ui, const char* text, Rgb background, Rgb foreground, float height);

}  // namespace balie::ui
