// SPDX-License-Identifier: GPL-3.0-or-later
// Wiring of balie-kiosk: configuration in, drivers and services out.
#include "kiosk_services.h"

#include <fstream>
#include <sstream>

#include "balie/drivers/camera/camera.h"
#include "balie/drivers/vision/document_scanner.h"
#include "balie/sync/sqlite_request_store.h"
#include "camera_document_source.h"
#include "standalone_sync_service.h"

namespace balie::app {

ui::KioskServices OwnedServices::view() const {
    ui::KioskServices services;
    services.card = card.get();
    services.store = store.get();
    services.sync = sync.get();
    services.camera = camera.get();
    services.clock = &clock;
    services.preferences = preferences.get();
    return services;
}

core::Result<std::unique_ptr<OwnedServices>> openServices(const ui::KioskConfig& config) {
    auto services = std::make_unique<OwnedServices>();
    if (!config.stateDir.empty()) {
        std::error_code error;
        std::filesystem::create_directories(config.stateDir, error);
        if (error) {
            return core::fail(core::Errc::Storage,
                              "cannot create " + config.stateDir.string() + ": " + error.message());
        }
        auto store = sync::SqliteRequestStore::open(
            sync::StoreOptions{config.stateDir / "requests.db", config.stateDir / "store.key", 0});
        if (!store) {
            return tl::unexpected(store.error());
        }
        services->store = std::move(*store);
        auto preferences = ui::AgentPreferences::open(config.stateDir / "agents.txt");
        if (!preferences) {
            return tl::unexpected(preferences.error());
        }
        services->preferences = std::make_unique<ui::AgentPreferences>(std::move(*preferences));
    }
    if (!config.accessList.empty()) {
        if (!services->store) {
            return core::fail(core::Errc::Config, "access-list needs a state-dir for the requests");
        }
        auto agents = loadAccessList(config.accessList);
        if (!agents) {
            return tl::unexpected(agents.error());
        }
        services->sync =
            std::make_unique<StandaloneSyncService>(*services->store, std::move(*agents));
    }
    if (auto source = drivers::camera::openCamera(config.camera)) {
        if (auto scanner = drivers::vision::DocumentScanner::create()) {
            services->camera =
                std::make_unique<CameraDocumentSource>(std::move(*source), std::move(*scanner));
        }
    }
    std::string trust;
    if (!config.eidTrust.empty()) {
        std::ifstream in(config.eidTrust);
        if (!in) {
            return core::fail(core::Errc::Config,
                              "cannot read eid-trust " + config.eidTrust.string());
        }
        std::ostringstream text;
        text << in.rdbuf();
        trust = text.str();
    }
    services->card = std::make_unique<EidCardLogin>(std::move(trust), services->sync.get());
    return services;
}

}  // namespace balie::app
