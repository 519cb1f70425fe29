// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk program: window, event loop, screens and scripts put together.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>

#include "balie/core/clock.h"
#include "balie/core/request_store.h"
#include "balie/core/sync_service.h"
#include "balie/ui/agent_preferences.h"
#include "balie/ui/card_login.h"
#include "balie/ui/demo_key.h"
#include "balie/ui/document_camera.h"
#include "balie/ui/kiosk_config.h"
#include "balie/ui/platform.h"

namespace balie::ui {

/// \brief What balie-kiosk was started with.
struct KioskOptions {
    KioskConfig config;
    bool demo = false;                      ///< everything on this machine; shows the demo PIN
    std::optional<DemoDigitalKey> demoKey;  ///< shown with the demo PIN
    std::optional<Size> windowSize;         ///< nullopt: full screen
    std::filesystem::path screenshotDir;    ///< where the script's screenshots go
    std::filesystem::path script;           ///< empty: no script
};

/// \brief The parts the program wired for the screens; any may be missing (nullptr), and the
/// screens then say so. They must outlive runKiosk().
struct KioskServices {
    CardLogin* card = nullptr;  ///< nullptr: the card reader is unavailable
    core::RequestStore* store = nullptr;
    core::SyncService* sync = nullptr;  ///< started and stopped by runKiosk()
    DocumentCamera* camera = nullptr;
    const core::Clock* clock = nullptr;
    AgentPreferences* preferences = nullptr;  ///< nullptr: kept in memory for this run
};

/// \brief Runs the kiosk until the window is closed or a script quits.
/// \return 0 on a normal end, 1 when the display, catalogs, fonts or script fail (reported on
/// \a err in one line).
int runKiosk(const KioskOptions& options, const KioskServices& services, std::ostream& out,
             std::ostream& err);

}  // namespace balie::ui
