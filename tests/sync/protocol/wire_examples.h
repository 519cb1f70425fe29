// SPDX-License-Identifier: GPL-3.0-or-later
// Complete example bodies of every protocol message, shared by the codec and OpenAPI tests.
#pragma once

#include <chrono>
#include <string>

#include "balie/sync/protocol/checksum.h"
#include "balie/sync/protocol/messages.h"

namespace balie::test {

inline sync::protocol::Timestamp exampleTime(int minute = 0) {
    return std::chrono::sys_days{std::chrono::year{2026} / 12 / 2} + std::chrono::hours{10} +
           std::chrono::minutes{minute};
}

inline sync::protocol::PageManifest examplePageManifest(int index) {
    return {index,        180'000, sync::protocol::sha256Hex("page " + std::to_string(index)),
            "image/jpeg", 1280,    720};
}

/// A Polish worker living in Poland with a Brussels contact address, two pages, an MRZ.
inline sync::protocol::CreateRequest exampleCreateRequest() {
    sync::protocol::CreateRequest body;
    core::Request& request = body.request;
    request.localId = "L-17";
    request.submittedAt = exampleTime();
    request.requester = {"agent-7", "Els Peeters"};
    request.document.type = core::DocumentType::Passport;
    request.document.issuingCountry = "PL";
    request.document.number = "EA1234567";
    request.document.validFrom = core::PartialDate{2020, 3, 1};
    request.document.validUntil = core::PartialDate{2030, 2, 28};
    request.person.surname = "Kowalska";
    request.person.givenNames = "Anna Maria";
    request.person.birthDate = {1990, 4, 17};
    request.person.birthPlace = "Kraków";
    request.person.birthCountry = "PL";
    request.person.nationality = "PL";
    request.person.sex = core::Sex::Female;
    request.residence = {"ul. Długa", "5", "", "31-147", "Kraków", "PL"};
    request.contactAddress = core::Address{"Rue Neuve", "12", "3", "1000", "Bruxelles", "BE"};
    request.email = "hr@example.be";
    request.comment = "Starts Monday";
    request.autoFilled = {core::AutoFilledField::Surname, core::AutoFilledField::BirthDate};
    body.mrz = std::vector<std::string>{"P<POLKOWALSKA<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                        "EA12345673POL9004172F3002284<<<<<<<<<<<<<<04"};
    body.pages = {examplePageManifest(0), examplePageManifest(1)};
    request.pages = {{"0", 1280, 720, 180'000}, {"1", 1280, 720, 180'000}};
    return body;
}

inline sync::protocol::RequestResource exampleResource() {
    sync::protocol::RequestResource resource;
    resource.ticket = "B-000123";
    resource.localId = "L-17";
    resource.kioskId = "kiosk-brussels-1";
    resource.state = core::RequestStatus::Identified;
    resource.insz = "90441700293";
    resource.personCompleted =
        sync::protocol::PersonCompletion{{"birth_place", "Kraków"}, {"birth_country", "POL"}};
    resource.submittedAt = exampleTime();
    resource.updatedAt = exampleTime(1);
    return resource;
}

inline sync::protocol::RequestResource exampleActionResource() {
    sync::protocol::RequestResource resource = exampleResource();
    resource.state = core::RequestStatus::ActionExpected;
    resource.insz.clear();
    resource.actionReason = core::ActionReason::BadQuality;
    resource.actionDetail = "glare on page 1";
    resource.personCompleted.reset();
    resource.pagesMissing = {};
    return resource;
}

inline sync::protocol::ChangesPage exampleChanges() {
    sync::protocol::ChangesPage page;
    page.changes.push_back({"c1", "B-000123", "L-17", core::RequestStatus::Sent, "", std::nullopt,
                            std::nullopt, exampleTime()});
    page.changes.push_back({"c2", "B-000123", "L-17", core::RequestStatus::ActionExpected, "",
                            core::ActionReason::ExpiredDocument, "expired in 2024",
                            exampleTime(2)});
    page.changes.push_back({"c3", "B-000124", "L-18", core::RequestStatus::Identified,
                            "90441700293", std::nullopt, std::nullopt, exampleTime(3)});
    page.nextCursor = "c3";
    return page;
}

inline sync::protocol::HistoryPage exampleHistory() {
    sync::protocol::HistoryPage page;
    sync::protocol::HistoryItem item;
    item.ticket = "B-000124";
    item.localId = "L-18";
    item.kioskId = "kiosk-brussels-1";
    item.state = core::RequestStatus::Identified;
    item.insz = "90441700293";
    item.requester = {"agent-7", "Els Peeters"};
    item.summary = {"Kowalska", "Anna Maria", {1990, 4, 0}, "PL", core::DocumentType::Passport};
    item.submittedAt = exampleTime();
    item.updatedAt = exampleTime(5);
    page.requests.push_back(item);
    item.ticket = "B-000123";
    item.localId = "";
    item.state = core::RequestStatus::PendingOperator;
    item.insz.clear();
    item.summary.nationality.clear();
    item.summary.documentType.reset();
    page.requests.push_back(item);
    page.hasOlder = true;
    return page;
}

inline sync::protocol::NotificationsPage exampleNotifications() {
    sync::protocol::NotificationsPage page;
    page.notifications.push_back({"n1", "B-000123",
                                  sync::protocol::NotificationKind::ActionExpected,
                                  core::RequestStatus::ActionExpected, exampleTime()});
    page.notifications.push_back({"n2", "B-000124", sync::protocol::NotificationKind::FinalAnswer,
                                  core::RequestStatus::Identified, exampleTime(1)});
    page.nextCursor = "n2";
    return page;
}

}  // namespace balie::test
