// SPDX-License-Identifier: GPL-3.0-or-later
// Checks JSON bodies against sync/protocol/openapi.json: type, required, properties, enum, items,
// nullable, $ref and allOf, which is all the protocol's schemas use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace balie::test {

class OpenApi {
public:
    /// \brief Reads sync/protocol/openapi.json of this source tree; throws when it cannot.
    static OpenApi load();

    const nlohmann::json& document() const { return document_; }

    /// \brief Problems of `value` against components/schemas/`name`; empty when it conforms.
    std::vector<std::string> check(std::string_view name, const nlohmann::json& value) const;

    /// \brief Problems of a response body against the schema the document gives for `method` on
    /// `path` (a real path such as /v1/requests/B-000001, query string left out) and `status`.
    /// A response the document does not describe is a problem too, except an error of a path it
    /// does not know, which must still have the Error shape.
    std::vector<std::string> checkResponse(std::string_view method, std::string_view path,
                                           int status, std::string_view body) const;

private:
    explicit OpenApi(nlohmann::json document) : document_(std::move(document)) {}
    void checkValue(const nlohmann::json& schema, const nlohmann::json& value,
                    const std::string& where, std::vector<std::string>& problems) const;
    const nlohmann::json& resolve(const nlohmann::json& schema) const;

    nlohmann::json document_;
};

}  // namespace balie::test
