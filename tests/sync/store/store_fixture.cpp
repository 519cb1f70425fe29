// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the store tests: a temporary directory, an example request and raw access to
// the database file.
#include "store_fixture.h"

#include <stdlib.h>

#include <fstream>
#include <stdexcept>

#include <sqlite3.h>

namespace balie::test {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "balie-store-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

sync::StoreOptions storeOptionsIn(const std::filesystem::path& directory) {
    return sync::StoreOptions{directory / "store.db", directory / "store.key", 0};
}

std::chrono::system_clock::time_point exampleSubmitTime() {
    return std::chrono::sys_days{std::chrono::year{2025} / 6 / 15} + std::chrono::hours{10} +
           std::chrono::nanoseconds{123'456'789};
}

core::Request fullDraft() {
    core::Request request;
    request.requester = {"agent-7", "Els Peeters"};
    request.document.type = core::DocumentType::Passport;
    request.document.issuingCountry = "PL";
    request.document.number = "EA1234567";
    request.document.nationalNumber = "90041712345";
    request.document.validFrom = core::PartialDate{2020, 3, 1};
    request.document.validUntil = core::PartialDate{2030, 2, 28};
    request.person.surname = "KOWALSKA";
    request.person.givenNames = "ANNA MARIA";
    request.person.birthDate = {1990, 4, 0};
    request.person.birthPlace = "Kraków";
    request.person.birthCountry = "PL";
    request.person.nationality = "PL";
    request.person.sex = core::Sex::Female;
    request.residence = {"ul. Długa", "5", "", "31-147", "Kraków", "PL"};
    request.contactAddress = core::Address{"Rue Neuve", "12", "3", "1000", "Bruxelles", "BE"};
    request.email = "hr@example.be";
    request.comment = "Seasonal worker, starts on Monday";
    request.autoFilled = {core::AutoFilledField::DocumentNumber, core::AutoFilledField::Surname,
                          core::AutoFilledField::BirthDate};
    return request;
}

std::vector<core::PageImage> examplePages(std::size_t count, std::size_t bytesPerPage) {
    std::vector<core::PageImage> pages;
    for (std::size_t i = 0; i < count; ++i) {
        core::PageImage page{1280, 720, {}};
        page.encoded.assign(kPageMarker.begin(), kPageMarker.end());
        while (page.encoded.size() < bytesPerPage) {
            page.encoded.push_back(static_cast<std::uint8_t>((page.encoded.size() * 7 + i) & 0xff));
        }
        pages.push_back(std::move(page));
    }
    return pages;
}

std::string readFileBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        return {};
    }
    std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
    in.seekg(0);
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return bytes;
}

namespace {

struct RawDatabase {
    explicit RawDatabase(const std::filesystem::path& path) {
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
            throw std::runtime_error("cannot open " + path.string());
        }
    }
    ~RawDatabase() { sqlite3_close_v2(db); }
    RawDatabase(const RawDatabase&) = delete;
    RawDatabase& operator=(const RawDatabase&) = delete;

    sqlite3* db = nullptr;
};

std::string rawQueryText(const std::filesystem::path& database, const std::string& sql) {
    RawDatabase raw(database);
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(raw.db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        throw std::runtime_error("cannot prepare " + sql + ": " + sqlite3_errmsg(raw.db));
    }
    std::string text;
    if (sqlite3_step(statement) == SQLITE_ROW) {
        const unsigned char* value = sqlite3_column_text(statement, 0);
        text = value != nullptr ? reinterpret_cast<const char*>(value) : "";
    }
    sqlite3_finalize(statement);
    return text;
}

}  // namespace

std::int64_t rawQueryInt(const std::filesystem::path& database, const std::string& sql) {
    return std::stoll(rawQueryText(database, sql));
}

bool rawExec(const std::filesystem::path& database, const std::string& sql) {
    RawDatabase raw(database);
    return sqlite3_exec(raw.db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

std::string integrityCheck(const std::filesystem::path& database) {
    return rawQueryText(database, "PRAGMA integrity_check");
}

}  // namespace balie::test
