// SPDX-License-Identifier: GPL-3.0-or-later
// Talking HTTP to a real balie-central: a small client that checks every answer against the
// OpenAPI document, and builders for requests the registry knows or does not know.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "balie/sync/protocol/messages.h"
#include "central_server.h"
#include "openapi_checker.h"
#include "smtp_sink.h"

namespace balie::test {

struct HttpAnswer {
    int status = 0;  ///< 0 when the server could not be reached
    std::string body;
    httplib::Headers headers;

    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
    std::string header(const std::string& name) const;
    /// \brief The error body's code, or empty.
    std::string errorCode() const;
};

/// \brief An HTTP client for one kiosk token; every JSON answer is checked against openapi.json
/// and what does not conform is kept in schemaProblems().
class ProtocolClient {
public:
    /// \param checkSchema false for the benchmark, where checking would be what is measured.
    ProtocolClient(const std::string& url, std::string token, bool checkSchema = true);

    HttpAnswer get(const std::string& target);
    HttpAnswer post(const std::string& path, const std::string& body,
                    const httplib::Headers& headers = {});
    HttpAnswer del(const std::string& path);
    HttpAnswer head(const std::string& ticket, int index);
    HttpAnswer patch(const std::string& ticket, int index, std::uint64_t offset,
                     const std::string& chunk);
    /// \brief POST /v1/requests with this key.
    HttpAnswer create(const sync::protocol::CreateRequest& request, const std::string& key);
    /// \brief Sends the whole page in chunks; returns the last answer.
    HttpAnswer upload(const std::string& ticket, int index, const std::string& bytes,
                      std::size_t chunkSize = 64 * 1024);

    const std::vector<std::string>& schemaProblems() const { return problems_; }
    const std::string& token() const { return token_; }

private:
    HttpAnswer finish(const std::string& method, const std::string& target,
                      const httplib::Result& result);

    std::unique_ptr<httplib::Client> client_;
    std::string token_;
    std::vector<std::string> problems_;
    OpenApi openapi_;
    bool checkSchema_ = true;
};

/// \brief Deterministic page bytes ("image") of `size` bytes.
std::string pageBytes(std::size_t size, int seed);

/// \brief A request for Anna Maria Kowalska, who is in the registry (known_persons.json), with a
/// machine readable zone that agrees; birth place left empty for the registry to complete.
sync::protocol::CreateRequest knownPersonRequest(const std::string& agentId,
                                                 const std::vector<std::string>& pages);

/// \brief A request for a person nobody knows, with an agreeing machine readable zone.
sync::protocol::CreateRequest newPersonRequest(const std::string& agentId,
                                               const std::vector<std::string>& pages,
                                               const std::string& surname = "Lindqvist",
                                               const std::string& givenNames = "Sofia",
                                               core::PartialDate birthDate = {1993, 9, 21});

/// \brief Sets the page manifest of `request` from page contents.
void setPages(sync::protocol::CreateRequest& request, const std::vector<std::string>& pages);

/// \brief A new random UUID-like idempotency key.
std::string newKey();

/// \brief A test with a running central service (SQLite), an SMTP sink and a client.
class CentralTest : public ::testing::Test {
protected:
    void SetUp() override;
    void TearDown() override;

    /// \brief Files a request and uploads all its pages; returns the final resource.
    nlohmann::json fileRequest(const sync::protocol::CreateRequest& request,
                               const std::vector<std::string>& pages);

    std::unique_ptr<SmtpSink> smtp_;
    std::optional<CentralServer> server_;
    std::unique_ptr<ProtocolClient> client_;
};

}  // namespace balie::test
