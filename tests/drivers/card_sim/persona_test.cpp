// SPDX-License-Identifier: GPL-3.0-or-later
// Persona files: the shipped ones load, and mistakes are reported in one line.
#include "persona.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "sim_test_support.h"

namespace balie::test {
namespace {

using cardsim::AppletVersion;
using cardsim::HashAlgorithm;
using cardsim::parsePersona;

// A minimal valid persona with one field replaced or added: "key": value (JSON text).
std::string personaWith(const std::string& extra = {}, const std::string& applet = "1.8") {
    std::string json = R"({"applet": ")" + applet + R"(", "card_number": "600123456859",
        "chip_number": "0123456789ABCDEF0011223344556677", "validity_begin": "01.01.2020",
        "validity_end": "01.01.2030", "issuing_municipality": "Brussel", "document_type": "1",
        "national_number": "90072104503", "surname": "Specimen", "given_names": "Test",
        "third_initial": "", "nationality": "Belg", "birth_place": "Brussel",
        "birth_date": "21 JUL 1990", "sex": "M", "noble_condition": "", "special_status": "0",
        "address": {"street_and_number": "Baliestraat 1", "postal_code": "1000",
                    "municipality": "Brussel"},
        "photo": "photo.jpg", "pin": "1234", "pin_tries_left": 3,
        "pki": {"root_certificate": "root.pem", "ca_certificate": "ca.pem",
                "rrn_certificate": "rrn.pem", "rrn_key": "rrn.key",
                "authentication_certificate": "a.pem", "authentication_key": "a.key",
                "signing_certificate": "s.pem", "signing_key": "s.key")";
    if (applet == "1.8") {
        json += R"(, "basic_key": "b.key")";
    }
    json += "}";
    if (!extra.empty()) {
        json += ", " + extra;
    }
    return json + "}";
}

std::string errorOf(const std::string& json) {
    auto persona = parsePersona(json, "/base");
    if (persona.has_value()) {
        return "(accepted)";
    }
    EXPECT_EQ(persona.error().code, core::Errc::Config);
    EXPECT_EQ(persona.error().message.find('\n'), std::string::npos) << "one line";
    return persona.error().message;
}

TEST(PersonaTest, LoadsEveryShippedPersona) {
    std::string directory = std::string(BALIE_TEST_DATA_DIR) + "/eid/personas";
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        auto persona = cardsim::loadPersona(entry.path().string());
        EXPECT_TRUE(persona.has_value()) << entry.path() << ": " << persona.error().message;
        ++count;
    }
    EXPECT_GE(count, 5);
    auto demo = cardsim::loadPersona(personaPath("demo-agent"));
    ASSERT_TRUE(demo.has_value());
    EXPECT_EQ(demo->pin, "1234") << "the PIN on the demo start screen";
    EXPECT_EQ(demo->applet, AppletVersion::V18);
    EXPECT_TRUE(std::filesystem::exists(demo->photoPath)) << demo->photoPath;
}

TEST(PersonaTest, ReadsFieldsAndDefaults) {
    auto persona =
        parsePersona(personaWith(R"("member_of_family": true, "work_permit": "7")"), "/base");
    ASSERT_TRUE(persona.has_value()) << persona.error().message;
    EXPECT_EQ(persona->surname, "Specimen");
    EXPECT_EQ(persona->postalCode, "1000");
    EXPECT_EQ(persona->photoPath, "/base/photo.jpg");
    EXPECT_EQ(persona->chipNumber.size(), 16u);
    EXPECT_EQ(persona->dataHash, HashAlgorithm::Sha384);
    EXPECT_TRUE(persona->memberOfFamily);
    EXPECT_EQ(persona->extraFields.at(0x16), "7");
    EXPECT_EQ(persona->pki.basicKey, "b.key");

    auto v17 = parsePersona(personaWith({}, "1.7"), "/base");
    ASSERT_TRUE(v17.has_value()) << v17.error().message;
    EXPECT_EQ(v17->dataHash, HashAlgorithm::Sha256) << "default of 1.7 cards";
    auto absolute = parsePersona(
        personaWith().replace(personaWith().find("photo.jpg"), 9, "/abs/p.jpg"), "/base");
    ASSERT_TRUE(absolute.has_value());
    EXPECT_EQ(absolute->photoPath, "/abs/p.jpg");
}

TEST(PersonaTest, RejectsMistakesWithAClearMessage) {
    EXPECT_EQ(errorOf("{not json"), "not valid JSON");
    EXPECT_EQ(errorOf("[1, 2]"), "the persona must be a JSON object");
    EXPECT_EQ(errorOf(personaWith(R"("surnme": "x")")), "unknown field 'surnme'");
    EXPECT_EQ(errorOf(personaWith(R"("address": {"street": "x"})")),
              "unknown field 'address.street'");
    EXPECT_EQ(errorOf(R"({"applet": "1.8"})"), "missing field 'card_number'");
    EXPECT_EQ(errorOf(personaWith(R"("pin_tries_left": "3")")),
              "'pin_tries_left' must be an integer");
    EXPECT_EQ(errorOf(personaWith(R"("member_of_family": 1)")),
              "'member_of_family' must be true or false");
    EXPECT_EQ(errorOf(personaWith({}, "2.0")), "'applet' must be \"1.7\" or \"1.8\", not \"2.0\"");
    EXPECT_EQ(errorOf(personaWith(R"("chip_number": "0123")")),
              "'chip_number' must be 32 hexadecimal digits");
    EXPECT_EQ(errorOf(personaWith(R"("pin": "12a4")")), "'pin' must be 4 to 12 digits");
    EXPECT_EQ(errorOf(personaWith(R"("pin": "123")")), "'pin' must be 4 to 12 digits");
    EXPECT_EQ(errorOf(personaWith(R"("pin_tries_left": 4)")), "'pin_tries_left' must be 0 to 3");
    EXPECT_EQ(errorOf(personaWith(R"("data_hash": "sha1")")),
              "'data_hash' must be \"sha1\" or \"sha256\" on applet 1.7, \"sha384\" on 1.8");
    EXPECT_EQ(errorOf(personaWith(R"("surname": 7)")), "'surname' must be a string");
    EXPECT_EQ(errorOf(personaWith(R"("pki": "x")")), "'pki' must be an object");
}

TEST(PersonaTest, BasicKeyBelongsToApplet18Only) {
    std::string withoutBasic = personaWith();
    withoutBasic.replace(withoutBasic.find(R"(, "basic_key": "b.key")"), 22, "");
    EXPECT_EQ(errorOf(withoutBasic), "applet 1.8 needs 'pki.basic_key'");
    std::string v17 = personaWith({}, "1.7");
    v17.replace(v17.find(R"("signing_key": "s.key")"), 22,
                R"("signing_key": "s.key", "basic_key": "b.key")");
    EXPECT_EQ(errorOf(v17), "applet 1.7 has no basic key: remove 'pki.basic_key'");
}

TEST(PersonaTest, ReportsAFileThatCannotBeRead) {
    auto persona = cardsim::loadPersona("/nonexistent/persona.json");
    ASSERT_FALSE(persona.has_value());
    EXPECT_EQ(persona.error().message, "cannot open persona /nonexistent/persona.json");
}

}  // namespace
}  // namespace balie::test
