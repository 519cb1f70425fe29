// SPDX-License-Identifier: GPL-3.0-or-later
// JSON encoding and decoding of every sync protocol body.
#include "balie/sync/protocol/codec.h"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "balie/core/country.h"
#include "balie/sync/protocol/checksum.h"
#include "json_reader.h"

namespace balie::sync::protocol {
namespace {

using detail::Node;
using nlohmann::json;

// Stable names, never the enums' numeric values.
constexpr std::array<std::pair<core::DocumentType, std::string_view>, 4> kDocumentTypes{{
    {core::DocumentType::Passport, "passport"},
    {core::DocumentType::IdentityCard, "identity_card"},
    {core::DocumentType::DrivingLicence, "driving_licence"},
    {core::DocumentType::ResidencePermit, "residence_permit"},
}};

constexpr std::array<std::pair<core::Sex, std::string_view>, 3> kSexes{{
    {core::Sex::Male, "M"},
    {core::Sex::Female, "F"},
    {core::Sex::Unknown, "X"},
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

constexpr std::array<std::pair<NotificationKind, std::string_view>, 2> kNotificationKinds{{
    {NotificationKind::ActionExpected, "action_expected"},
    {NotificationKind::FinalAnswer, "final_answer"},
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

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, std::string_view>, N>& table,
                            std::string_view name) {
    for (const auto& [entry, entryName] : table) {
        if (entryName == name) {
            return entry;
        }
    }
    return std::nullopt;
}

std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json nullable(const std::string& text) {
    return text.empty() ? json(nullptr) : json(text);
}

json nullable(const std::optional<std::string>& text) {
    return text.has_value() ? json(*text) : json(nullptr);
}

json encodeTimestamp(const std::optional<Timestamp>& time) {
    return time.has_value() ? json(formatTimestamp(*time)) : json(nullptr);
}

// --- encoders ---------------------------------------------------------------------------------

json encodeAddress(const core::Address& address) {
    return json{{"street", address.street},
                {"number", address.number},
                {"box", address.box},
                {"postal_code", address.postalCode},
                {"municipality", address.municipality},
                {"country", countryToWire(address.country)}};
}

json encodeMrz(const std::optional<std::vector<std::string>>& mrz) {
    return mrz.has_value() ? json(*mrz) : json(nullptr);
}

json encodeDocument(const core::Document& document,
                    const std::optional<std::vector<std::string>>& mrz) {
    return json{
        {"type", document.type.has_value() ? json(documentTypeKey(*document.type)) : json(nullptr)},
        {"issuing_country", countryToWire(document.issuingCountry)},
        {"number", document.number},
        {"national_number", nullable(document.nationalNumber)},
        {"valid_from", document.validFrom.has_value() ? json(document.validFrom->iso()) : json()},
        {"valid_until",
         document.validUntil.has_value() ? json(document.validUntil->iso()) : json()},
        {"mrz", encodeMrz(mrz)}};
}

json encodePages(const std::vector<PageManifest>& pages) {
    json list = json::array();
    for (const auto& page : pages) {
        list.push_back({{"index", page.index},
                        {"bytes", page.bytes},
                        {"sha256", page.sha256},
                        {"media_type", page.mediaType},
                        {"width", page.width},
                        {"height", page.height}});
    }
    return list;
}

json encodeRequester(const core::Requester& requester) {
    return json{{"agent_id", requester.agentId}, {"display_name", requester.displayName}};
}

json encodeActionReason(const std::optional<core::ActionReason>& reason) {
    return reason.has_value() ? json(core::actionReasonKey(*reason)) : json(nullptr);
}

json encodeResource(const RequestResource& resource) {
    json completed = nullptr;
    if (resource.personCompleted.has_value()) {
        completed = json::object();
        for (const auto& [field, value] : *resource.personCompleted) {
            completed[field] = value;
        }
    }
    return json{{"ticket", resource.ticket},
                {"local_id", resource.localId},
                {"kiosk_id", resource.kioskId},
                {"state", core::statusKey(resource.state)},
                {"insz", nullable(resource.insz)},
                {"action_reason", encodeActionReason(resource.actionReason)},
                {"action_detail", nullable(resource.actionDetail)},
                {"pages_missing", resource.pagesMissing},
                {"person_completed", std::move(completed)},
                {"submitted_at", formatTimestamp(resource.submittedAt)},
                {"updated_at", formatTimestamp(resource.updatedAt)}};
}

// --- decoders ---------------------------------------------------------------------------------

std::string nonEmptyString(const Node& node) {
    std::string text = node.string();
    if (text.empty()) {
        node.fail("must not be empty");
    }
    return text;
}

std::string optionalString(const Node& parent, std::string_view key) {
    auto node = parent.maybe(key);
    return node.has_value() ? node->string() : std::string();
}

Timestamp decodeTimestamp(const Node& node) {
    auto time = parseTimestamp(node.string());
    if (!time.has_value()) {
        node.fail("expected an RFC 3339 time such as 2026-12-02T10:00:00Z");
    }
    return *time;
}

core::PartialDate decodeDate(const Node& node) {
    auto date = core::PartialDate::fromIso(node.string());
    if (!date.has_value()) {
        node.fail("expected a date YYYY-MM-DD (00 for unknown parts)");
    }
    return *date;
}

std::optional<core::PartialDate> decodeOptionalDate(const Node& parent, std::string_view key) {
    auto node = parent.maybe(key);
    if (!node.has_value()) {
        return std::nullopt;
    }
    return decodeDate(*node);
}

std::string decodeCountry(const Node& node) {
    auto country = countryFromWire(node.string());
    if (!country.has_value()) {
        node.fail("unknown country code (expected ISO 3166-1 alpha-3, e.g. POL)");
    }
    return *country;
}

core::RequestStatus decodeState(const Node& node) {
    auto state = core::statusFromKey(node.string());
    if (!state.has_value()) {
        node.fail("unknown state '" + node.string() + "'");
    }
    return *state;
}

std::optional<core::ActionReason> decodeActionReason(const Node& parent, std::string_view key) {
    auto node = parent.maybe(key);
    if (!node.has_value()) {
        return std::nullopt;
    }
    auto reason = core::actionReasonFromKey(node->string());
    if (!reason.has_value()) {
        node->fail("unknown action reason '" + node->string() + "'");
    }
    return reason;
}

std::optional<core::DocumentType> decodeDocumentType(const Node& parent, std::string_view key) {
    auto node = parent.maybe(key);
    if (!node.has_value()) {
        return std::nullopt;
    }
    auto type = documentTypeFromKey(node->string());
    if (!type.has_value()) {
        node->fail("unknown document type '" + node->string() + "'");
    }
    return type;
}

std::optional<std::string> decodeOptionalText(const Node& parent, std::string_view key) {
    auto node = parent.maybe(key);
    if (!node.has_value()) {
        return std::nullopt;
    }
    return node->string();
}

core::Address decodeAddress(const Node& node) {
    core::Address address;
    address.street = node.at("street").string();
    address.number = node.at("number").string();
    address.box = optionalString(node, "box");
    address.postalCode = node.at("postal_code").string();
    address.municipality = node.at("municipality").string();
    address.country = decodeCountry(node.at("country"));
    return address;
}

core::Requester decodeRequester(const Node& node) {
    return core::Requester{node.at("agent_id").string(), node.at("display_name").string()};
}

std::optional<std::vector<std::string>> decodeMrz(const Node& parent) {
    auto node = parent.maybe("mrz");
    if (!node.has_value()) {
        return std::nullopt;
    }
    std::vector<std::string> lines;
    for (const Node& line : node->array()) {
        lines.push_back(line.string());
    }
    return lines;
}

core::Document decodeDocument(const Node& node) {
    core::Document document;
    document.type = decodeDocumentType(node, "type");
    document.issuingCountry = decodeCountry(node.at("issuing_country"));
    document.number = node.at("number").string();
    document.nationalNumber = optionalString(node, "national_number");
    document.validFrom = decodeOptionalDate(node, "valid_from");
    document.validUntil = decodeOptionalDate(node, "valid_until");
    return document;
}

std::vector<PageManifest> decodePages(const Node& node) {
    std::vector<PageManifest> pages;
    for (const Node& item : node.array()) {
        PageManifest page;
        page.index = static_cast<int>(item.at("index").integer(0, 1000));
        page.bytes = item.at("bytes").unsignedInteger();
        page.sha256 = item.at("sha256").string();
        if (!isSha256Hex(page.sha256)) {
            item.at("sha256").fail("expected 64 hex digits");
        }
        page.mediaType = nonEmptyString(item.at("media_type"));
        page.width = static_cast<int>(item.at("width").integer(0, 1'000'000));
        page.height = static_cast<int>(item.at("height").integer(0, 1'000'000));
        pages.push_back(std::move(page));
    }
    return pages;
}

std::vector<core::DocumentPage> pageReferences(const std::vector<PageManifest>& pages) {
    std::vector<core::DocumentPage> references;
    for (const auto& page : pages) {
        references.push_back(
            core::DocumentPage{std::to_string(page.index), page.width, page.height, page.bytes});
    }
    return references;
}

core::Person decodePerson(const Node& node) {
    core::Person person;
    person.surname = node.at("surname").string();
    person.givenNames = node.at("given_names").string();
    person.birthDate = decodeDate(node.at("birth_date"));
    person.birthPlace = optionalString(node, "birth_place");
    auto birthCountry = node.maybe("birth_country");
    person.birthCountry = birthCountry.has_value() ? decodeCountry(*birthCountry) : std::string();
    auto nationality = node.maybe("nationality");
    person.nationality = nationality.has_value() ? decodeCountry(*nationality) : std::string();
    if (auto sex = node.maybe("sex"); sex.has_value()) {
        person.sex = sexFromKey(sex->string());
        if (!person.sex.has_value()) {
            sex->fail("expected M, F or X");
        }
    }
    return person;
}

RequestResource decodeResource(const Node& node) {
    RequestResource resource;
    resource.ticket = nonEmptyString(node.at("ticket"));
    resource.localId = node.at("local_id").string();
    resource.kioskId = node.at("kiosk_id").string();
    resource.state = decodeState(node.at("state"));
    resource.insz = optionalString(node, "insz");
    resource.actionReason = decodeActionReason(node, "action_reason");
    resource.actionDetail = decodeOptionalText(node, "action_detail");
    for (const Node& index : node.at("pages_missing").array()) {
        resource.pagesMissing.push_back(static_cast<int>(index.integer(0, 1000)));
    }
    if (auto completed = node.maybe("person_completed"); completed.has_value()) {
        PersonCompletion fields;
        for (const auto& [name, value] : completed->members()) {
            fields[name] = value.string();
        }
        resource.personCompleted = std::move(fields);
    }
    resource.submittedAt = decodeTimestamp(node.at("submitted_at"));
    resource.updatedAt = decodeTimestamp(node.at("updated_at"));
    return resource;
}

}  // namespace

std::string_view documentTypeKey(core::DocumentType type) {
    return nameOf(kDocumentTypes, type);
}

std::optional<core::DocumentType> documentTypeFromKey(std::string_view key) {
    return valueOf(kDocumentTypes, key);
}

std::string_view sexKey(core::Sex sex) {
    return nameOf(kSexes, sex);
}

std::optional<core::Sex> sexFromKey(std::string_view key) {
    return valueOf(kSexes, key);
}

std::string_view autoFilledKey(core::AutoFilledField field) {
    return nameOf(kAutoFilledFields, field);
}

std::optional<core::AutoFilledField> autoFilledFromKey(std::string_view key) {
    return valueOf(kAutoFilledFields, key);
}

std::string_view notificationKindKey(NotificationKind kind) {
    return nameOf(kNotificationKinds, kind);
}

std::optional<NotificationKind> notificationKindFromKey(std::string_view key) {
    return valueOf(kNotificationKinds, key);
}

std::string countryToWire(std::string_view alpha2) {
    if (const core::Country* country = core::countryByAlpha2(alpha2); country != nullptr) {
        return std::string(country->alpha3);
    }
    return std::string(alpha2);
}

std::optional<std::string> countryFromWire(std::string_view alpha3) {
    if (alpha3.empty()) {
        return std::string();
    }
    const core::Country* country = core::countryByAlpha3(alpha3);
    if (country == nullptr || !country->isIso()) {
        return std::nullopt;
    }
    return std::string(country->alpha2);
}

std::string encode(const CreateRequest& body) {
    const core::Request& request = body.request;
    const core::Person& person = request.person;
    json autoFilled = json::array();
    for (auto field : request.autoFilled) {
        autoFilled.push_back(autoFilledKey(field));
    }
    const json payload{
        {"local_id", request.localId},
        {"submitted_at", encodeTimestamp(request.submittedAt)},
        {"requester", encodeRequester(request.requester)},
        {"document", encodeDocument(request.document, body.mrz)},
        {"person",
         {{"surname", person.surname},
          {"given_names", person.givenNames},
          {"birth_date", person.birthDate.iso()},
          {"birth_place", person.birthPlace},
          {"birth_country", nullable(countryToWire(person.birthCountry))},
          {"nationality", nullable(countryToWire(person.nationality))},
          {"sex", person.sex.has_value() ? json(sexKey(*person.sex)) : json(nullptr)}}},
        {"residence", encodeAddress(request.residence)},
        {"contact_address", request.contactAddress.has_value()
                                ? encodeAddress(*request.contactAddress)
                                : json(nullptr)},
        {"email", request.email},
        {"comment", request.comment},
        {"auto_filled", std::move(autoFilled)},
        {"pages", encodePages(body.pages)},
    };
    return dump(payload);
}

std::string encode(const DocumentUpload& body) {
    return dump(json{{"document", encodeDocument(body.document, body.mrz)},
                     {"pages", encodePages(body.pages)}});
}

std::string encode(const RequestResource& body) {
    return dump(encodeResource(body));
}

std::string encode(const PageUploadResult& body) {
    return dump(json{{"index", body.index},
                     {"received", body.received},
                     {"complete", body.complete},
                     {"request", encodeResource(body.request)}});
}

std::string encode(const ChangesPage& body) {
    json changes = json::array();
    for (const auto& change : body.changes) {
        changes.push_back({{"cursor", change.cursor},
                           {"ticket", change.ticket},
                           {"local_id", change.localId},
                           {"state", core::statusKey(change.state)},
                           {"insz", nullable(change.insz)},
                           {"action_reason", encodeActionReason(change.actionReason)},
                           {"action_detail", nullable(change.actionDetail)},
                           {"changed_at", formatTimestamp(change.changedAt)}});
    }
    return dump(json{{"changes", std::move(changes)}, {"next_cursor", body.nextCursor}});
}

std::string encode(const HistoryPage& body) {
    json requests = json::array();
    for (const auto& item : body.requests) {
        const HistorySummary& summary = item.summary;
        requests.push_back({{"ticket", item.ticket},
                            {"local_id", item.localId},
                            {"kiosk_id", item.kioskId},
                            {"state", core::statusKey(item.state)},
                            {"insz", nullable(item.insz)},
                            {"requester", encodeRequester(item.requester)},
                            {"summary",
                             {{"surname", summary.surname},
                              {"given_names", summary.givenNames},
                              {"birth_date", summary.birthDate.iso()},
                              {"nationality", nullable(countryToWire(summary.nationality))},
                              {"document_type", summary.documentType.has_value()
                                                    ? json(documentTypeKey(*summary.documentType))
                                                    : json(nullptr)}}},
                            {"submitted_at", formatTimestamp(item.submittedAt)},
                            {"updated_at", formatTimestamp(item.updatedAt)}});
    }
    return dump(json{{"requests", std::move(requests)}, {"has_older", body.hasOlder}});
}

std::string encode(const AgentVerifyRequest& body) {
    return dump(json{{"national_number", body.nationalNumber}});
}

std::string encode(const AgentVerifyResponse& body) {
    return dump(json{
        {"agent_id", body.agentId}, {"display_name", body.displayName}, {"allowed", body.allowed}});
}

std::string encode(const DigitalKeyLogin& body) {
    return dump(
        json{{"username", body.username}, {"password", body.password}, {"code", body.code}});
}

std::string encode(const AgentList& body) {
    json agents = json::array();
    for (const auto& agent : body.agents) {
        agents.push_back({{"agent_id", agent.agentId}, {"display_name", agent.displayName}});
    }
    return dump(json{{"agents", std::move(agents)}});
}

std::string encode(const NotificationsPage& body) {
    json notifications = json::array();
    for (const auto& notification : body.notifications) {
        notifications.push_back({{"id", notification.id},
                                 {"ticket", notification.ticket},
                                 {"kind", notificationKindKey(notification.kind)},
                                 {"state", core::statusKey(notification.state)},
                                 {"created_at", formatTimestamp(notification.createdAt)}});
    }
    return dump(
        json{{"notifications", std::move(notifications)}, {"next_cursor", body.nextCursor}});
}

std::string encode(const ErrorBody& body) {
    json error{{"code", body.code}, {"message", body.message}};
    if (body.field.has_value()) {
        error["field"] = *body.field;
    }
    return dump(json{{"error", std::move(error)}});
}

core::Result<CreateRequest> decodeCreateRequest(std::string_view text) {
    return detail::decodeBody<CreateRequest>(text, [](const Node& root) {
        CreateRequest body;
        core::Request& request = body.request;
        request.localId = nonEmptyString(root.at("local_id"));
        if (auto submitted = root.maybe("submitted_at"); submitted.has_value()) {
            request.submittedAt = decodeTimestamp(*submitted);
        }
        request.requester = decodeRequester(root.at("requester"));
        const Node document = root.at("document");
        request.document = decodeDocument(document);
        body.mrz = decodeMrz(document);
        request.person = decodePerson(root.at("person"));
        request.residence = decodeAddress(root.at("residence"));
        if (auto contact = root.maybe("contact_address"); contact.has_value()) {
            request.contactAddress = decodeAddress(*contact);
        }
        request.email = root.at("email").string();
        request.comment = optionalString(root, "comment");
        if (auto autoFilled = root.maybe("auto_filled"); autoFilled.has_value()) {
            for (const Node& field : autoFilled->array()) {
                // Hints only: a name a newer kiosk knows and this side does not is skipped.
                if (auto known = autoFilledFromKey(field.string()); known.has_value()) {
                    request.autoFilled.insert(*known);
                }
            }
        }
        body.pages = decodePages(root.at("pages"));
        request.pages = pageReferences(body.pages);
        return body;
    });
}

core::Result<DocumentUpload> decodeDocumentUpload(std::string_view text) {
    return detail::decodeBody<DocumentUpload>(text, [](const Node& root) {
        DocumentUpload body;
        const Node document = root.at("document");
        body.document = decodeDocument(document);
        body.mrz = decodeMrz(document);
        body.pages = decodePages(root.at("pages"));
        return body;
    });
}

core::Result<RequestResource> decodeRequestResource(std::string_view text) {
    return detail::decodeBody<RequestResource>(text, decodeResource);
}

core::Result<PageUploadResult> decodePageUploadResult(std::string_view text) {
    return detail::decodeBody<PageUploadResult>(text, [](const Node& root) {
        PageUploadResult body;
        body.index = static_cast<int>(root.at("index").integer(0, 1000));
        body.received = root.at("received").unsignedInteger();
        body.complete = root.at("complete").boolean();
        body.request = decodeResource(root.at("request"));
        return body;
    });
}

core::Result<ChangesPage> decodeChangesPage(std::string_view text) {
    return detail::decodeBody<ChangesPage>(text, [](const Node& root) {
        ChangesPage body;
        for (const Node& item : root.at("changes").array()) {
            Change change;
            change.cursor = nonEmptyString(item.at("cursor"));
            change.ticket = nonEmptyString(item.at("ticket"));
            change.localId = item.at("local_id").string();
            change.state = decodeState(item.at("state"));
            change.insz = optionalString(item, "insz");
            change.actionReason = decodeActionReason(item, "action_reason");
            change.actionDetail = decodeOptionalText(item, "action_detail");
            change.changedAt = decodeTimestamp(item.at("changed_at"));
            body.changes.push_back(std::move(change));
        }
        body.nextCursor = root.at("next_cursor").string();
        return body;
    });
}

core::Result<HistoryPage> decodeHistoryPage(std::string_view text) {
    return detail::decodeBody<HistoryPage>(text, [](const Node& root) {
        HistoryPage body;
        for (const Node& node : root.at("requests").array()) {
            HistoryItem item;
            item.ticket = nonEmptyString(node.at("ticket"));
            item.localId = node.at("local_id").string();
            item.kioskId = node.at("kiosk_id").string();
            item.state = decodeState(node.at("state"));
            item.insz = optionalString(node, "insz");
            item.requester = decodeRequester(node.at("requester"));
            const Node summary = node.at("summary");
            item.summary.surname = summary.at("surname").string();
            item.summary.givenNames = summary.at("given_names").string();
            item.summary.birthDate = decodeDate(summary.at("birth_date"));
            auto nationality = summary.maybe("nationality");
            item.summary.nationality =
                nationality.has_value() ? decodeCountry(*nationality) : std::string();
            item.summary.documentType = decodeDocumentType(summary, "document_type");
            item.submittedAt = decodeTimestamp(node.at("submitted_at"));
            item.updatedAt = decodeTimestamp(node.at("updated_at"));
            body.requests.push_back(std::move(item));
        }
        body.hasOlder = root.at("has_older").boolean();
        return body;
    });
}

core::Result<AgentVerifyRequest> decodeAgentVerifyRequest(std::string_view text) {
    return detail::decodeBody<AgentVerifyRequest>(text, [](const Node& root) {
        const Node number = root.at("national_number");
        AgentVerifyRequest body{number.string()};
        bool digits = body.nationalNumber.size() == 11;
        for (char c : body.nationalNumber) {
            digits = digits && c >= '0' && c <= '9';
        }
        if (!digits) {
            number.fail("expected 11 digits");
        }
        return body;
    });
}

core::Result<AgentVerifyResponse> decodeAgentVerifyResponse(std::string_view text) {
    return detail::decodeBody<AgentVerifyResponse>(text, [](const Node& root) {
        return AgentVerifyResponse{nonEmptyString(root.at("agent_id")),
                                   root.at("display_name").string(), root.at("allowed").boolean()};
    });
}

core::Result<DigitalKeyLogin> decodeDigitalKeyLogin(std::string_view text) {
    return detail::decodeBody<DigitalKeyLogin>(text, [](const Node& root) {
        return DigitalKeyLogin{nonEmptyString(root.at("username")),
                               nonEmptyString(root.at("password")),
                               nonEmptyString(root.at("code"))};
    });
}

core::Result<AgentList> decodeAgentList(std::string_view text) {
    return detail::decodeBody<AgentList>(text, [](const Node& root) {
        AgentList body;
        for (const Node& agent : root.at("agents").array()) {
            body.agents.push_back(core::AgentAccess{nonEmptyString(agent.at("agent_id")),
                                                    agent.at("display_name").string()});
        }
        return body;
    });
}

core::Result<NotificationsPage> decodeNotificationsPage(std::string_view text) {
    return detail::decodeBody<NotificationsPage>(text, [](const Node& root) {
        NotificationsPage body;
        for (const Node& item : root.at("notifications").array()) {
            Notification notification;
            notification.id = nonEmptyString(item.at("id"));
            notification.ticket = nonEmptyString(item.at("ticket"));
            const Node kind = item.at("kind");
            auto knownKind = notificationKindFromKey(kind.string());
            if (!knownKind.has_value()) {
                kind.fail("unknown notification kind '" + kind.string() + "'");
            }
            notification.kind = *knownKind;
            notification.state = decodeState(item.at("state"));
            notification.createdAt = decodeTimestamp(item.at("created_at"));
            body.notifications.push_back(std::move(notification));
        }
        body.nextCursor = root.at("next_cursor").string();
        return body;
    });
}

core::Result<ErrorBody> decodeErrorBody(std::string_view text) {
    return detail::decodeBody<ErrorBody>(text, [](const Node& root) {
        const Node error = root.at("error");
        ErrorBody body;
        body.code = nonEmptyString(error.at("code"));
        body.message = error.at("message").string();
        body.field = decodeOptionalText(error, "field");
        return body;
    });
}

std::string errorField(const core::Error& error) {
    if (error.code != core::Errc::InvalidFormat) {
        return {};
    }
    const auto colon = error.message.find(": ");
    if (colon == std::string::npos || error.message.compare(0, colon, "(body)") == 0) {
        return {};
    }
    return error.message.substr(0, colon);
}

std::optional<std::string> bodyFingerprint(std::string_view text) {
    const json value = json::parse(text, nullptr, false);
    if (value.is_discarded()) {
        return std::nullopt;
    }
    return sha256Hex(dump(value));
}

}  // namespace balie::sync::protocol
