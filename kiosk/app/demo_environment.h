// SPDX-License-Identifier: GPL-3.0-or-later
// balie-kiosk --demo: everything the kiosk needs, started on this machine in a private
// temporary directory and stopped with the kiosk.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "balie/core/error.h"
#include "balie/ui/demo_key.h"
#include "balie/ui/kiosk_config.h"
#include "child_process.h"

namespace balie::app {

/// \brief Where the demo finds its programs and data: next to balie-kiosk in the build tree, or
/// where the packages install them.
struct DemoPaths {
    std::filesystem::path cardSimulator;  ///< balie-card-sim
    std::filesystem::path central;        ///< balie-central
    std::filesystem::path knownPersons;   ///< the central service's registry fixture
    std::filesystem::path persona;        ///< the demo agent's card (demo-agent.json)
    std::filesystem::path pkiScript;      ///< make_test_pki.sh, the card's test PKI
    std::filesystem::path documents;      ///< frames of sample documents for the replay camera
    std::filesystem::path pcscd = "/usr/sbin/pcscd";
    std::filesystem::path vpcdDriver = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";

    /// \brief The build tree's paths when they exist, else the installed ones.
    static DemoPaths find();
};

/// \brief A private pcscd with the vsmartcard-vpcd reader driver, balie-card-sim holding the demo
/// agent's card (PIN 1234), the card's PKI, a balie-central on a loopback port (its SQLite
/// database, the known-persons registry, this kiosk's token and the demo agent on the access
/// list with a digital key) and the request store, all in one temporary directory.
///
/// Every program is started with its process id kept, stopped by it when the environment goes
/// (also on SIGINT/SIGTERM, which end the kiosk's loop), and dies with the kiosk if it crashes.
/// Needs root for pcscd's private mount namespace.
class DemoEnvironment {
public:
    /// \brief Starts everything and waits until the demo card is in its reader. Progress lines
    /// go to \a log. \return Errc::Config naming what could not start.
    static core::Result<std::unique_ptr<DemoEnvironment>> start(const DemoPaths& paths,
                                                                std::ostream& log);

    DemoEnvironment(const DemoEnvironment&) = delete;
    DemoEnvironment& operator=(const DemoEnvironment&) = delete;
    ~DemoEnvironment();

    /// \brief \a base with the demo's state directory, trust anchors, camera and central service.
    ui::KioskConfig configure(ui::KioskConfig base) const;

    /// \brief The demo agent's digital key, for the start screen.
    ui::DemoDigitalKey digitalKey() const;

    const std::filesystem::path& directory() const { return directory_; }

private:
    DemoEnvironment() = default;
    core::Result<void> startCentral(const DemoPaths& paths);

    std::filesystem::path directory_;
    std::filesystem::path pkiDir_;
    std::filesystem::path documents_;
    std::string centralUrl_;
    std::vector<ChildProcess> processes_;  ///< stopped newest first
};

}  // namespace balie::app
