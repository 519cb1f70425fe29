// SPDX-License-Identifier: GPL-3.0-or-later
// Arguments of one `balie` subcommand, and the exit codes every subcommand shares.
#pragma once

#include <iosfwd>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace balie::cli {

/// Exit codes: 0 success, 1 input read but found invalid, 2 usage error or unusable input.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

/// \brief The words after a subcommand, split into flags ("--json") and positional arguments.
class CommandLine {
public:
    /// \param[in] args the words after the subcommand
    /// \param[in] knownFlags flags this subcommand accepts; anything else starting with "--" is an error
    CommandLine(std::span<const std::string_view> args, std::set<std::string_view> knownFlags);

    bool has(std::string_view flag) const { return flags_.contains(flag); }
    const std::vector<std::string_view>& positional() const { return positional_; }

    /// \brief The first flag that is not known, or empty when all are.
    std::string_view unknownFlag() const { return unknownFlag_; }

private:
    std::set<std::string_view> flags_;
    std::vector<std::string_view> positional_;
    std::string_view unknownFlag_;
};

/// \brief Writes "balie: <message>" on one line and returns kExitUsage.
int usageError(std::ostream& err, std::string_view message);

/// \brief Streams a subcommand reads from and writes to, so that tests and main share one path.
struct Io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

using Command = int (*)(std::span<const std::string_view> args, Io io);

// Subcommands, one file each.
int inszCheck(std::span<const std::string_view> args, Io io);
int mrzParse(std::span<const std::string_view> args, Io io);
int eidRead(std::span<const std::string_view> args, Io io);
int eidLogin(std::span<const std::string_view> args, Io io);

}  // namespace balie::cli
