// SPDX-License-Identifier: GPL-3.0-or-later
// balie-kiosk's configuration file.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "balie/core/error.h"
#include "balie/core/language.h"
#include "balie/ui/keyboard.h"

namespace balie::ui {

/// \brief Settings of one kiosk.
///
/// File syntax: "key = value" lines, '#' comments, blank lines ignored. Keys:
///   language      nl, fr, de or en: the language shown first and after a timeout
///   keyboard      azerty-be, qwerty or qwertz
///   idle-timeout  seconds without input (1-3600) before the kiosk returns to its start screen
///   locale-dir    directory of <lang>/LC_MESSAGES/balie-kiosk.mo
///   font-dir      directory of DejaVuSans.ttf and DejaVuSans-Bold.ttf
///   state-dir     directory of the request store, its key and the agents' choices
///   eid-trust     PEM file of the trust anchors of the agents' eID cards (Belgian root CAs)
///   camera        the document camera: /dev/videoN, libcamera:ID or replay:FOLDER; the first
///                 camera found when not set
///   access-list   agents allowed on a kiosk without central service: lines "SHA-256 of the
///                 national number, agent id, display name"
///   central-url   the central service, "https://central.example:8443"; none: offline, not
///                 configured
///   central-token-file  file holding the kiosk's bearer token (balie-central kiosk add)
///   central-ca    PEM file of the CA certificates trusted for the central service; the system's
///                 when not set
///   central-client-cert, central-client-key  PEM certificate and key the kiosk shows the
///                 central service (mutual TLS); both or neither
struct KioskConfig {
    core::Language language = core::Language::Dutch;
    KeyboardLayout keyboard = KeyboardLayout::AzertyBelgian;
    std::chrono::seconds idleTimeout{90};
    std::filesystem::path localeDir;   ///< empty: next to the program, then the build tree
    std::filesystem::path fontDir;     ///< empty: Debian's DejaVu directory
    std::filesystem::path stateDir;    ///< empty: no request store
    std::filesystem::path eidTrust;    ///< empty: no card login can succeed
    std::filesystem::path accessList;  ///< empty: agents are checked by the central service
    std::string camera;                ///< empty: the first camera found

    std::string centralUrl;                   ///< empty: no central service
    std::filesystem::path centralTokenFile;   ///< the kiosk's bearer token
    std::filesystem::path centralCa;          ///< empty: the system's CA certificates
    std::filesystem::path centralClientCert;  ///< empty: no client certificate
    std::filesystem::path centralClientKey;
};

/// \brief Parses a configuration file's text on top of the defaults.
/// \return Errc::Config naming the line of the first unknown key or bad value.
core::Result<KioskConfig> parseKioskConfig(std::string_view text);

/// \brief Reads and parses \a file. \return Errc::Config also when it cannot be read.
core::Result<KioskConfig> loadKioskConfig(const std::filesystem::path& file);

/// \brief The catalog directory to use: \a configured when set, else the first of
/// <program dir>/../share/locale and the build tree's catalogs that holds balie-kiosk catalogs.
std::filesystem::path resolveLocaleDir(const std::filesystem::path& configured);

/// \brief \a configured when set, else Debian's DejaVu directory.
std::filesystem::path resolveFontDir(const std::filesystem::path& configured);

}  // namespace balie::ui
