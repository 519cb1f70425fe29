// SPDX-License-Identifier: GPL-3.0-or-later
// Arguments of one `balie` subcommand, and the exit codes every subcommand shares.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/clock.h"
#include "balie/core/error.h"

namespace balie::sync {
class SqliteRequestStore;
}

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
int requestSubmit(std::span<const std::string_view> args, Io io);
int queueList(std::span<const std::string_view> args, Io io);
int sync(std::span<const std::string_view> args, Io io);
int ocrRead(std::span<const std::string_view> args, Io io);
int cameraList(std::span<const std::string_view> args, Io io);
int cameraCapture(std::span<const std::string_view> args, Io io);

/// \brief Options the queue commands share: --store DIR (BALIE_STORE_DIR, else /var/lib/balie),
/// --central URL (BALIE_CENTRAL_URL), --token-file FILE (BALIE_CENTRAL_TOKEN), --ca FILE.
struct QueueArguments {
    std::string storeDir;
    std::string centralUrl;
    std::string token;
    std::string caFile;
    std::string clientCertFile;  ///< PEM certificate for mutual TLS, with clientKeyFile
    std::string clientKeyFile;
    std::set<std::string_view> flags;
    std::vector<std::string_view> positional;
};

/// \brief Parses the shared options and the command's own `flags`; prints a usage error and
/// returns nullopt on a mistake.
std::optional<QueueArguments> parseQueueArguments(std::span<const std::string_view> args,
                                                  std::set<std::string_view> flags,
                                                  std::ostream& err);

/// \brief Opens (creating when missing) the request store in `arguments.storeDir`: requests.db
/// and store.key, as the kiosk keeps them.
core::Result<std::unique_ptr<sync::SqliteRequestStore>> openQueueStore(
    const QueueArguments& arguments);

/// \brief The system's clock as the core sees it.
const core::Clock& systemClock();

}  // namespace balie::cli
