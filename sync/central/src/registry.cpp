// SPDX-License-Identifier: GPL-3.0-or-later
// The registry of known persons and the decision on a complete request.
#include "balie/sync/central/registry.h"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "balie/core/country.h"
#include "balie/core/document.h"
#include "balie/core/mrz.h"
#include "balie/sync/protocol/codec.h"

namespace balie::sync::central {
namespace {

using nlohmann::json;

// Names farther apart than this are different persons; closer ones are for an operator.
constexpr std::size_t kNearNameDistance = 2;

// ASCII spellings of U+00C0 to U+017F (Latin-1 Supplement and Latin Extended-A), generated from
// Unicode decompositions; letters without one spelled as usual ("Ł" -> "L", "ß" -> "SS").
constexpr std::array<std::string_view, 192> kLatinFolding{
    {"A", "A", "A",  "A",  "A", "A", "AE", "C", "E", "E", "E",  "E",  "I", "I", "I",  "I",
     "D", "N", "O",  "O",  "O", "O", "O",  "",  "O", "U", "U",  "U",  "U", "Y", "TH", "SS",
     "A", "A", "A",  "A",  "A", "A", "AE", "C", "E", "E", "E",  "E",  "I", "I", "I",  "I",
     "D", "N", "O",  "O",  "O", "O", "O",  "",  "O", "U", "U",  "U",  "U", "Y", "TH", "Y",
     "A", "A", "A",  "A",  "A", "A", "C",  "C", "C", "C", "C",  "C",  "C", "C", "D",  "D",
     "D", "D", "E",  "E",  "E", "E", "E",  "E", "E", "E", "E",  "E",  "G", "G", "G",  "G",
     "G", "G", "G",  "G",  "H", "H", "H",  "H", "I", "I", "I",  "I",  "I", "I", "I",  "I",
     "I", "I", "IJ", "IJ", "J", "J", "K",  "K", "K", "L", "L",  "L",  "L", "L", "L",  "L",
     "L", "L", "L",  "N",  "N", "N", "N",  "N", "N", "N", "NG", "NG", "O", "O", "O",  "O",
     "O", "O", "OE", "OE", "R", "R", "R",  "R", "R", "R", "S",  "S",  "S", "S", "S",  "S",
     "S", "S", "T",  "T",  "T", "T", "T",  "T", "U", "U", "U",  "U",  "U", "U", "U",  "U",
     "U", "U", "U",  "U",  "W", "W", "Y",  "Y", "Y", "Z", "Z",  "Z",  "Z", "Z", "Z",  "S"}};

// Decodes one UTF-8 sequence at text[at]; returns the code point and advances at. Invalid bytes
// decode as themselves so they still compare.
char32_t nextCodePoint(std::string_view text, std::size_t& at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = lead < 0x80           ? 1
                         : (lead >> 5) == 0x6  ? 2
                         : (lead >> 4) == 0xe  ? 3
                         : (lead >> 3) == 0x1e ? 4
                                               : 1;
    if (at + length > text.size()) {
        length = 1;
    }
    char32_t value = static_cast<char32_t>(length == 1 ? lead : lead & (0x7f >> length));
    for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text[at + i]);
        if ((next & 0xc0) != 0x80) {
            ++at;
            return lead;
        }
        value = (value << 6) | (next & 0x3f);
    }
    at += length;
    return value;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

std::string fullName(const core::Person& person) {
    return normalizeName(person.surname + " " + person.givenNames);
}

bool sameNames(const core::Person& a, const core::Person& b) {
    return normalizeName(a.surname) == normalizeName(b.surname) &&
           normalizeName(a.givenNames) == normalizeName(b.givenNames);
}

// Unknown parts match anything: a registry date "1990-04-00" matches a document's 1990-04-17.
bool sameBirthDate(const core::PartialDate& a, const core::PartialDate& b) {
    return a.year == b.year && (a.month == 0 || b.month == 0 || a.month == b.month) &&
           (a.day == 0 || b.day == 0 || a.day == b.day);
}

bool sameNationality(const core::Person& request, const core::Person& known) {
    return request.nationality.empty() || known.nationality.empty() ||
           request.nationality == known.nationality;
}

// What the registry adds to the request's person: fields the request left empty or unknown.
protocol::PersonCompletion completion(const core::Person& request, const core::Person& known) {
    protocol::PersonCompletion fields;
    if (request.givenNames.empty() && !known.givenNames.empty()) {
        fields["given_names"] = known.givenNames;
    }
    if ((request.birthDate.month == 0 || request.birthDate.day == 0) &&
        known.birthDate.isComplete()) {
        fields["birth_date"] = known.birthDate.iso();
    }
    if (request.birthPlace.empty() && !known.birthPlace.empty()) {
        fields["birth_place"] = known.birthPlace;
    }
    if (request.birthCountry.empty() && !known.birthCountry.empty()) {
        fields["birth_country"] = protocol::countryToWire(known.birthCountry);
    }
    if (request.nationality.empty() && !known.nationality.empty()) {
        fields["nationality"] = protocol::countryToWire(known.nationality);
    }
    if ((!request.sex.has_value() || *request.sex == core::Sex::Unknown) && known.sex.has_value() &&
        *known.sex != core::Sex::Unknown) {
        fields["sex"] = std::string(protocol::sexKey(*known.sex));
    }
    return fields;
}

std::string mrzLetters(std::string_view name) {
    std::string letters;
    for (char c : normalizeName(name)) {
        if (c >= 'A' && c <= 'Z') {
            letters += c;
        }
    }
    return letters;
}

// Names in a machine readable zone are transliterated (ICAO 9303 Part 3: "Ü" -> "UE" or "U"), so
// typed names agree with it when their letters are equal, within a small distance, or a prefix of
// a name the zone cut short.
bool namesAgree(std::string_view typed, std::string_view zone, bool zoneTruncated) {
    const std::string a = mrzLetters(typed);
    const std::string b = mrzLetters(zone);
    if (a == b || editDistance(a, b) <= kNearNameDistance) {
        return true;
    }
    return zoneTruncated && a.starts_with(b);
}

// "YYMMDD" with '<' for unknown parts against a typed date.
bool datesAgree(std::string_view zone, const core::PartialDate& typed) {
    if (zone.size() != 6) {
        return false;
    }
    auto part = [&](std::size_t at, int value) {
        if (zone[at] == '<' || value == 0) {
            return true;
        }
        return (zone[at] - '0') * 10 + (zone[at + 1] - '0') == value;
    };
    return part(0, typed.year % 100) && part(2, typed.month) && part(4, typed.day);
}

core::Result<KnownPerson> decodePerson(const json& entry, const std::string& where) {
    auto fail = [&](const std::string& field, const std::string& problem) {
        return core::fail(core::Errc::InvalidFormat, where + "." + field + ": " + problem);
    };
    if (!entry.is_object()) {
        return core::fail(core::Errc::InvalidFormat, where + ": expected an object");
    }
    auto text = [&](const char* key) -> std::optional<std::string> {
        const auto found = entry.find(key);
        if (found == entry.end() || found->is_null()) {
            return std::string();
        }
        if (!found->is_string()) {
            return std::nullopt;
        }
        return found->get<std::string>();
    };
    KnownPerson known;
    for (const char* key : {"insz", "surname", "given_names", "birth_date", "birth_place",
                            "birth_country", "nationality", "sex", "national_number"}) {
        if (!text(key).has_value()) {
            return fail(key, "expected a string");
        }
    }
    known.insz = *text("insz");
    if (known.insz.size() != 11 || !std::all_of(known.insz.begin(), known.insz.end(),
                                                [](char c) { return c >= '0' && c <= '9'; })) {
        return fail("insz", "expected 11 digits");
    }
    known.person.surname = *text("surname");
    if (known.person.surname.empty()) {
        return fail("surname", "missing");
    }
    known.person.givenNames = *text("given_names");
    auto birthDate = core::PartialDate::fromIso(*text("birth_date"));
    if (!birthDate.has_value()) {
        return fail("birth_date", "expected YYYY-MM-DD");
    }
    known.person.birthDate = *birthDate;
    known.person.birthPlace = *text("birth_place");
    auto birthCountry = protocol::countryFromWire(*text("birth_country"));
    auto nationality = protocol::countryFromWire(*text("nationality"));
    if (!birthCountry.has_value()) {
        return fail("birth_country", "unknown country code");
    }
    if (!nationality.has_value()) {
        return fail("nationality", "unknown country code");
    }
    known.person.birthCountry = *birthCountry;
    known.person.nationality = *nationality;
    if (const std::string sex = *text("sex"); !sex.empty()) {
        known.person.sex = protocol::sexFromKey(sex);
        if (!known.person.sex.has_value()) {
            return fail("sex", "expected M, F or X");
        }
    }
    known.nationalNumber = *text("national_number");
    if (const auto documents = entry.find("documents"); documents != entry.end()) {
        if (!documents->is_array()) {
            return fail("documents", "expected an array");
        }
        for (const json& document : *documents) {
            if (!document.is_object() || !document.value("issuing_country", json()).is_string() ||
                !document.value("number", json()).is_string()) {
                return fail("documents", "expected {\"issuing_country\", \"number\"} entries");
            }
            auto country =
                protocol::countryFromWire(document["issuing_country"].get<std::string>());
            if (!country.has_value()) {
                return fail("documents", "unknown country code");
            }
            known.documents.push_back({*country, document["number"].get<std::string>()});
        }
    }
    return known;
}

}  // namespace

std::string normalizeName(std::string_view name) {
    std::string out;
    bool pendingSpace = false;
    auto append = [&](std::string_view piece) {
        if (pendingSpace && !out.empty()) {
            out += ' ';
        }
        pendingSpace = false;
        out += piece;
    };
    std::size_t at = 0;
    while (at < name.size()) {
        const char32_t cp = nextCodePoint(name, at);
        if (cp >= 'a' && cp <= 'z') {
            append(std::string(1, static_cast<char>(cp - 'a' + 'A')));
        } else if ((cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')) {
            append(std::string(1, static_cast<char>(cp)));
        } else if (cp >= 0xC0 && cp < 0x180) {
            const std::string_view folded = kLatinFolding[cp - 0xC0];
            if (!folded.empty()) {
                append(folded);
            }
        } else if (cp == 0x218 || cp == 0x219) {  // Romanian S and T with comma below
            append("S");
        } else if (cp == 0x21A || cp == 0x21B) {
            append("T");
        } else if (cp < 0x80) {
            // Spaces, hyphens, apostrophes, MRZ fillers: all separate name parts alike.
            pendingSpace = true;
        } else {
            std::string encoded;
            appendUtf8(encoded, cp);
            append(encoded);
        }
    }
    return out;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::string documentKey(std::string_view issuingCountry, std::string_view number) {
    return std::string(issuingCountry) + ":" + core::normalizeDocumentNumber(number);
}

std::optional<ConsistencyProblem> checkConsistency(
    const core::Request& request, const std::optional<std::vector<std::string>>& mrz) {
    if (!mrz.has_value() || mrz->empty()) {
        return ConsistencyProblem{"no machine readable zone was read"};
    }
    auto zone = core::parseMrzLines(*mrz);
    if (!zone.has_value()) {
        return ConsistencyProblem{"machine readable zone unreadable: " + zone.error().message};
    }
    if (!zone->valid()) {
        return ConsistencyProblem{"machine readable zone check digits do not match"};
    }
    const core::Document& document = request.document;
    const core::Person& person = request.person;
    if (document.nationalNumber.empty() && core::normalizeDocumentNumber(zone->documentNumber) !=
                                               core::normalizeDocumentNumber(document.number)) {
        return ConsistencyProblem{"document number differs from the machine readable zone"};
    }
    if (!datesAgree(zone->birthDate, person.birthDate)) {
        return ConsistencyProblem{"birth date differs from the machine readable zone"};
    }
    const core::Country* zoneNationality = core::countryByMrzCode(zone->nationality);
    if (!person.nationality.empty() && zoneNationality != nullptr && zoneNationality->isIso() &&
        zoneNationality->alpha2 != person.nationality) {
        return ConsistencyProblem{"nationality differs from the machine readable zone"};
    }
    if (person.sex.has_value() && zone->sex != '<' &&
        ((zone->sex == 'M' && *person.sex != core::Sex::Male) ||
         (zone->sex == 'F' && *person.sex != core::Sex::Female))) {
        return ConsistencyProblem{"sex differs from the machine readable zone"};
    }
    if (!namesAgree(person.surname, zone->surname(), zone->namePossiblyTruncated) ||
        !namesAgree(person.givenNames, zone->givenNames(), zone->namePossiblyTruncated)) {
        return ConsistencyProblem{"names differ from the machine readable zone"};
    }
    return std::nullopt;
}

Decision decide(const core::Request& request, const std::optional<std::vector<std::string>>& mrz,
                const std::vector<KnownPerson>& candidates) {
    if (auto problem = checkConsistency(request, mrz); problem.has_value()) {
        return Decision{DecisionKind::Operator, {}, {}, problem->note};
    }
    const core::Person& person = request.person;
    const std::string nationalNumber =
        core::normalizeDocumentNumber(request.document.nationalNumber);
    for (const KnownPerson& known : candidates) {
        const bool byNationalNumber =
            !nationalNumber.empty() &&
            core::normalizeDocumentNumber(known.nationalNumber) == nationalNumber &&
            sameNationality(person, known.person);
        const bool byData = sameNames(person, known.person) &&
                            sameBirthDate(person.birthDate, known.person.birthDate) &&
                            sameNationality(person, known.person);
        if (byNationalNumber || byData) {
            return Decision{
                DecisionKind::Identified, known.insz, completion(person, known.person), {}};
        }
    }
    const std::string requestKey =
        documentKey(request.document.issuingCountry, request.document.number);
    for (const KnownPerson& known : candidates) {
        const bool nearName =
            editDistance(fullName(person), fullName(known.person)) <= kNearNameDistance;
        if (nearName && sameBirthDate(person.birthDate, known.person.birthDate) &&
            sameNationality(person, known.person)) {
            return Decision{DecisionKind::Operator,
                            {},
                            {},
                            "near match with known person " + known.insz + " (names differ)"};
        }
        for (const KnownDocument& document : known.documents) {
            if (documentKey(document.issuingCountry, document.number) == requestKey) {
                return Decision{DecisionKind::Operator,
                                {},
                                {},
                                "document already known for person " + known.insz +
                                    " with another name or birth date"};
            }
        }
        if (sameNames(person, known.person) &&
            sameBirthDate(person.birthDate, known.person.birthDate)) {
            return Decision{DecisionKind::Operator,
                            {},
                            {},
                            "same name and birth date as known person " + known.insz +
                                " with another nationality"};
        }
    }
    return Decision{DecisionKind::NewBis, {}, {}, {}};
}

std::string encodeKnownPerson(const KnownPerson& known) {
    json documents = json::array();
    for (const auto& document : known.documents) {
        documents.push_back({{"issuing_country", protocol::countryToWire(document.issuingCountry)},
                             {"number", document.number}});
    }
    const core::Person& person = known.person;
    return json{{"insz", known.insz},
                {"surname", person.surname},
                {"given_names", person.givenNames},
                {"birth_date", person.birthDate.iso()},
                {"birth_place", person.birthPlace},
                {"birth_country", protocol::countryToWire(person.birthCountry)},
                {"nationality", protocol::countryToWire(person.nationality)},
                {"sex", person.sex.has_value() ? std::string(protocol::sexKey(*person.sex)) : ""},
                {"national_number", known.nationalNumber},
                {"documents", std::move(documents)}}
        .dump(-1, ' ', false, json::error_handler_t::replace);
}

core::Result<KnownPerson> decodeKnownPerson(std::string_view text) {
    const json entry = json::parse(text, nullptr, false);
    if (entry.is_discarded()) {
        return core::fail(core::Errc::InvalidFormat, "registry entry is not valid JSON");
    }
    return decodePerson(entry, "entry");
}

core::Result<std::vector<KnownPerson>> parseRegistry(std::string_view text) {
    const json list = json::parse(text, nullptr, false);
    if (list.is_discarded()) {
        return core::fail(core::Errc::InvalidFormat, "registry file is not valid JSON");
    }
    if (!list.is_array()) {
        return core::fail(core::Errc::InvalidFormat,
                          "registry file must hold a JSON list of persons");
    }
    std::vector<KnownPerson> persons;
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto known = decodePerson(list[i], "[" + std::to_string(i) + "]");
        if (!known.has_value()) {
            return tl::unexpected(known.error());
        }
        persons.push_back(std::move(*known));
    }
    return persons;
}

}  // namespace balie::sync::central
