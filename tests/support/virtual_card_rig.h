// SPDX-License-Identifier: GPL-3.0-or-later
// A virtual Belgian eID card in a virtual reader: private pcscd with vpcd plus balie-card-sim.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

namespace balie::test {

/// \brief The test PKI of \a personaPath, made by tests/data/eid/make_test_pki.sh: root.pem,
/// the CA, RRN and card certificates and keys the persona names. Cached in a temporary directory
/// named after the script's and the persona's contents and shared by test processes (made once,
/// under a lock; kept between runs). Returns the directory; empty, with *error set, on failure.
std::string makeTestPki(const std::string& personaPath, std::string* error);

/// \brief Starts a private pcscd (vpcd reader driver) and balie-card-sim playing one persona, so
/// that a test talks PC/SC to a real daemon and a card it can pull out or make misbehave.
///
/// The daemon runs in its own mount namespace with a temporary directory on /run/pcscd, so it
/// never touches a system pcscd; clients reach it through PCSCLITE_CSOCK_NAME=socketPath(), which
/// start() also sets in this process's environment. libpcsclite reads that variable once per
/// process, so the socket path is the same for every rig of a process: create the first rig
/// before any other PC/SC call of the process, and only one rig at a time. Needs root (mount
/// namespace) and the pcscd and vsmartcard-vpcd packages. Everything started is stopped by its
/// process id when the rig is destroyed, and dies with the creating thread if the test crashes.
class VirtualCardRig {
public:
    /// \brief Gets the test PKI (makeTestPki), starts
    /// pcscd with its own reader.conf on a free vpcd port and balie-card-sim with \a personaPath,
    /// and waits until the card is present. Returns nullptr and sets *error when something
    /// cannot start (the message includes the daemon's and the simulator's output).
    static std::unique_ptr<VirtualCardRig> start(const std::string& personaPath,
                                                 std::string* error);
    ~VirtualCardRig();
    VirtualCardRig(const VirtualCardRig&) = delete;
    VirtualCardRig& operator=(const VirtualCardRig&) = delete;

    /// \brief Value for PCSCLITE_CSOCK_NAME.
    const std::string& socketPath() const;
    /// \brief The PC/SC reader that holds the card: "Virtual PCD 00 00".
    const std::string& readerName() const;
    /// \brief Directory of the test PKI: root.pem (trust anchor), citizen-ca.pem, rrn-*.pem, ...
    const std::string& pkiDir() const;

    /// \brief Sends one control line to the simulator ("remove", "glitch 6c", ...); true when it
    /// answered "ok". Does not wait for pcscd.
    bool command(const std::string& line);
    /// \brief Pulls the card out and waits until pcscd reports the reader empty.
    bool removeCard();
    /// \brief Puts the card back and waits until pcscd reports it present.
    bool insertCard();

    /// \brief What pcscd and the simulator have printed so far, for failure messages.
    std::string logs() const;

private:
    VirtualCardRig() = default;
    bool waitForCard(bool present, int timeoutMs) const;

    std::string rigDir_;
    std::string socketPath_;
    std::string readerName_ = "Virtual PCD 00 00";
    std::string pkiDir_;
    std::string controlPath_;
    pid_t pcscdPid_ = -1;
    pid_t simulatorPid_ = -1;
};

}  // namespace balie::test
