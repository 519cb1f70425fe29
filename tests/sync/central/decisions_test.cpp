// SPDX-License-Identifier: GPL-3.0-or-later
// What the central service decides when a request is complete: a known person's INSZ, an operator
// for near matches and missing or disagreeing machine readable zones, else a new BIS number.
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "balie/core/insz.h"
#include "balie/core/mrz_builder.h"
#include "central_fixture.h"

namespace balie::test {
namespace {

class DecisionsTest : public CentralTest {};

core::PartialDate today() {
    const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day date{day};
    return {int(date.year()), static_cast<int>(unsigned(date.month())),
            static_cast<int>(unsigned(date.day()))};
}

TEST_F(DecisionsTest, KnownPersonGetsTheRegistrysInszAndMissingData) {
    const auto pages = std::vector{pageBytes(5000, 20)};
    const auto resource = fileRequest(knownPersonRequest(server_->agentId(), pages), pages);
    EXPECT_EQ(resource["state"], "identified");
    EXPECT_EQ(resource["insz"], "90441701227");
    EXPECT_EQ(resource["person_completed"]["birth_place"], "Kraków");
    EXPECT_EQ(resource["person_completed"]["birth_country"], "POL");
}

TEST_F(DecisionsTest, KnownByTheDocumentsNationalNumber) {
    const auto pages = std::vector{pageBytes(5000, 21)};
    auto request = knownPersonRequest(server_->agentId(), pages);
    // Typed with another spelling, but the national number (PESEL) identifies her.
    request.request.person.givenNames = "Anna";
    request.request.document.nationalNumber = "90041754321";
    request.request.document.number = "90041754321";
    core::MrzFields fields;
    fields.documentCode = "P";
    fields.issuingState = "POL";
    fields.documentNumber = "EA1234567";
    fields.birthDate = "900417";
    fields.sex = 'F';
    fields.expiryDate = "300228";
    fields.nationality = "POL";
    fields.surname = "Kowalska";
    fields.givenNames = "Anna";
    fields.optionalData = "90041754321";
    request.mrz = core::buildMrz(fields).value();
    const auto resource = fileRequest(request, pages);
    EXPECT_EQ(resource["state"], "identified");
    EXPECT_EQ(resource["insz"], "90441701227");
}

TEST_F(DecisionsTest, NearMatchGoesToAnOperator) {
    const auto pages = std::vector{pageBytes(5000, 22)};
    // Typed "Kowalsky" with a zone that agrees: one letter from the known Kowalska.
    auto withZone = knownPersonRequest(server_->agentId(), pages);
    withZone.request.person.surname = "Kowalsky";
    withZone.request.document.number = "EB7654321";
    core::MrzFields fields;
    fields.documentCode = "P";
    fields.issuingState = "POL";
    fields.documentNumber = "EB7654321";
    fields.birthDate = "900417";
    fields.sex = 'F';
    fields.expiryDate = "300228";
    fields.nationality = "POL";
    fields.surname = "Kowalsky";
    fields.givenNames = "Anna Maria";
    withZone.mrz = core::buildMrz(fields).value();
    const auto resource = fileRequest(withZone, pages);
    EXPECT_EQ(resource["state"], "pending_operator");
    EXPECT_TRUE(resource["insz"].is_null());

    const auto pending = server_->command({"operator", "list"});
    EXPECT_NE(pending.out.find(resource["ticket"].get<std::string>()), std::string::npos);
    EXPECT_NE(pending.out.find("near match"), std::string::npos);
}

TEST_F(DecisionsTest, SameDocumentWithAnotherNameGoesToAnOperator) {
    const auto pages = std::vector{pageBytes(5000, 23)};
    auto request = newPersonRequest(server_->agentId(), pages, "Nowak", "Ewa", {1991, 1, 1});
    request.request.document.issuingCountry = "PL";
    request.request.person.nationality = "PL";
    request.request.document.number = "EA1234567";
    core::MrzFields fields;
    fields.documentCode = "P";
    fields.issuingState = "POL";
    fields.documentNumber = "EA1234567";
    fields.birthDate = "910101";
    fields.sex = 'F';
    fields.expiryDate = "300228";
    fields.nationality = "POL";
    fields.surname = "Nowak";
    fields.givenNames = "Ewa";
    request.mrz = core::buildMrz(fields).value();
    EXPECT_EQ(fileRequest(request, pages)["state"], "pending_operator");
}

TEST_F(DecisionsTest, NoOrDisagreeingMachineReadableZoneGoesToAnOperator) {
    const auto pages = std::vector{pageBytes(5000, 24)};
    auto noZone = newPersonRequest(server_->agentId(), pages, "Berg", "Ingrid", {1980, 5, 5});
    noZone.mrz.reset();
    EXPECT_EQ(fileRequest(noZone, pages)["state"], "pending_operator");

    auto disagreeing = newPersonRequest(server_->agentId(), pages, "Berg", "Ingrid", {1980, 5, 5});
    disagreeing.request.person.birthDate = {1980, 5, 6};
    EXPECT_EQ(fileRequest(disagreeing, pages)["state"], "pending_operator");

    auto brokenDigits = newPersonRequest(server_->agentId(), pages, "Berg", "Ingrid", {1980, 5, 5});
    std::string& line = brokenDigits.mrz->at(1);
    line[9] = line[9] == '0' ? '1' : '0';
    EXPECT_EQ(fileRequest(brokenDigits, pages)["state"], "pending_operator");
}

TEST_F(DecisionsTest, NewPersonsGetNewValidBisNumbers) {
    const auto pages = std::vector{pageBytes(5000, 25)};
    const auto first = fileRequest(
        newPersonRequest(server_->agentId(), pages, "Lindqvist", "Sofia", {1993, 9, 21}), pages);
    const auto second = fileRequest(
        newPersonRequest(server_->agentId(), pages, "Johansson", "Maja", {1993, 9, 21}), pages);
    ASSERT_EQ(first["state"], "identified");
    ASSERT_EQ(second["state"], "identified");
    const std::string a = first["insz"];
    const std::string b = second["insz"];
    EXPECT_NE(a, b);
    for (const std::string& number : {a, b}) {
        auto insz = core::Insz::parse(number, core::InszMode::Strict, today());
        ASSERT_TRUE(insz.has_value()) << number;
        EXPECT_EQ(insz->kind(), core::InszKind::Bis);
        EXPECT_EQ(insz->birthDate(), (core::PartialDate{1993, 9, 21}));
        EXPECT_EQ(insz->sex(), core::InszSex::Female);
    }
    EXPECT_TRUE(first["person_completed"].is_null());
}

TEST_F(DecisionsTest, TheFixtureHoldsValidNumbersFromSeveralCountries) {
    std::ifstream file(knownPersonsFixture());
    const auto persons = nlohmann::json::parse(file);
    std::set<std::string> countries;
    for (const auto& person : persons) {
        EXPECT_TRUE(
            core::Insz::parse(person["insz"].get<std::string>(), core::InszMode::Strict, today())
                .has_value())
            << person["insz"];
        countries.insert(person["nationality"].get<std::string>());
    }
    EXPECT_GE(countries.size(), 8u);
}

}  // namespace
}  // namespace balie::test
