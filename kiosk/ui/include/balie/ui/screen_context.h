// SPDX-License-Identifier: GPL-3.0-or-later
// What a screen can reach while it draws.
#pragma once

#include <imgui.h>

#include "balie/ui/card_login.h"
#include "balie/ui/event_loop.h"
#include "balie/ui/keyboard.h"
#include "balie/ui/navigator.h"
#include "balie/ui/translator.h"
#include "balie/ui/widgets.h"

namespace balie::ui {

/// \brief The kiosk's services, handed to the current screen each frame. UI thread only.
struct ScreenContext {
    Ui& ui;
    Translator& i18n;
    Navigator& navigator;
    CardLogin& card;
    const EventLoop& loop;  ///< wake() it when a worker's result must be shown
    bool demo = false;
    KeyboardLayout keyboard = KeyboardLayout::AzertyBelgian;
    ImVec2 size;  ///< the window's size in pixels
};

}  // namespace balie::ui
