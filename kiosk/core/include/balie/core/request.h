// SPDX-License-Identifier: GPL-3.0-or-later
// An identification request: everything the four wizard steps collect, and its life-cycle state.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "balie/core/address.h"
#include "balie/core/document.h"
#include "balie/core/person.h"
#include "balie/core/request_status.h"

namespace balie::core {

/// \brief The agent who files the request. Never the agent's national number: the kiosk keeps the
/// agent's eID data out of request records.
struct Requester {
    std::string agentId;  ///< opaque id given by the central service's access list
    std::string displayName;

    bool operator==(const Requester&) const = default;
};

/// \brief Fields that can be filled automatically from a document reading, so the UI can mark them
/// ("read from the document, please check").
enum class AutoFilledField {
    DocumentType,
    IssuingCountry,
    DocumentNumber,
    NationalNumber,
    ValidUntil,
    Surname,
    GivenNames,
    BirthDate,
    Sex,
    Nationality,
};

/// \brief The person fields the central service's registry completed for a known person: fields
/// the request left empty or unknown and the registry knew. Only the fields set were completed.
struct PersonCompletion {
    std::optional<std::string> givenNames;
    std::optional<PartialDate> birthDate;
    std::optional<std::string> birthPlace;
    std::optional<std::string> birthCountry;  ///< ISO 3166-1 alpha-2
    std::optional<std::string> nationality;   ///< ISO 3166-1 alpha-2
    std::optional<Sex> sex;

    bool empty() const {
        return !givenNames && !birthDate && !birthPlace && !birthCountry && !nationality && !sex;
    }
    bool operator==(const PersonCompletion&) const = default;
};

/// \brief A request, a plain value shared by the wizard, the store, the sync protocol and the UI.
struct Request {
    /// Assigned by the store when it first saves the request; empty in a draft.
    std::string localId;
    /// Assigned by the central service on receipt; empty until then.
    std::string ticketNumber;
    RequestStatus status = RequestStatus::Draft;
    std::string insz;                          ///< 11 digits once identified, empty otherwise
    std::optional<ActionReason> actionReason;  ///< set exactly while status is ActionExpected
    std::optional<std::chrono::system_clock::time_point> submittedAt;
    // The central service's answer beyond the status, filled by the store when it reads a
    // request: never sent, and not written by submitting or updating a request.
    /// The operator's own words about the expected action (empty when none were given); set only
    /// while status is ActionExpected.
    std::string actionDetail;
    /// What the registry added to `person`; set only while status is Identified.
    PersonCompletion personCompleted;

    Requester requester;
    Document document;
    std::vector<DocumentPage> pages;  ///< the document's scanned pages, in order
    Person person;
    Address residence;
    /// Only when the residence is abroad: where the person can be reached in Belgium.
    std::optional<Address> contactAddress;
    std::string email;  ///< where the central service announces news about the request
    std::string comment;

    std::set<AutoFilledField> autoFilled;

    bool operator==(const Request&) const = default;
};

}  // namespace balie::core
