// SPDX-License-Identifier: GPL-3.0-or-later
// The central service's answer details as the store seals them, and as a request carries them.
#include "answer_codec.h"

#include <sodium.h>

#include <map>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "balie/sync/protocol/codec.h"
#include "store_rows.h"

namespace balie::sync {
namespace {

std::string answerContext(std::string_view localId) {
    return "balie/answer/" + std::string(localId);
}

std::optional<std::string> wireCountry(const std::string& alpha3) {
    auto country = protocol::countryFromWire(alpha3);
    if (!country.has_value() || country->empty()) {
        return std::nullopt;
    }
    return country;
}

// The completed fields by their wire names and values (as PersonCompletion on the wire); a field
// or value this kiosk does not know, from a newer central service, is left out.
core::PersonCompletion completionOf(const std::map<std::string, std::string>& fields) {
    core::PersonCompletion completion;
    for (const auto& [field, value] : fields) {
        if (field == "given_names") {
            completion.givenNames = value;
        } else if (field == "birth_date") {
            completion.birthDate = core::PartialDate::fromIso(value);
        } else if (field == "birth_place") {
            completion.birthPlace = value;
        } else if (field == "birth_country") {
            completion.birthCountry = wireCountry(value);
        } else if (field == "nationality") {
            completion.nationality = wireCountry(value);
        } else if (field == "sex") {
            completion.sex = protocol::sexFromKey(value);
        }
    }
    return completion;
}

}  // namespace

std::vector<std::uint8_t> sealAnswerDetails(const SecretKey& key, std::string_view localId,
                                            const AnswerDetails& details) {
    std::string plain = nlohmann::json{{"action_detail", details.actionDetail},
                                       {"person_completed", details.personCompleted}}
                            .dump();
    auto sealed = seal(key, bytesOf(plain), answerContext(localId));
    sodium_memzero(plain.data(), plain.size());
    return sealed;
}

core::Result<AnswerDetails> unsealAnswerDetails(const SecretKey& key, std::string_view localId,
                                                std::span<const std::uint8_t> sealed) {
    auto plain = unseal(key, sealed, answerContext(localId));
    if (!plain.has_value()) {
        return core::fail(core::Errc::Storage,
                          "the answer of request " + std::string(localId) +
                              " cannot be decrypted: its stored data was altered");
    }
    auto json = nlohmann::json::parse(plain->begin(), plain->end(), nullptr, false);
    sodium_memzero(plain->data(), plain->size());
    if (!json.is_object()) {
        return core::fail(core::Errc::Storage,
                          "the stored answer of request " + std::string(localId) + " is damaged");
    }
    AnswerDetails details;
    if (const auto detail = json.find("action_detail");
        detail != json.end() && detail->is_string()) {
        details.actionDetail = detail->get<std::string>();
    }
    if (const auto completed = json.find("person_completed");
        completed != json.end() && completed->is_object()) {
        for (const auto& [field, value] : completed->items()) {
            if (value.is_string()) {
                details.personCompleted.emplace(field, value.get<std::string>());
            }
        }
    }
    return details;
}

core::Result<void> fillAnswerDetails(const SecretKey& key, std::span<const std::uint8_t> sealed,
                                     core::Request& request) {
    const bool actionExpected = request.status == core::RequestStatus::ActionExpected;
    const bool identified = request.status == core::RequestStatus::Identified;
    if (!actionExpected && !identified) {
        return {};
    }
    auto details = unsealAnswerDetails(key, request.localId, sealed);
    if (!details.has_value()) {
        return tl::unexpected(details.error());
    }
    if (actionExpected) {
        request.actionDetail = std::move(details->actionDetail);
    } else {
        request.personCompleted = completionOf(details->personCompleted);
    }
    return {};
}

}  // namespace balie::sync
