// SPDX-License-Identifier: GPL-3.0-or-later
// What a screen can reach while it draws.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "balie/core/clock.h"
#include "balie/core/request.h"
#include "balie/core/request_store.h"
#include "balie/core/sync_service.h"
#include "balie/ui/agent_preferences.h"
#include "balie/ui/card_login.h"
#include "balie/ui/demo_key.h"
#include "balie/ui/document_camera.h"
#include "balie/ui/event_loop.h"
#include "balie/ui/keyboard.h"
#include "balie/ui/navigator.h"
#include "balie/ui/translator.h"
#include "balie/ui/widgets.h"

namespace balie::ui {

/// \brief The agent who is logged in. Never their national number.
struct AgentSession {
    core::Requester requester;
    bool firstLogin = false;  ///< the tour starts by itself
    /// CardLogin::insertions() at login: another value means the card was taken out meanwhile.
    /// Empty after a digital key login: no card holds the session, the idle timeout and logout
    /// end it.
    std::optional<unsigned> cardInsertions;
    /// Final answers shown among the notifications during this session (local ids).
    std::set<std::string> newAnswers;
};

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
    /// Set after login, cleared (and the screens reset) at logout, idle timeout or card removal.
    std::optional<AgentSession>& session;
    /// The kiosk's services; nullptr when not configured (screens then say so and stay usable).
    core::RequestStore* store = nullptr;
    core::SyncService* sync = nullptr;
    DocumentCamera* camera = nullptr;
    const core::Clock* clock = nullptr;
    /// Agents' choices between logins (tour seen, welcome message, answers seen).
    AgentPreferences* preferences = nullptr;
    /// Grows whenever the sync service reports a change: screens showing requests reload then.
    std::uint64_t dataVersion = 0;
    /// The demo agent's digital key in demo mode; nullptr otherwise.
    const DemoDigitalKey* demoKey = nullptr;
};

}  // namespace balie::ui
