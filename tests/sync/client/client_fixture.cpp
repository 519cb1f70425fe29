// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the sync client tests.
#include "client_fixture.h"

#include <gtest/gtest.h>

#include "balie/core/mrz_builder.h"

namespace balie::test {

core::Request knownPersonDraft(const std::string& agentId) {
    core::Request request;
    request.requester = {agentId, "Els Peeters"};
    request.document.type = core::DocumentType::Passport;
    request.document.issuingCountry = "PL";
    request.document.number = "EA1234567";
    request.document.validFrom = core::PartialDate{2020, 3, 1};
    request.document.validUntil = core::PartialDate{2030, 2, 28};
    request.person.surname = "KOWALSKA";
    request.person.givenNames = "ANNA MARIA";
    request.person.birthDate = {1990, 4, 17};
    request.person.birthPlace = "Kraków";
    request.person.birthCountry = "PL";
    request.person.nationality = "PL";
    request.person.sex = core::Sex::Female;
    request.residence = {"ul. Długa", "5", "", "31-147", "Kraków", "PL"};
    request.contactAddress = core::Address{"Rue Neuve", "12", "3", "1000", "Bruxelles", "BE"};
    request.email = "hr@example.be";
    request.comment = "Seasonal worker";
    return request;
}

std::vector<std::string> knownPersonMrz() {
    core::MrzFields fields;
    fields.documentCode = "P";
    fields.issuingState = "POL";
    fields.documentNumber = "EA1234567";
    fields.birthDate = "900417";
    fields.sex = 'F';
    fields.expiryDate = "300228";
    fields.nationality = "POL";
    fields.surname = "KOWALSKA";
    fields.givenNames = "ANNA MARIA";
    auto lines = core::buildMrz(fields);
    EXPECT_TRUE(lines.has_value()) << lines.error().message;
    return lines.value_or(std::vector<std::string>{});
}

core::Request newPersonDraft(const std::string& agentId, const std::string& surname) {
    core::Request request = knownPersonDraft(agentId);
    request.person.surname = surname;
    request.person.givenNames = "TEST";
    request.person.birthDate = {1987, 9, 23};
    request.document.number = "XY" + std::to_string(surname.size()) + "7654";
    return request;
}

nlohmann::json centralRequests(const CentralServer& server) {
    const auto listed = server.command({"list", "--json"});
    EXPECT_EQ(listed.exitCode, 0) << listed.err;
    auto json = nlohmann::json::parse(listed.out, nullptr, false);
    EXPECT_TRUE(json.is_array()) << listed.out;
    return json.is_array() ? json : nlohmann::json::array();
}

std::vector<nlohmann::json> centralEntriesFor(const CentralServer& server,
                                              const std::string& localId) {
    std::vector<nlohmann::json> entries;
    for (const auto& entry : centralRequests(server)) {
        if (entry.value("local_id", "") == localId) {
            entries.push_back(entry);
        }
    }
    return entries;
}

}  // namespace balie::test
