// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the store tests: a temporary directory, an example request and raw access to
// the database file.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "balie/core/request.h"
#include "balie/core/request_store.h"
#include "balie/sync/sqlite_request_store.h"

namespace balie::test {

/// A fresh directory under the system's temporary directory, removed with everything in it.
class TempDir {
public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

/// Options for a store in `directory`: store.db and store.key.
sync::StoreOptions storeOptionsIn(const std::filesystem::path& directory);

std::chrono::system_clock::time_point exampleSubmitTime();

/// A draft with every field filled in, nothing left at its default.
core::Request fullDraft();

/// `count` page images whose bytes start with a recognisable marker.
std::vector<core::PageImage> examplePages(std::size_t count, std::size_t bytesPerPage = 2048);

/// The marker at the start of every example page, to look for in the database file.
inline constexpr std::string_view kPageMarker = "PAGE-PIXELS-OF-KOWALSKA";

/// The bytes of a file, empty when it does not exist.
std::string readFileBytes(const std::filesystem::path& path);

/// Runs a query returning one integer through a separate SQLite connection.
std::int64_t rawQueryInt(const std::filesystem::path& database, const std::string& sql);

/// Runs statements through a separate SQLite connection; false when SQLite reports an error.
bool rawExec(const std::filesystem::path& database, const std::string& sql);

/// The result of PRAGMA integrity_check ("ok" when the file is sound).
std::string integrityCheck(const std::filesystem::path& database);

}  // namespace balie::test
