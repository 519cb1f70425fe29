// SPDX-License-Identifier: GPL-3.0-or-later
// Checks JSON bodies against sync/protocol/openapi.json.
#include "openapi_checker.h"

#include <fstream>
#include <regex>
#include <stdexcept>

namespace balie::test {
namespace {

using nlohmann::json;

bool hasType(const json& value, const std::string& type) {
    if (type == "object") {
        return value.is_object();
    }
    if (type == "array") {
        return value.is_array();
    }
    if (type == "string") {
        return value.is_string();
    }
    if (type == "integer") {
        return value.is_number_integer();
    }
    if (type == "number") {
        return value.is_number();
    }
    if (type == "boolean") {
        return value.is_boolean();
    }
    return false;
}

// "/v1/requests/{ticket}" matches "/v1/requests/B-000001".
bool matchesTemplate(std::string_view pattern, std::string_view path) {
    std::size_t p = 0;
    std::size_t q = 0;
    while (p < pattern.size() && q < path.size()) {
        if (pattern[p] == '{') {
            p = pattern.find('}', p) + 1;
            while (q < path.size() && path[q] != '/') {
                ++q;
            }
            continue;
        }
        if (pattern[p] != path[q]) {
            return false;
        }
        ++p;
        ++q;
    }
    return p == pattern.size() && q == path.size();
}

}  // namespace

OpenApi OpenApi::load() {
    std::ifstream file(BALIE_OPENAPI_PATH);
    if (!file) {
        throw std::runtime_error("cannot read " + std::string(BALIE_OPENAPI_PATH));
    }
    return OpenApi(json::parse(file));
}

const json& OpenApi::resolve(const json& schema) const {
    if (schema.contains("$ref")) {
        const std::string reference = schema["$ref"].get<std::string>();
        const std::string prefix = "#/components/schemas/";
        return resolve(document_["components"]["schemas"][reference.substr(prefix.size())]);
    }
    return schema;
}

void OpenApi::checkValue(const json& rawSchema, const json& value, const std::string& where,
                         std::vector<std::string>& problems) const {
    const json& schema = resolve(rawSchema);
    if (value.is_null()) {
        if (!schema.contains("nullable") || schema["nullable"] != json(true)) {
            problems.push_back(where + ": null where the schema does not allow it");
        }
        return;
    }
    if (schema.contains("allOf")) {
        for (const json& part : schema["allOf"]) {
            checkValue(part, value, where, problems);
        }
        return;
    }
    if (schema.contains("type") && !hasType(value, schema["type"].get<std::string>())) {
        problems.push_back(where + ": expected " + schema["type"].get<std::string>() + ", got " +
                           value.dump());
        return;
    }
    if (schema.contains("enum")) {
        bool found = false;
        for (const json& allowed : schema["enum"]) {
            found = found || allowed == value;
        }
        if (!found) {
            problems.push_back(where + ": " + value.dump() + " is not one of " +
                               schema["enum"].dump());
        }
    }
    if (schema.contains("pattern") && value.is_string() &&
        !std::regex_search(value.get<std::string>(),
                           std::regex(schema["pattern"].get<std::string>()))) {
        problems.push_back(where + ": " + value.dump() + " does not match " +
                           schema["pattern"].get<std::string>());
    }
    if (value.is_object()) {
        const json required = schema.contains("required") ? schema["required"] : json::array();
        for (const json& name : required) {
            if (!value.contains(name.get<std::string>())) {
                problems.push_back(where + ": missing required " + name.get<std::string>());
            }
        }
        const json properties =
            schema.contains("properties") ? schema["properties"] : json::object();
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string child = where + "." + it.key();
            if (properties.contains(it.key())) {
                checkValue(properties[it.key()], it.value(), child, problems);
            } else if (schema.contains("additionalProperties")) {
                checkValue(schema["additionalProperties"], it.value(), child, problems);
            } else {
                problems.push_back(child + ": not described by the schema");
            }
        }
    }
    if (value.is_array() && schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            checkValue(schema["items"], value[i], where + "[" + std::to_string(i) + "]", problems);
        }
    }
}

std::vector<std::string> OpenApi::check(std::string_view name, const json& value) const {
    std::vector<std::string> problems;
    checkValue(json{{"$ref", "#/components/schemas/" + std::string(name)}}, value,
               std::string(name), problems);
    return problems;
}

std::vector<std::string> OpenApi::checkResponse(std::string_view method, std::string_view path,
                                                int status, std::string_view body) const {
    std::string verb(method);
    for (char& c : verb) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    for (auto it = document_["paths"].begin(); it != document_["paths"].end(); ++it) {
        if (!matchesTemplate(it.key(), path)) {
            continue;
        }
        if (!it.value().contains(verb)) {
            return {std::string(method) + " " + it.key() + " is not in the document"};
        }
        const json& responses = it.value()[verb]["responses"];
        const std::string code = std::to_string(status);
        if (!responses.contains(code)) {
            return {std::string(method) + " " + it.key() + " does not document status " + code};
        }
        const json& response = responses[code];
        if (!response.contains("content")) {
            return {};
        }
        const json parsed = json::parse(body, nullptr, false);
        if (parsed.is_discarded()) {
            return {"response body is not JSON: " + std::string(body.substr(0, 200))};
        }
        std::vector<std::string> problems;
        checkValue(response["content"]["application/json"]["schema"], parsed, "body", problems);
        return problems;
    }
    // Unknown endpoints still answer errors in the protocol's shape.
    if (status >= 400) {
        const json parsed = json::parse(body, nullptr, false);
        return parsed.is_discarded() ? std::vector<std::string>{"error body is not JSON"}
                                     : check("Error", parsed);
    }
    return {"no path of the document matches " + std::string(path)};
}

}  // namespace balie::test
