// SPDX-License-Identifier: GPL-3.0-or-later
// Parsing of the card simulator's control lines.
#include "control_command.h"

#include <charconv>
#include <string>
#include <vector>

namespace balie::cardsim {

namespace {

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> result;
    std::size_t position = 0;
    while (position < line.size()) {
        std::size_t start = line.find_first_not_of(" \t\r", position);
        if (start == std::string_view::npos) {
            break;
        }
        std::size_t end = line.find_first_of(" \t\r", start);
        if (end == std::string_view::npos) {
            end = line.size();
        }
        result.push_back(line.substr(start, end - start));
        position = end;
    }
    return result;
}

}  // namespace

core::Result<ControlCommand> parseControlCommand(std::string_view line) {
    using Kind = ControlCommand::Kind;
    std::vector<std::string_view> parts = words(line);
    auto command = [](Kind kind) {
        ControlCommand result;
        result.kind = kind;
        return result;
    };
    if (parts.size() == 1 && parts[0] == "remove") {
        return command(Kind::Remove);
    }
    if (parts.size() == 1 && parts[0] == "insert") {
        return command(Kind::Insert);
    }
    if (parts.size() == 1 && parts[0] == "quit") {
        return command(Kind::Quit);
    }
    if (parts.size() == 2 && parts[0] == "tamper" && parts[1] == "identity") {
        return command(Kind::TamperIdentity);
    }
    if (parts.size() == 2 && parts[0] == "glitch") {
        ControlCommand result = command(Kind::Glitch);
        if (parts[1] == "6c") {
            result.glitch = Glitch::WrongLength;
        } else if (parts[1] == "61") {
            result.glitch = Glitch::GetResponse;
        } else if (parts[1] == "6b00-midfile") {
            result.glitch = Glitch::EndOfFileMidFile;
        } else {
            return core::fail(
                core::Errc::InvalidArgument,
                "unknown glitch '" + std::string(parts[1]) + "' (6c, 61 or 6b00-midfile)");
        }
        return result;
    }
    if (parts.size() == 2 && parts[0] == "remove-after") {
        ControlCommand result = command(Kind::RemoveAfter);
        const char* first = parts[1].data();
        const char* last = first + parts[1].size();
        auto [end, error] = std::from_chars(first, last, result.count);
        if (error != std::errc() || end != last || result.count < 0) {
            return core::fail(
                core::Errc::InvalidArgument,
                "remove-after needs a count of APDUs, not '" + std::string(parts[1]) + "'");
        }
        return result;
    }
    return core::fail(core::Errc::InvalidArgument,
                      "unknown command '" + std::string(line) +
                          "' (remove, insert, glitch 6c|61|6b00-midfile, tamper identity, "
                          "remove-after N, quit)");
}

}  // namespace balie::cardsim
