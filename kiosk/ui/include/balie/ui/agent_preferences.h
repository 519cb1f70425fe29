// SPDX-License-Identifier: GPL-3.0-or-later
// What the kiosk remembers about each agent between logins: no personal data, only choices.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "balie/core/error.h"

namespace balie::ui {

/// \brief One agent's choices, keyed by the central service's opaque agent id.
struct AgentChoices {
    bool tourDone = false;       ///< "don't show again" was ticked on the tour's last page
    bool tourSeen = false;       ///< the tour was followed to its last page (no help badge)
    bool welcomeMessage = true;  ///< the welcome text in the top bar
    /// Final answers already shown among the notifications of an earlier login (local ids):
    /// from the next login on they are listed with the other requests.
    std::set<std::string> answersSeen;

    bool operator==(const AgentChoices&) const = default;
};

/// \brief The choices of every agent who logged in on this kiosk, in a small text file (or only
/// in memory when no file is given). UI thread only.
class AgentPreferences {
public:
    /// \brief Preferences kept in memory only.
    AgentPreferences() = default;

    /// \brief Reads \a file when it exists; later changes are written back to it. A damaged
    /// file is an error rather than silently forgotten choices.
    /// \return Errc::Storage when the file exists but cannot be read or parsed.
    static core::Result<AgentPreferences> open(std::filesystem::path file);

    const AgentChoices& get(const std::string& agentId) const;

    /// \brief Replaces \a agentId's choices and writes the file.
    /// \return Errc::Storage when the file cannot be written (the choice is kept in memory).
    core::Result<void> set(const std::string& agentId, AgentChoices choices);

private:
    core::Result<void> save() const;

    std::filesystem::path file_;
    std::map<std::string, AgentChoices> agents_;
};

}  // namespace balie::ui
