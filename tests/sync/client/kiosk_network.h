// SPDX-License-Identifier: GPL-3.0-or-later
// A kiosk on its own network: a private network namespace joined to the host by a veth pair, whose
// link can be slowed down (tc tbf) or cut (an nftables rule that drops everything).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "process.h"

namespace balie::test {

class KioskNetwork {
public:
    /// \brief Creates the namespace and the link; nullptr when network namespaces are not
    /// permitted here, with the reason in `whyNot`.
    static std::unique_ptr<KioskNetwork> create(std::string& whyNot);
    /// \brief Removes the namespace and its link.
    ~KioskNetwork();
    KioskNetwork(const KioskNetwork&) = delete;
    KioskNetwork& operator=(const KioskNetwork&) = delete;

    /// \brief The host's address on the link, where a server for the kiosk listens.
    const std::string& hostAddress() const { return hostAddress_; }

    /// \brief Runs a program inside the kiosk's namespace and waits for it.
    ProcessResult run(const std::string& program, const std::vector<std::string>& arguments) const;
    /// \brief Starts a program inside the kiosk's namespace; its output is discarded.
    pid_t spawn(const std::string& program, const std::vector<std::string>& arguments) const;

    /// \brief Limits what the kiosk sends to `rate` ("1mbit") with a token bucket filter.
    [[nodiscard]] bool limitUploadRate(const std::string& rate) const;
    /// \brief Drops every packet the kiosk sends or receives.
    [[nodiscard]] bool cutOff() const;
    /// \brief Removes the rule cutOff() added.
    [[nodiscard]] bool reconnect() const;
    /// \brief Bytes the host received from the kiosk over the link so far.
    std::uint64_t bytesFromKiosk() const;

private:
    KioskNetwork() = default;
    ProcessResult inNamespace(const std::vector<std::string>& command) const;

    std::string name_;
    std::string hostInterface_;
    std::string kioskInterface_;
    std::string hostAddress_;
    std::string kioskAddress_;
};

}  // namespace balie::test
