// SPDX-License-Identifier: GPL-3.0-or-later
// The personal part of a request as JSON, the plaintext the store encrypts.
#include "request_codec.h"

#include <array>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

namespace balie::sync {
namespace {

using nlohmann::json;

// Stable names, never the enum's numeric value: stored rows outlive reorderings of the enums.
constexpr std::array<std::pair<core::DocumentType, std::string_view>, 4> kDocumentTypes{{
    {core::DocumentType::Passport, "passport"},
    {core::DocumentType::IdentityCard, "identity_card"},
    {core::DocumentType::DrivingLicence, "driving_licence"},
    {core::DocumentType::ResidencePermit, "residence_permit"},
}};

constexpr std::array<std::pair<core::Sex, std::string_view>, 3> kSexes{{
    {core::Sex::Male, "male"},
    {core::Sex::Female, "female"},
    {core::Sex::Unknown, "unknown"},
}};

constexpr std::array<std::pair<core::AutoFilledField, std::string_view>, 10> kAutoFilledFields{{
    {core::AutoFilledField::DocumentType, "document_type"},
    {core::AutoFilledField::IssuingCountry, "issuing_country"},
    {core::AutoFilledField::DocumentNumber, "document_number"},
    {core::AutoFilledField::NationalNumber, "national_number"},
    {core::AutoFilledField::ValidUntil, "valid_until"},
    {core::AutoFilledField::Surname, "surname"},
    {core::AutoFilledField::GivenNames, "given_names"},
    {core::AutoFilledField::BirthDate, "birth_date"},
    {core::AutoFilledField::Sex, "sex"},
    {core::AutoFilledField::Nationality, "nationality"},
}};

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value) {
    for (const auto& [entry, name] : table) {
        if (entry == value) {
            return name;
        }
    }
    return {};
}

// Throws like nlohmann does on a bad payload; decodePersonal() turns that into an error value.
template <typename Enum, std::size_t N>
Enum valueOf(const std::array<std::pair<Enum, std::string_view>, N>& table, const json& name) {
    const auto& text = name.get_ref<const std::string&>();
    for (const auto& [entry, entryName] : table) {
        if (entryName == text) {
            return entry;
        }
    }
    throw std::out_of_range("unknown name " + text);
}

json encodeDate(const core::PartialDate& date) {
    return json::array({date.year, date.month, date.day});
}

core::PartialDate decodeDate(const json& value) {
    return core::PartialDate{value.at(0).get<int>(), value.at(1).get<int>(),
                             value.at(2).get<int>()};
}

template <typename T, typename Encode>
json encodeOptional(const std::optional<T>& value, Encode encode) {
    return value.has_value() ? json(encode(*value)) : json(nullptr);
}

json encodeAddress(const core::Address& address) {
    return json{{"street", address.street},
                {"number", address.number},
                {"box", address.box},
                {"postal_code", address.postalCode},
                {"municipality", address.municipality},
                {"country", address.country}};
}

core::Address decodeAddress(const json& value) {
    return core::Address{
        value.at("street").get<std::string>(),       value.at("number").get<std::string>(),
        value.at("box").get<std::string>(),          value.at("postal_code").get<std::string>(),
        value.at("municipality").get<std::string>(), value.at("country").get<std::string>()};
}

}  // namespace

std::string encodePersonal(const core::Request& request) {
    const auto& document = request.document;
    const auto& person = request.person;
    json pages = json::array();
    for (const auto& page : request.pages) {
        pages.push_back({{"id", page.pageId},
                         {"width", page.width},
                         {"height", page.height},
                         {"size", page.sizeBytes}});
    }
    json autoFilled = json::array();
    for (auto field : request.autoFilled) {
        autoFilled.push_back(nameOf(kAutoFilledFields, field));
    }
    const json payload{
        {"requester_name", request.requester.displayName},
        {"insz", request.insz},
        {"document",
         {{"type",
           encodeOptional(document.type, [](auto type) { return nameOf(kDocumentTypes, type); })},
          {"issuing_country", document.issuingCountry},
          {"number", document.number},
          {"national_number", document.nationalNumber},
          {"valid_from", encodeOptional(document.validFrom, encodeDate)},
          {"valid_until", encodeOptional(document.validUntil, encodeDate)}}},
        {"pages", std::move(pages)},
        {"person",
         {{"surname", person.surname},
          {"given_names", person.givenNames},
          {"birth_date", encodeDate(person.birthDate)},
          {"birth_place", person.birthPlace},
          {"birth_country", person.birthCountry},
          {"nationality", person.nationality},
          {"sex", encodeOptional(person.sex, [](auto sex) { return nameOf(kSexes, sex); })}}},
        {"residence", encodeAddress(request.residence)},
        {"contact_address", encodeOptional(request.contactAddress, encodeAddress)},
        {"email", request.email},
        {"comment", request.comment},
        {"auto_filled", std::move(autoFilled)},
    };
    return payload.dump();
}

core::Result<void> decodePersonal(std::string_view text, core::Request& request) {
    const json payload = json::parse(text, nullptr, false);
    if (payload.is_discarded()) {
        return core::fail(core::Errc::Storage, "stored request data is not valid JSON");
    }
    // Decode into a copy so `request` is unchanged when the payload turns out to be incomplete.
    core::Request decoded = request;
    try {
        decoded.requester.displayName = payload.at("requester_name").get<std::string>();
        decoded.insz = payload.at("insz").get<std::string>();

        const json& document = payload.at("document");
        decoded.document.type = document.at("type").is_null()
                                    ? std::nullopt
                                    : std::optional(valueOf(kDocumentTypes, document.at("type")));
        decoded.document.issuingCountry = document.at("issuing_country").get<std::string>();
        decoded.document.number = document.at("number").get<std::string>();
        decoded.document.nationalNumber = document.at("national_number").get<std::string>();
        decoded.document.validFrom = document.at("valid_from").is_null()
                                         ? std::nullopt
                                         : std::optional(decodeDate(document.at("valid_from")));
        decoded.document.validUntil = document.at("valid_until").is_null()
                                          ? std::nullopt
                                          : std::optional(decodeDate(document.at("valid_until")));

        decoded.pages.clear();
        for (const json& page : payload.at("pages")) {
            decoded.pages.push_back(core::DocumentPage{
                page.at("id").get<std::string>(), page.at("width").get<int>(),
                page.at("height").get<int>(), page.at("size").get<std::uint64_t>()});
        }

        const json& person = payload.at("person");
        decoded.person.surname = person.at("surname").get<std::string>();
        decoded.person.givenNames = person.at("given_names").get<std::string>();
        decoded.person.birthDate = decodeDate(person.at("birth_date"));
        decoded.person.birthPlace = person.at("birth_place").get<std::string>();
        decoded.person.birthCountry = person.at("birth_country").get<std::string>();
        decoded.person.nationality = person.at("nationality").get<std::string>();
        decoded.person.sex = person.at("sex").is_null()
                                 ? std::nullopt
                                 : std::optional(valueOf(kSexes, person.at("sex")));

        decoded.residence = decodeAddress(payload.at("residence"));
        decoded.contactAddress = payload.at("contact_address").is_null()
                                     ? std::nullopt
                                     : std::optional(decodeAddress(payload.at("contact_address")));
        decoded.email = payload.at("email").get<std::string>();
        decoded.comment = payload.at("comment").get<std::string>();
        decoded.autoFilled.clear();
        for (const json& field : payload.at("auto_filled")) {
            decoded.autoFilled.insert(valueOf(kAutoFilledFields, field));
        }
    } catch (const std::exception& error) {
        return core::fail(core::Errc::Storage,
                          std::string("stored request data is incomplete: ") + error.what());
    }
    request = std::move(decoded);
    return {};
}

}  // namespace balie::sync
