// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the sync client tests: requests the central service's registry knows or
// does not know, their machine readable zones, and the central service's own listing.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "balie/core/clock.h"
#include "balie/core/request.h"
#include "central_server.h"

namespace balie::test {

/// \brief The real time, with a fixed "today" so that document validity does not depend on the
/// day the tests run.
class WallClock final : public core::Clock {
public:
    core::PartialDate today() const override { return {2026, 12, 2}; }
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now();
    }
};

/// A draft for KOWALSKA ANNA MARIA, a person in the central service's registry fixture.
core::Request knownPersonDraft(const std::string& agentId);
/// Her passport's machine readable zone (TD3) with valid check digits.
std::vector<std::string> knownPersonMrz();
/// A draft for a person the registry does not know; `surname` tells requests apart.
core::Request newPersonDraft(const std::string& agentId, const std::string& surname);

/// `balie-central list --json` of the server's database; fails the test when it cannot run.
nlohmann::json centralRequests(const CentralServer& server);
/// The central service's entries whose local_id is `localId`.
std::vector<nlohmann::json> centralEntriesFor(const CentralServer& server,
                                              const std::string& localId);

}  // namespace balie::test
