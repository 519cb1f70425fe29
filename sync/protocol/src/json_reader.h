// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a parsed JSON body field by field, each failure naming the field's path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "balie/core/error.h"

namespace balie::sync::protocol::detail {

/// \brief Why a body does not decode; thrown inside the decoders only and turned into a
/// core::Error at their boundary, so no exception ever leaves the library.
struct DecodeFailure {
    std::string field;  ///< "person.surname", "pages[1].sha256"; empty for the whole body
    std::string problem;
};

[[noreturn]] void failAt(std::string field, std::string problem);

/// \brief One JSON value and the path that led to it.
class Node {
public:
    Node(const nlohmann::json& value, std::string path) : value_(&value), path_(std::move(path)) {}

    const std::string& path() const { return path_; }
    const nlohmann::json& json() const { return *value_; }
    bool isNull() const { return value_->is_null(); }

    /// \brief A member that must be present (it may still be null).
    Node at(std::string_view key) const;
    /// \brief A member that may be absent or null: nullopt then.
    std::optional<Node> maybe(std::string_view key) const;

    std::string string() const;
    std::int64_t integer(std::int64_t min, std::int64_t max) const;
    std::uint64_t unsignedInteger() const;
    bool boolean() const;
    std::vector<Node> array() const;
    /// \brief Checks that the value is an object and returns its members in key order.
    std::vector<std::pair<std::string, Node>> members() const;

    [[noreturn]] void fail(std::string problem) const { failAt(path_, std::move(problem)); }

private:
    const nlohmann::json* value_;
    std::string path_;
};

/// \brief Parses `text` and runs `decode` on the root; returns the value or the first failure.
template <typename T, typename Decode>
core::Result<T> decodeBody(std::string_view text, Decode decode) {
    const nlohmann::json root = nlohmann::json::parse(text, nullptr, false);
    if (root.is_discarded()) {
        return core::fail(core::Errc::InvalidFormat, "(body): not valid JSON");
    }
    try {
        return decode(Node(root, ""));
    } catch (const DecodeFailure& failure) {
        return core::fail(core::Errc::InvalidFormat,
                          (failure.field.empty() ? std::string("(body)") : failure.field) + ": " +
                              failure.problem);
    } catch (const std::exception& error) {
        return core::fail(core::Errc::InvalidFormat, std::string("(body): ") + error.what());
    }
}

}  // namespace balie::sync::protocol::detail
