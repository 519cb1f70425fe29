// SPDX-License-Identifier: GPL-3.0-or-later
#include "command_line.h"

#include <ostream>

namespace balie::cli {

CommandLine::CommandLine(std::span<const std::string_view> args,
                         std::set<std::string_view> knownFlags) {
    bool onlyPositional = false;
    for (std::string_view arg : args) {
        if (!onlyPositional && arg == "--") {
            onlyPositional = true;
        } else if (!onlyPositional && arg.starts_with("--")) {
            if (!knownFlags.contains(arg) && unknownFlag_.empty()) {
                unknownFlag_ = arg;
            }
            flags_.insert(arg);
        } else {
            positional_.push_back(arg);
        }
    }
}

int usageError(std::ostream& err, std::string_view message) {
    err << "balie: " << message << '\n';
    return kExitUsage;
}

}  // namespace balie::cli
