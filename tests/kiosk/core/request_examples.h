// SPDX-License-Identifier: GPL-3.0-or-later
// A complete, valid request and helpers shared by the request, validation and wizard tests.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "balie/core/clock.h"
#include "balie/core/request.h"
#include "balie/core/validation_message.h"

namespace balie::test {

/// The date the tests run "on": validation that depends on today sees this one.
inline constexpr core::PartialDate kToday{2025, 6, 15};

inline std::chrono::system_clock::time_point exampleNow() {
    return std::chrono::sys_days{std::chrono::year{2025} / 6 / 15} + std::chrono::hours{10};
}

inline core::FixedClock exampleClock() {
    return core::FixedClock(kToday, exampleNow());
}

inline core::Requester exampleRequester() {
    return {"agent-7", "Els Peeters"};
}

inline core::DocumentPage examplePage(std::string id) {
    return {std::move(id), 1280, 720, 180'000};
}

inline core::Document exampleDocument() {
    core::Document document;
    document.type = core::DocumentType::Passport;
    document.issuingCountry = "PL";
    document.number = "EA1234567";
    document.validFrom = core::PartialDate{2020, 3, 1};
    document.validUntil = core::PartialDate{2030, 2, 28};
    return document;
}

inline core::Person examplePerson() {
    core::Person person;
    person.surname = "KOWALSKA";
    person.givenNames = "ANNA MARIA";
    person.birthDate = {1990, 4, 17};
    person.birthPlace = "Kraków";
    person.birthCountry = "PL";
    person.nationality = "PL";
    person.sex = core::Sex::Female;
    return person;
}

/// A residence abroad, in Poland.
inline core::Address exampleResidence() {
    return {"ul. Długa", "5", "", "31-147", "Kraków", "PL"};
}

/// A Belgian address, usable as residence or as contact address.
inline core::Address exampleBelgianAddress() {
    return {"Rue Neuve", "12", "3", "1000", "Bruxelles", "BE"};
}

/// A draft that passes every step: a Polish worker living in Poland with a Brussels contact
/// address.
inline core::Request validRequest() {
    core::Request request;
    request.requester = exampleRequester();
    request.document = exampleDocument();
    request.pages = {examplePage("page-1")};
    request.person = examplePerson();
    request.residence = exampleResidence();
    request.contactAddress = exampleBelgianAddress();
    request.email = "hr@example.be";
    return request;
}

/// The keys of a list of messages: what a failing assertion prints readably.
inline std::vector<std::string> keysOf(const core::ValidationMessages& messages) {
    std::vector<std::string> keys;
    for (auto message : messages) {
        keys.emplace_back(core::messageKey(message));
    }
    return keys;
}

}  // namespace balie::test
