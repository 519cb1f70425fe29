// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a parsed JSON body field by field, each failure naming the field's path.
#include "json_reader.h"

namespace balie::sync::protocol::detail {
namespace {

std::string childPath(const std::string& parent, std::string_view key) {
    if (parent.empty()) {
        return std::string(key);
    }
    return parent + "." + std::string(key);
}

}  // namespace

void failAt(std::string field, std::string problem) {
    throw DecodeFailure{std::move(field), std::move(problem)};
}

Node Node::at(std::string_view key) const {
    if (!value_->is_object()) {
        fail("expected an object");
    }
    const auto found = value_->find(key);
    if (found == value_->end()) {
        failAt(childPath(path_, key), "missing");
    }
    return Node(*found, childPath(path_, key));
}

std::optional<Node> Node::maybe(std::string_view key) const {
    if (!value_->is_object()) {
        fail("expected an object");
    }
    const auto found = value_->find(key);
    if (found == value_->end() || found->is_null()) {
        return std::nullopt;
    }
    return Node(*found, childPath(path_, key));
}

std::string Node::string() const {
    if (!value_->is_string()) {
        fail("expected a string");
    }
    return value_->get<std::string>();
}

std::int64_t Node::integer(std::int64_t min, std::int64_t max) const {
    std::int64_t value = 0;
    if (value_->is_number_unsigned()) {
        const auto unsignedValue = value_->get<std::uint64_t>();
        if (unsignedValue > static_cast<std::uint64_t>(max)) {
            fail("must be at most " + std::to_string(max));
        }
        value = static_cast<std::int64_t>(unsignedValue);
    } else if (value_->is_number_integer()) {
        value = value_->get<std::int64_t>();
    } else {
        fail("expected an integer");
    }
    if (value < min) {
        fail("must be at least " + std::to_string(min));
    }
    if (value > max) {
        fail("must be at most " + std::to_string(max));
    }
    return value;
}

std::uint64_t Node::unsignedInteger() const {
    if (value_->is_number_unsigned()) {
        return value_->get<std::uint64_t>();
    }
    if (value_->is_number_integer()) {
        fail("must not be negative");
    }
    fail("expected an integer");
}

bool Node::boolean() const {
    if (!value_->is_boolean()) {
        fail("expected true or false");
    }
    return value_->get<bool>();
}

std::vector<Node> Node::array() const {
    if (!value_->is_array()) {
        fail("expected an array");
    }
    std::vector<Node> items;
    items.reserve(value_->size());
    std::size_t index = 0;
    for (const auto& item : *value_) {
        items.emplace_back(item, path_ + "[" + std::to_string(index) + "]");
        ++index;
    }
    return items;
}

std::vector<std::pair<std::string, Node>> Node::members() const {
    if (!value_->is_object()) {
        fail("expected an object");
    }
    std::vector<std::pair<std::string, Node>> result;
    for (auto it = value_->begin(); it != value_->end(); ++it) {
        result.emplace_back(it.key(), Node(it.value(), childPath(path_, it.key())));
    }
    return result;
}

}  // namespace balie::sync::protocol::detail
