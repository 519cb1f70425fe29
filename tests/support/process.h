// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a program to completion with given standard input and captures what it printed.
#pragma once

#include <string>
#include <vector>

namespace balie::test {

struct ProcessResult {
    int exitCode = -1;  ///< exit status, or 128 + signal number when killed by a signal
    std::string out;
    std::string err;
};

/// \brief Runs \a program with \a args, feeding \a input on standard input, and waits for it.
ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::string& input = {});

}  // namespace balie::test
