// SPDX-License-Identifier: GPL-3.0-or-later
// Wiring of balie-kiosk: configuration in, drivers and services out.
#include "kiosk_services.h"

#include <fstream>
#include <sstream>

#include "balie/drivers/camera/camera.h"
#include "balie/drivers/vision/document_scanner.h"
#include "balie/sync/client/sync_engine.h"
#include "camera_document_source.h"
#include "standalone_sync_service.h"

namespace balie::app {

namespace {

std::string trimmed(std::string text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

core::Result<std::string> readToken(const std::filesystem::path& file) {
    if (file.empty()) {
        return core::fail(core::Errc::Config, "central-url needs central-token-file");
    }
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    std::string token = trimmed(text.str());
    if (!in || token.empty()) {
        return core::fail(core::Errc::Config, "cannot read a token from " + file.string());
    }
    return token;
}

// The OCR model where the packages install it, else the source tree's (a kiosk run from its
// build tree, as the demo is).
std::filesystem::path ocrModelDirectory() {
    std::filesystem::path installed = drivers::vision::installedModelDirectory();
    std::error_code error;
    if (std::filesystem::exists(installed / "mrz.traineddata", error)) {
        return installed;
    }
    return BALIE_KIOSK_BUILD_MODEL_DIR;
}

core::Result<std::unique_ptr<core::SyncService>> openSync(const ui::KioskConfig& config,
                                                          OwnedServices& services) {
    if (!config.centralUrl.empty()) {
        if (!config.accessList.empty()) {
            return core::fail(core::Errc::Config,
                              "access-list is for a kiosk without central service: give "
                              "central-url or access-list, not both");
        }
        if (!services.store) {
            return core::fail(core::Errc::Config, "central-url needs a state-dir for the requests");
        }
        if (config.centralClientCert.empty() != config.centralClientKey.empty()) {
            return core::fail(core::Errc::Config,
                              "central-client-cert and central-client-key go together");
        }
        auto token = readToken(config.centralTokenFile);
        if (!token) {
            return tl::unexpected(token.error());
        }
        sync::client::EngineOptions options;
        options.connection.baseUrl = config.centralUrl;
        options.connection.token = std::move(*token);
        options.connection.caFile = config.centralCa;
        options.connection.clientCertFile = config.centralClientCert;
        options.connection.clientKeyFile = config.centralClientKey;
        return std::make_unique<sync::client::SyncEngine>(*services.store, services.clock,
                                                          std::move(options));
    }
    if (!config.accessList.empty()) {
        if (!services.store) {
            return core::fail(core::Errc::Config, "access-list needs a state-dir for the requests");
        }
        auto agents = loadAccessList(config.accessList);
        if (!agents) {
            return tl::unexpected(agents.error());
        }
        return std::make_unique<StandaloneSyncService>(*services.store, std::move(*agents));
    }
    return std::unique_ptr<core::SyncService>();
}

}  // namespace

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
    auto syncService = openSync(config, *services);
    if (!syncService) {
        return tl::unexpected(syncService.error());
    }
    services->sync = std::move(*syncService);
    if (auto source = drivers::camera::openCamera(config.camera)) {
        if (auto scanner = drivers::vision::DocumentScanner::create(ocrModelDirectory())) {
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
