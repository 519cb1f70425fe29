// SPDX-License-Identifier: GPL-3.0-or-later
// Reader of balie-kiosk's "key = value" configuration file, and where its files are found.
#include "balie/ui/kiosk_config.h"

#include <charconv>
#include <system_error>

#include "read_file.h"

namespace balie::ui {

namespace {

std::string_view trim(std::string_view text) {
    std::size_t start = text.find_first_not_of(" \t\r");
    if (start == std::string_view::npos) {
        return {};
    }
    std::size_t end = text.find_last_not_of(" \t\r");
    return text.substr(start, end - start + 1);
}

core::Result<void> applySetting(KioskConfig& config, std::string_view key, std::string_view value) {
    if (key == "language") {
        auto language = core::languageFromCode(value);
        if (!language) {
            return core::fail(core::Errc::Config, "language must be nl, fr, de or en");
        }
        config.language = *language;
    } else if (key == "keyboard") {
        auto layout = keyboardLayoutFromName(value);
        if (!layout) {
            return core::fail(core::Errc::Config, "keyboard must be azerty-be, qwerty or qwertz");
        }
        config.keyboard = *layout;
    } else if (key == "idle-timeout") {
        int seconds = 0;
        auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (error != std::errc() || end != value.data() + value.size() || seconds < 1 ||
            seconds > 3600) {
            return core::fail(core::Errc::Config, "idle-timeout must be 1 to 3600 seconds");
        }
        config.idleTimeout = std::chrono::seconds(seconds);
    } else if (key == "locale-dir") {
        config.localeDir = std::filesystem::path(value);
    } else if (key == "font-dir") {
        config.fontDir = std::filesystem::path(value);
    } else if (key == "state-dir") {
        config.stateDir = std::filesystem::path(value);
    } else if (key == "eid-trust") {
        config.eidTrust = std::filesystem::path(value);
    } else if (key == "camera") {
        config.camera = std::string(value);
    } else if (key == "access-list") {
        config.accessList = std::filesystem::path(value);
    } else if (key == "central-url") {
        config.centralUrl = std::string(value);
    } else if (key == "central-token-file") {
        config.centralTokenFile = std::filesystem::path(value);
    } else if (key == "central-ca") {
        config.centralCa = std::filesystem::path(value);
    } else if (key == "central-client-cert") {
        config.centralClientCert = std::filesystem::path(value);
    } else if (key == "central-client-key") {
        config.centralClientKey = std::filesystem::path(value);
    } else {
        return core::fail(core::Errc::Config, "unknown key '" + std::string(key) + "'");
    }
    return {};
}

bool hasCatalogs(const std::filesystem::path& dir) {
    std::error_code error;
    return std::filesystem::exists(dir / "nl" / "LC_MESSAGES" / "balie-kiosk.mo", error);
}

}  // namespace

core::Result<KioskConfig> parseKioskConfig(std::string_view text) {
    KioskConfig config;
    int number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view raw = text.substr(start, end - start);
        std::string_view line = trim(raw.substr(0, raw.find('#')));
        start = end + 1;
        ++number;
        if (line.empty()) {
            continue;
        }
        std::size_t equals = line.find('=');
        auto applied =
            equals == std::string_view::npos
                ? core::Result<void>(core::fail(core::Errc::Config, "expected 'key = value'"))
                : applySetting(config, trim(line.substr(0, equals)), trim(line.substr(equals + 1)));
        if (!applied.has_value()) {
            return core::fail(core::Errc::Config, "config line " + std::to_string(number) + ": " +
                                                      applied.error().message);
        }
    }
    return config;
}

core::Result<KioskConfig> loadKioskConfig(const std::filesystem::path& file) {
    std::optional<std::string> text = readFile(file);
    if (!text) {
        return core::fail(core::Errc::Config, "cannot read config file " + file.string());
    }
    auto config = parseKioskConfig(*text);
    if (!config.has_value()) {
        return core::fail(core::Errc::Config, file.string() + ": " + config.error().message);
    }
    return config;
}

std::filesystem::path resolveLocaleDir(const std::filesystem::path& configured) {
    if (!configured.empty()) {
        return configured;
    }
    std::error_code error;
    std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        std::filesystem::path installed = program.parent_path().parent_path() / "share" / "locale";
        if (hasCatalogs(installed)) {
            return installed;
        }
    }
    return BALIE_UI_BUILD_LOCALE_DIR;
}

std::filesystem::path resolveFontDir(const std::filesystem::path& configured) {
    return configured.empty() ? std::filesystem::path(BALIE_UI_FONT_DIR) : configured;
}

}  // namespace balie::ui
