// SPDX-License-Identifier: GPL-3.0-or-later
// JSON encoding and decoding of every sync protocol body. Decoders never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "balie/core/error.h"
#include "balie/sync/protocol/messages.h"

namespace balie::sync::protocol {

// Wire names of the core's enums. Countries travel as ISO 3166-1 alpha-3 ("POL"), the codes of
// machine readable zones; the core's alpha-2 codes are converted both ways.
std::string_view documentTypeKey(core::DocumentType type);
std::optional<core::DocumentType> documentTypeFromKey(std::string_view key);
std::string_view sexKey(core::Sex sex);  ///< "M", "F", "X"
std::optional<core::Sex> sexFromKey(std::string_view key);
std::string_view autoFilledKey(core::AutoFilledField field);  ///< "surname", "document_number"
std::optional<core::AutoFilledField> autoFilledFromKey(std::string_view key);
/// \brief The wire code of a core country code: "PL" -> "POL"; empty stays empty; an unknown
/// code is passed on unchanged (the other side then rejects it).
std::string countryToWire(std::string_view alpha2);
/// \brief The core code of a wire country code: "POL" -> "PL"; nullopt when it names no ISO
/// country. Empty stays empty.
std::optional<std::string> countryFromWire(std::string_view alpha3);

// Encoders: compact JSON, UTF-8 (invalid sequences replaced by U+FFFD).
std::string encode(const CreateRequest& body);
std::string encode(const DocumentUpload& body);
std::string encode(const RequestResource& body);
std::string encode(const PageUploadResult& body);
std::string encode(const ChangesPage& body);
std::string encode(const HistoryPage& body);
std::string encode(const AgentVerifyRequest& body);
std::string encode(const AgentVerifyResponse& body);
std::string encode(const DigitalKeyLogin& body);
std::string encode(const AgentList& body);
std::string encode(const NotificationsPage& body);
std::string encode(const ErrorBody& body);

// Decoders. On a bad body: Errc::InvalidFormat with the message "<field>: <problem>", e.g.
// "person.birth_date: expected YYYY-MM-DD" or "(body): not valid JSON"; errorField() gives the
// field back. Unknown keys are ignored (additions stay compatible); unknown enum values are errors,
// except in auto_filled, whose entries are hints and are skipped.
[[nodiscard]] core::Result<CreateRequest> decodeCreateRequest(std::string_view json);
[[nodiscard]] core::Result<DocumentUpload> decodeDocumentUpload(std::string_view json);
[[nodiscard]] core::Result<RequestResource> decodeRequestResource(std::string_view json);
[[nodiscard]] core::Result<PageUploadResult> decodePageUploadResult(std::string_view json);
[[nodiscard]] core::Result<ChangesPage> decodeChangesPage(std::string_view json);
[[nodiscard]] core::Result<HistoryPage> decodeHistoryPage(std::string_view json);
[[nodiscard]] core::Result<AgentVerifyRequest> decodeAgentVerifyRequest(std::string_view json);
[[nodiscard]] core::Result<AgentVerifyResponse> decodeAgentVerifyResponse(std::string_view json);
[[nodiscard]] core::Result<DigitalKeyLogin> decodeDigitalKeyLogin(std::string_view json);
[[nodiscard]] core::Result<AgentList> decodeAgentList(std::string_view json);
[[nodiscard]] core::Result<NotificationsPage> decodeNotificationsPage(std::string_view json);
[[nodiscard]] core::Result<ErrorBody> decodeErrorBody(std::string_view json);

/// \brief The field a decoder's error names ("person.surname"); empty when the whole body is to
/// blame or the error did not come from a decoder.
std::string errorField(const core::Error& error);

/// \brief A fingerprint of a JSON body that ignores key order and white space: SHA-256 of its
/// canonical form. Same body, same fingerprint; nullopt when `json` is not JSON.
std::optional<std::string> bodyFingerprint(std::string_view json);

}  // namespace balie::sync::protocol
