// SPDX-License-Identifier: GPL-3.0-or-later
// Persona files (JSON) for the virtual eID card.
#include "persona.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

namespace balie::cardsim {

namespace {

using core::Errc;
using core::fail;
using core::Result;
using Json = nlohmann::json;

// Optional identity fields of residence cards: JSON key and tag ([IDF] section 1).
constexpr std::pair<const char*, std::uint8_t> kExtraFields[] = {
    {"duplicate", 0x12},
    {"special_organisation", 0x13},
    {"protection", 0x15},
    {"work_permit", 0x16},
    {"employer_vat_1", 0x17},
    {"employer_vat_2", 0x18},
    {"regional_file_number", 0x19},
    {"brexit_mention_1", 0x1B},
    {"brexit_mention_2", 0x1C},
    {"card_a_mention_1", 0x1D},
    {"card_a_mention_2", 0x1E},
    {"registration_date", 0x1F},
};

// Reads the members of one JSON object, remembering the first problem so that the caller can
// read every field in a row and check once.
class ObjectReader {
public:
    ObjectReader(const Json& object, std::string where)
        : object_(object), where_(std::move(where)) {}

    void text(const char* key, std::string& out) {
        const Json* value = member(key, true);
        if (value == nullptr) {
            return;
        }
        if (!value->is_string()) {
            setError("'" + where_ + key + "' must be a string");
            return;
        }
        out = value->get<std::string>();
    }

    bool optionalText(const char* key, std::string& out) {
        if (member(key, false) == nullptr) {
            return false;
        }
        text(key, out);
        return true;
    }

    void integer(const char* key, int& out) {
        const Json* value = member(key, true);
        if (value == nullptr) {
            return;
        }
        if (!value->is_number_integer()) {
            setError("'" + where_ + key + "' must be an integer");
            return;
        }
        out = value->get<int>();
    }

    void boolean(const char* key, bool& out) {
        const Json* value = member(key, false);
        if (value == nullptr) {
            return;
        }
        if (!value->is_boolean()) {
            setError("'" + where_ + key + "' must be true or false");
            return;
        }
        out = value->get<bool>();
    }

    const Json* object(const char* key) {
        const Json* value = member(key, true);
        if (value != nullptr && !value->is_object()) {
            setError("'" + where_ + key + "' must be an object");
            return nullptr;
        }
        return value;
    }

    // Every member of the object must be one of \a known: catches typos in persona files.
    void rejectUnknown(std::initializer_list<const char*> known, bool allowExtraFields) {
        for (const auto& [key, value] : object_.items()) {
            bool isKnown = std::any_of(known.begin(), known.end(),
                                       [&](const char* name) { return key == name; });
            if (allowExtraFields) {
                for (const auto& [name, tag] : kExtraFields) {
                    isKnown = isKnown || key == name;
                }
            }
            if (!isKnown) {
                setError("unknown field '" + where_ + key + "'");
            }
        }
    }

    void setError(std::string message) {
        if (error_.empty()) {
            error_ = std::move(message);
        }
    }

    const std::string& error() const { return error_; }

private:
    const Json* member(const char* key, bool required) {
        auto it = object_.find(key);
        if (it == object_.end()) {
            if (required) {
                setError("missing field '" + where_ + key + "'");
            }
            return nullptr;
        }
        return &*it;
    }

    const Json& object_;
    std::string where_;
    std::string error_;
};

bool isDigits(const std::string& text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<Persona> parsePersona(const std::string& json, const std::string& baseDir) {
    Json root = Json::parse(json, nullptr, false);
    if (root.is_discarded()) {
        return fail(Errc::Config, "not valid JSON");
    }
    if (!root.is_object()) {
        return fail(Errc::Config, "the persona must be a JSON object");
    }
    Persona persona;
    ObjectReader top(root, "");
    top.rejectUnknown({"description",
                       "applet",
                       "card_number",
                       "chip_number",
                       "validity_begin",
                       "validity_end",
                       "issuing_municipality",
                       "document_type",
                       "national_number",
                       "surname",
                       "given_names",
                       "third_initial",
                       "nationality",
                       "birth_place",
                       "birth_date",
                       "sex",
                       "noble_condition",
                       "special_status",
                       "member_of_family",
                       "data_hash",
                       "address",
                       "photo",
                       "pin",
                       "pin_tries_left",
                       "pki"},
                      true);
    std::string applet, chipNumber, dataHash, photo;
    top.text("applet", applet);
    top.text("card_number", persona.cardNumber);
    top.text("chip_number", chipNumber);
    top.text("validity_begin", persona.validityBegin);
    top.text("validity_end", persona.validityEnd);
    top.text("issuing_municipality", persona.issuingMunicipality);
    top.text("document_type", persona.documentType);
    top.text("national_number", persona.nationalNumber);
    top.text("surname", persona.surname);
    top.text("given_names", persona.givenNames);
    top.text("third_initial", persona.thirdInitial);
    top.text("nationality", persona.nationality);
    top.text("birth_place", persona.birthPlace);
    top.text("birth_date", persona.birthDate);
    top.text("sex", persona.sex);
    top.text("noble_condition", persona.nobleCondition);
    top.text("special_status", persona.specialStatus);
    for (const auto& [key, tag] : kExtraFields) {
        std::string value;
        if (top.optionalText(key, value)) {
            persona.extraFields[tag] = value;
        }
    }
    top.boolean("member_of_family", persona.memberOfFamily);
    bool hasDataHash = top.optionalText("data_hash", dataHash);
    top.text("photo", photo);
    top.text("pin", persona.pin);
    top.integer("pin_tries_left", persona.pinTriesLeft);

    if (const Json* address = top.object("address")) {
        ObjectReader reader(*address, "address.");
        reader.rejectUnknown({"street_and_number", "postal_code", "municipality"}, false);
        reader.text("street_and_number", persona.streetAndNumber);
        reader.text("postal_code", persona.postalCode);
        reader.text("municipality", persona.municipality);
        top.setError(reader.error());
    }
    if (const Json* pki = top.object("pki")) {
        ObjectReader reader(*pki, "pki.");
        reader.rejectUnknown({"root_certificate", "ca_certificate", "rrn_certificate", "rrn_key",
                              "authentication_certificate", "authentication_key",
                              "signing_certificate", "signing_key", "basic_key"},
                             false);
        PersonaPki& paths = persona.pki;
        reader.text("root_certificate", paths.rootCertificate);
        reader.text("ca_certificate", paths.caCertificate);
        reader.text("rrn_certificate", paths.rrnCertificate);
        reader.text("rrn_key", paths.rrnKey);
        reader.text("authentication_certificate", paths.authenticationCertificate);
        reader.text("authentication_key", paths.authenticationKey);
        reader.text("signing_certificate", paths.signingCertificate);
        reader.text("signing_key", paths.signingKey);
        reader.optionalText("basic_key", paths.basicKey);
        top.setError(reader.error());
    }
    if (!top.error().empty()) {
        return fail(Errc::Config, top.error());
    }

    if (applet == "1.7") {
        persona.applet = AppletVersion::V17;
    } else if (applet == "1.8") {
        persona.applet = AppletVersion::V18;
    } else {
        return fail(Errc::Config, "'applet' must be \"1.7\" or \"1.8\", not \"" + applet + "\"");
    }
    auto chip = fromHex(chipNumber);
    if (!chip.has_value() || chip->size() != 16) {
        return fail(Errc::Config, "'chip_number' must be 32 hexadecimal digits");
    }
    persona.chipNumber = *chip;
    if (!isDigits(persona.pin) || persona.pin.size() < 4 || persona.pin.size() > 12) {
        return fail(Errc::Config, "'pin' must be 4 to 12 digits");
    }
    if (persona.pinTriesLeft < 0 || persona.pinTriesLeft > 3) {
        return fail(Errc::Config, "'pin_tries_left' must be 0 to 3");
    }
    // Applet 1.8 hashes the photo with SHA-384; 1.7 cards carry SHA-1 or SHA-256 ([CONT]).
    if (!hasDataHash) {
        persona.dataHash =
            persona.applet == AppletVersion::V18 ? HashAlgorithm::Sha384 : HashAlgorithm::Sha256;
    } else if (dataHash == "sha1" && persona.applet == AppletVersion::V17) {
        persona.dataHash = HashAlgorithm::Sha1;
    } else if (dataHash == "sha256" && persona.applet == AppletVersion::V17) {
        persona.dataHash = HashAlgorithm::Sha256;
    } else if (dataHash == "sha384" && persona.applet == AppletVersion::V18) {
        persona.dataHash = HashAlgorithm::Sha384;
    } else {
        return fail(Errc::Config,
                    "'data_hash' must be \"sha1\" or \"sha256\" on applet 1.7, \"sha384\" on 1.8");
    }
    if (persona.applet == AppletVersion::V18 && persona.pki.basicKey.empty()) {
        return fail(Errc::Config, "applet 1.8 needs 'pki.basic_key'");
    }
    if (persona.applet == AppletVersion::V17 && !persona.pki.basicKey.empty()) {
        return fail(Errc::Config, "applet 1.7 has no basic key: remove 'pki.basic_key'");
    }
    std::filesystem::path photoPath(photo);
    persona.photoPath =
        photoPath.is_absolute() ? photo : (std::filesystem::path(baseDir) / photo).string();
    return persona;
}

Result<Persona> loadPersona(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return fail(Errc::Config, "cannot open persona " + path);
    }
    std::ostringstream text;
    text << file.rdbuf();
    auto persona = parsePersona(text.str(), std::filesystem::path(path).parent_path().string());
    if (!persona.has_value()) {
        return fail(Errc::Config, path + ": " + persona.error().message);
    }
    return persona;
}

}  // namespace balie::cardsim
