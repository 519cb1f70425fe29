// SPDX-License-Identifier: GPL-3.0-or-later
// Agents' choices in a text file: one line per agent, tab-separated fields.
#include "balie/ui/agent_preferences.h"

#include <fstream>
#include <sstream>
#include <vector>

namespace balie::ui {

namespace {

// Line: AGENT_ID \t tour=0|1 \t toured=0|1 \t welcome=0|1 \t seen=ID,ID,...
std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) {
        parts.push_back(part);
    }
    return parts;
}

bool parseFlag(const std::string& field, std::string_view key, bool& value) {
    if (field.size() != key.size() + 2 || !field.starts_with(key) || field[key.size()] != '=') {
        return false;
    }
    char digit = field.back();
    value = digit == '1';
    return digit == '0' || digit == '1';
}

}  // namespace

core::Result<AgentPreferences> AgentPreferences::open(std::filesystem::path file) {
    AgentPreferences preferences;
    preferences.file_ = std::move(file);
    std::error_code error;
    if (!std::filesystem::exists(preferences.file_, error)) {
        return preferences;
    }
    std::ifstream in(preferences.file_);
    if (!in) {
        return core::fail(core::Errc::Storage, "cannot read " + preferences.file_.string());
    }
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) {
            continue;
        }
        std::vector<std::string> fields = split(line, '\t');
        AgentChoices choices;
        bool ok = fields.size() == 5 && !fields[0].empty() &&
                  parseFlag(fields[1], "tour", choices.tourDone) &&
                  parseFlag(fields[2], "toured", choices.tourSeen) &&
                  parseFlag(fields[3], "welcome", choices.welcomeMessage) &&
                  fields[4].starts_with("seen=");
        if (!ok) {
            return core::fail(core::Errc::Storage, preferences.file_.string() + ": line " +
                                                       std::to_string(number) + " is damaged");
        }
        for (const std::string& id : split(fields[4].substr(5), ',')) {
            if (!id.empty()) {
                choices.answersSeen.insert(id);
            }
        }
        preferences.agents_[fields[0]] = std::move(choices);
    }
    return preferences;
}

const AgentChoices& AgentPreferences::get(const std::string& agentId) const {
    static const AgentChoices kDefaults;
    auto found = agents_.find(agentId);
    return found == agents_.end() ? kDefaults : found->second;
}

core::Result<void> AgentPreferences::set(const std::string& agentId, AgentChoices choices) {
    agents_[agentId] = std::move(choices);
    // Ids come from the central service: one that would break the file's lines stays in memory.
    if (agentId.find_first_of("\t\n\r") != std::string::npos) {
        return core::fail(core::Errc::InvalidArgument, "agent id unfit for the preferences file");
    }
    return save();
}

core::Result<void> AgentPreferences::save() const {
    if (file_.empty()) {
        return {};
    }
    // Written aside and renamed, so a crash leaves the old file or the new one, never half.
    std::filesystem::path temporary = file_;
    temporary += ".new";
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const auto& [agentId, choices] : agents_) {
            if (agentId.find_first_of("\t\n\r") != std::string::npos) {
                continue;
            }
            out << agentId << "\ttour=" << (choices.tourDone ? 1 : 0)
                << "\ttoured=" << (choices.tourSeen ? 1 : 0)
                << "\twelcome=" << (choices.welcomeMessage ? 1 : 0) << "\tseen=";
            bool first = true;
            for (const std::string& id : choices.answersSeen) {
                out << (first ? "" : ",") << id;
                first = false;
            }
            out << '\n';
        }
        if (!out.flush()) {
            return core::fail(core::Errc::Storage, "cannot write " + temporary.string());
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, file_, error);
    if (error) {
        return core::fail(core::Errc::Storage,
                          "cannot replace " + file_.string() + ": " + error.message());
    }
    return {};
}

}  // namespace balie::ui
