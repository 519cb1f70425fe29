// SPDX-License-Identifier: GPL-3.0-or-later
// The running card simulator: plays a BeID applet to vpcd and obeys control commands.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "balie/core/error.h"
#include "beid_applet.h"
#include "control_command.h"
#include "unique_fd.h"
#include "vpcd_link.h"

namespace balie::cardsim {

/// \brief Where the simulator connects and listens.
struct SimulatorOptions {
    std::string vpcdHost = "127.0.0.1";
    std::uint16_t vpcdPort = 35963;
    /// Unix socket for control lines; empty for none. Each line gets one reply line: "ok" or
    /// "error: <why>".
    std::string controlPath;
    /// Also take control lines from standard input (replies on standard output); end of input
    /// only stops this source.
    bool readStdin = true;
};

/// \brief Event loop of balie-card-sim. The card starts inserted: it connects to vpcd (and keeps
/// trying while vpcd is not listening yet), answers control messages and APDUs, and reconnects
/// when vpcd drops the connection, until `quit`.
class Simulator {
public:
    /// \brief Opens the control socket (replacing a stale socket file). Errors: Errc::Config.
    static core::Result<std::unique_ptr<Simulator>> create(BeidApplet applet,
                                                           SimulatorOptions options);
    ~Simulator();
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    /// \brief Runs until a `quit` command. Errors: Errc::InvalidState when poll fails.
    core::Result<void> run();

    /// \brief Applies one command and returns the reply line ("ok").
    std::string execute(const ControlCommand& command);

private:
    struct ControlClient {
        UniqueFd fd;
        std::string buffer;
    };

    Simulator(BeidApplet applet, SimulatorOptions options, UniqueFd controlSocket);
    void handleVpcdMessage();
    void pullCard();
    // Runs the complete lines in \a buffer and returns the replies.
    std::string runLines(std::string& buffer);

    BeidApplet applet_;
    SimulatorOptions options_;
    UniqueFd controlSocket_;
    std::vector<ControlClient> clients_;
    std::optional<VpcdLink> link_;
    bool inserted_ = true;
    bool quit_ = false;
    bool stdinOpen_ = false;
    std::string stdinBuffer_;
    std::optional<int> removeAfter_;
};

}  // namespace balie::cardsim
