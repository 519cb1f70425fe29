// SPDX-License-Identifier: GPL-3.0-or-later
// Rows, sessions and choosing the backend by URL.
#include "balie/sync/central/database.h"

#include "group_commit.h"

namespace balie::sync::central {

bool Row::isNull(std::size_t column) const {
    return column >= values_.size() || std::holds_alternative<std::monostate>(values_[column]);
}

std::int64_t Row::integer(std::size_t column) const {
    if (column >= values_.size()) {
        return 0;
    }
    if (const auto* value = std::get_if<std::int64_t>(&values_[column])) {
        return *value;
    }
    if (const auto* text = std::get_if<std::string>(&values_[column])) {
        try {
            return std::stoll(*text);
        } catch (const std::exception&) {
            return 0;
        }
    }
    return 0;
}

std::string Row::text(std::size_t column) const {
    if (column >= values_.size()) {
        return {};
    }
    if (const auto* text = std::get_if<std::string>(&values_[column])) {
        return *text;
    }
    if (const auto* value = std::get_if<std::int64_t>(&values_[column])) {
        return std::to_string(*value);
    }
    return {};
}

core::Result<void> Session::exec(std::string_view sql, std::span<const Param> params) {
    auto rows = query(sql, params);
    if (!rows.has_value()) {
        return tl::unexpected(rows.error());
    }
    return {};
}

namespace {

core::Result<std::unique_ptr<Database>> openBackend(std::string_view url) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (url.starts_with(kSqlite)) {
        std::string path(url.substr(kSqlite.size()));
        if (path.empty()) {
            return core::fail(core::Errc::Config, "database URL 'sqlite:' names no file");
        }
        return openSqlite(path);
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return openPostgres(std::string(url));
    }
    return core::fail(core::Errc::Config,
                      "database URL must be sqlite:PATH or postgresql://...; got '" +
                          std::string(url.substr(0, 40)) + "'");
}

}  // namespace

core::Result<std::unique_ptr<Database>> Database::open(std::string_view url) {
    auto opened = openBackend(url);
    if (!opened.has_value()) {
        return opened;
    }
    return withGroupCommit(std::move(*opened));
}

}  // namespace balie::sync::central
