// SPDX-License-Identifier: GPL-3.0-or-later
#include "command_line.h"

namespace balie::cli {

int mrzParse(std::span<const std::string_view>, Io io) {
    return usageError(io.err, "not available yet");
}

}  // namespace balie::cli
