// SPDX-License-Identifier: GPL-3.0-or-later
// Talking HTTP to a real balie-central, with every answer checked against openapi.json.
#include "central_fixture.h"

#include <mutex>
#include <random>

#include "balie/core/mrz_builder.h"
#include "balie/sync/protocol/checksum.h"
#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "smtp_sink.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;

std::string pathOf(const std::string& target) {
    return target.substr(0, target.find('?'));
}

std::vector<std::string> mrzFor(const core::Request& request) {
    core::MrzFields fields;
    fields.format = core::MrzFormat::Td3;
    fields.documentCode = "P";
    fields.issuingState = protocol::countryToWire(request.document.issuingCountry);
    fields.documentNumber = request.document.number;
    char birth[8];
    std::snprintf(birth, sizeof birth, "%02d%02d%02d", request.person.birthDate.year % 100,
                  request.person.birthDate.month, request.person.birthDate.day);
    fields.birthDate = birth;
    fields.sex = request.person.sex == core::Sex::Male ? 'M' : 'F';
    fields.expiryDate = "300228";
    fields.nationality = protocol::countryToWire(request.person.nationality);
    fields.surname = request.person.surname;
    fields.givenNames = request.person.givenNames;
    return core::buildMrz(fields).value();
}

}  // namespace

std::string HttpAnswer::header(const std::string& name) const {
    const auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
}

std::string HttpAnswer::errorCode() const {
    const auto value = json();
    if (!value.is_object() || !value.contains("error")) {
        return {};
    }
    return value["error"].value("code", "");
}

ProtocolClient::ProtocolClient(const std::string& url, std::string token, bool checkSchema)
    : client_(std::make_unique<httplib::Client>(url)),
      token_(std::move(token)),
      openapi_(OpenApi::load()),
      checkSchema_(checkSchema) {
    client_->set_read_timeout(60, 0);
    client_->set_connection_timeout(10, 0);
}

HttpAnswer ProtocolClient::finish(const std::string& method, const std::string& target,
                                  const httplib::Result& result) {
    HttpAnswer answer;
    if (!result) {
        return answer;
    }
    answer.status = result->status;
    answer.body = result->body;
    answer.headers = result->headers;
    if (checkSchema_ && method != "HEAD") {
        for (const std::string& problem :
             openapi_.checkResponse(method, pathOf(target), answer.status, answer.body)) {
            problems_.push_back(method + " " + target + " -> " + std::to_string(answer.status) +
                                ": " + problem);
        }
    }
    return answer;
}

HttpAnswer ProtocolClient::get(const std::string& target) {
    return finish("GET", target, client_->Get(target, {{"Authorization", "Bearer " + token_}}));
}

HttpAnswer ProtocolClient::post(const std::string& path, const std::string& body,
                                const httplib::Headers& headers) {
    httplib::Headers all = headers;
    all.emplace("Authorization", "Bearer " + token_);
    return finish("POST", path, client_->Post(path, all, body, "application/json"));
}

HttpAnswer ProtocolClient::del(const std::string& path) {
    return finish("DELETE", path, client_->Delete(path, {{"Authorization", "Bearer " + token_}}));
}

HttpAnswer ProtocolClient::head(const std::string& ticket, int index) {
    return finish(
        "HEAD", protocol::pagePath(ticket, index),
        client_->Head(protocol::pagePath(ticket, index), {{"Authorization", "Bearer " + token_}}));
}

HttpAnswer ProtocolClient::patch(const std::string& ticket, int index, std::uint64_t offset,
                                 const std::string& chunk) {
    const std::string path = protocol::pagePath(ticket, index);
    return finish("PATCH", path,
                  client_->Patch(path,
                                 {{"Authorization", "Bearer " + token_},
                                  {"Upload-Offset", std::to_string(offset)}},
                                 chunk, "application/offset+octet-stream"));
}

HttpAnswer ProtocolClient::create(const protocol::CreateRequest& request, const std::string& key) {
    return post(std::string(protocol::kRequestsPath), protocol::encode(request),
                {{"Idempotency-Key", key}});
}

HttpAnswer ProtocolClient::upload(const std::string& ticket, int index, const std::string& bytes,
                                  std::size_t chunkSize) {
    HttpAnswer answer;
    std::size_t offset = 0;
    while (offset < bytes.size()) {
        const std::string chunk = bytes.substr(offset, chunkSize);
        answer = patch(ticket, index, offset, chunk);
        if (answer.status != 200) {
            return answer;
        }
        offset += chunk.size();
    }
    return answer;
}

std::string pageBytes(std::size_t size, int seed) {
    std::mt19937 random(static_cast<unsigned>(seed));
    std::string bytes(size, '\0');
    for (char& byte : bytes) {
        byte = static_cast<char>(random() & 0xff);
    }
    return bytes;
}

void setPages(protocol::CreateRequest& request, const std::vector<std::string>& pages) {
    request.pages.clear();
    request.request.pages.clear();
    for (std::size_t i = 0; i < pages.size(); ++i) {
        request.pages.push_back({static_cast<int>(i), pages[i].size(),
                                 protocol::sha256Hex(pages[i]), "image/jpeg", 1280, 720});
        request.request.pages.push_back({std::to_string(i), 1280, 720, pages[i].size()});
    }
}

protocol::CreateRequest newPersonRequest(const std::string& agentId,
                                         const std::vector<std::string>& pages,
                                         const std::string& surname, const std::string& givenNames,
                                         core::PartialDate birthDate) {
    protocol::CreateRequest body;
    core::Request& request = body.request;
    request.localId = "L-" + newKey().substr(0, 8);
    request.submittedAt = std::chrono::system_clock::now();
    request.requester = {agentId, "Els Peeters"};
    request.document.type = core::DocumentType::Passport;
    request.document.issuingCountry = "SE";
    request.document.number =
        "AA" + std::to_string(1000000 + (std::hash<std::string>{}(surname + givenNames) % 8999999));
    request.document.validFrom = core::PartialDate{2020, 3, 1};
    request.document.validUntil = core::PartialDate{2030, 2, 28};
    request.person.surname = surname;
    request.person.givenNames = givenNames;
    request.person.birthDate = birthDate;
    request.person.birthPlace = "Göteborg";
    request.person.birthCountry = "SE";
    request.person.nationality = "SE";
    request.person.sex = core::Sex::Female;
    request.residence = {"Storgatan", "5", "", "411 38", "Göteborg", "SE"};
    request.contactAddress = core::Address{"Rue Neuve", "12", "3", "1000", "Bruxelles", "BE"};
    request.email = "hr@example.be";
    body.mrz = mrzFor(request);
    setPages(body, pages);
    return body;
}

protocol::CreateRequest knownPersonRequest(const std::string& agentId,
                                           const std::vector<std::string>& pages) {
    protocol::CreateRequest body =
        newPersonRequest(agentId, pages, "Kowalska", "Anna Maria", {1990, 4, 17});
    core::Request& request = body.request;
    request.document.issuingCountry = "PL";
    request.document.number = "EA1234567";
    request.person.nationality = "PL";
    request.person.birthCountry.clear();
    request.person.birthPlace.clear();
    request.residence = {"ul. Długa", "5", "", "31-147", "Kraków", "PL"};
    body.mrz = mrzFor(request);
    return body;
}

std::string newKey() {
    // Tests file requests from several threads at once: the generator is shared, so it is locked.
    static std::mutex mutex;
    static std::mt19937_64 random(std::random_device{}());
    std::lock_guard lock(mutex);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%08llx-%04llx-4%03llx-8%03llx-%012llx",
                  static_cast<unsigned long long>(random() & 0xffffffff),
                  static_cast<unsigned long long>(random() & 0xffff),
                  static_cast<unsigned long long>(random() & 0xfff),
                  static_cast<unsigned long long>(random() & 0xfff),
                  static_cast<unsigned long long>(random() & 0xffffffffffff));
    return buffer;
}

void CentralTest::SetUp() {
    smtp_ = std::make_unique<SmtpSink>();
    CentralServerOptions options;
    options.smtpUrl = smtp_->url();
    server_.emplace(CentralServer::start(options));
    client_ = std::make_unique<ProtocolClient>(server_->url(), server_->token());
}

void CentralTest::TearDown() {
    for (const std::string& problem : client_->schemaProblems()) {
        ADD_FAILURE() << "answer does not follow openapi.json: " << problem;
    }
    client_.reset();
    server_.reset();
    smtp_.reset();
}

nlohmann::json CentralTest::fileRequest(const protocol::CreateRequest& request,
                                        const std::vector<std::string>& pages) {
    const HttpAnswer created = client_->create(request, newKey());
    EXPECT_EQ(created.status, 201) << created.body;
    const std::string ticket = created.json().value("ticket", "");
    nlohmann::json last = created.json();
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const HttpAnswer uploaded = client_->upload(ticket, static_cast<int>(i), pages[i]);
        EXPECT_EQ(uploaded.status, 200) << uploaded.body;
        last = uploaded.json()["request"];
    }
    return last;
}

}  // namespace balie::test
