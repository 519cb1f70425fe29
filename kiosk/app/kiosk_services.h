// SPDX-License-Identifier: GPL-3.0-or-later
// The concrete parts behind the kiosk's screens, opened from its configuration.
#pragma once

#include <memory>

#include "balie/core/error.h"
#include "balie/core/sync_service.h"
#include "balie/sync/sqlite_request_store.h"
#include "balie/ui/agent_preferences.h"
#include "balie/ui/kiosk.h"
#include "balie/ui/kiosk_config.h"
#include "eid_card_login.h"
#include "system_clock.h"

namespace balie::app {

/// \brief Owns what the kiosk runs on: store, sync service, card login, clock, preferences.
/// Members are destroyed in reverse order: the card login (which asks the sync service) first,
/// the sync service (which stops its thread) before the store it sends from.
struct OwnedServices {
    SystemClock clock;
    std::unique_ptr<sync::SqliteRequestStore> store;
    std::unique_ptr<ui::AgentPreferences> preferences;
    std::unique_ptr<core::SyncService> sync;
    std::unique_ptr<ui::DocumentCamera> camera;
    std::unique_ptr<EidCardLogin> card;

    /// \brief The view the screens get.
    ui::KioskServices view() const;
};

/// \brief Opens the request store and preferences in the state directory, the sync service, the
/// document camera and the card login as \a config says. A missing camera is no error: the
/// wizard says that it is unavailable.
///
/// The sync service is the central service's SyncEngine when `central-url` is set; a local
/// access list's StandaloneSyncService when only `access-list` is; none otherwise (the kiosk says
/// that no central service is configured, and nobody can log in).
/// \return Errc::Config or Errc::Storage with a one-line reason.
core::Result<std::unique_ptr<OwnedServices>> openServices(const ui::KioskConfig& config);

}  // namespace balie::app
