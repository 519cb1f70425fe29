// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP front of the central service: the protocol's endpoints on cpp-httplib, plain or TLS.
#include "http_server.h"

#include <httplib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"

namespace balie::sync::central {
namespace {

namespace error_code = protocol::error_code;

// A PATCH carries one chunk of at most a page; a little more leaves room for nothing else.
constexpr std::size_t kMaxBodyBytes = protocol::kMaxPageBytes + 64 * 1024;
constexpr std::size_t kKeepAliveRequests = 1000;
constexpr int kMaxPageIndex = 1000;

const std::string kJson(protocol::kJsonMediaType);

void sendError(httplib::Response& response, const ApiError& error) {
    response.status = error.status;
    if (error.uploadOffset.has_value()) {
        response.set_header(std::string(protocol::kUploadOffsetHeader),
                            std::to_string(*error.uploadOffset));
    }
    if (error.retryAfterSeconds.has_value()) {
        response.set_header(std::string(protocol::kRetryAfterHeader),
                            std::to_string(*error.retryAfterSeconds));
    }
    response.set_content(
        protocol::encode(protocol::ErrorBody{error.code, error.message, error.field}), kJson);
}

ApiError badRequest(std::string message, std::string field) {
    return ApiError{400,
                    std::string(error_code::kBadRequest),
                    std::move(message),
                    std::move(field),
                    std::nullopt,
                    std::nullopt};
}

template <typename Body>
void sendBody(httplib::Response& response, int status, const Body& body) {
    response.status = status;
    response.set_content(protocol::encode(body), kJson);
}

// The default body of an error httplib itself answers (no route, payload too large, bad request
// line), so every error has the protocol's shape.
ApiError defaultError(int status) {
    switch (status) {
        case 404:
            return {404, std::string(error_code::kNotFound), "no such endpoint", {}, {}, {}};
        case 405:
            return {405, std::string(error_code::kBadRequest), "method not allowed", {}, {}, {}};
        case 413:
            return {413,
                    std::string(error_code::kPageTooLarge),
                    "request body larger than a page may be",
                    {},
                    {},
                    {}};
        case 500:
            return {500, std::string(error_code::kInternal), "internal error", {}, {}, {}};
        default:
            return {status, std::string(error_code::kBadRequest), "malformed HTTP request", {}, {},
                    {}};
    }
}

std::optional<std::size_t> parseLimit(const httplib::Request& request) {
    if (!request.has_param("limit")) {
        return std::size_t{0};
    }
    auto value = protocol::parseUploadOffset(request.get_param_value("limit"));
    if (!value.has_value() || *value > 1'000'000) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(*value);
}

std::optional<std::string> optionalParam(const httplib::Request& request, const char* name) {
    if (!request.has_param(name)) {
        return std::nullopt;
    }
    return request.get_param_value(name);
}

std::optional<int> pageIndex(const std::string& text) {
    auto value = protocol::parseUploadOffset(text);
    if (!value.has_value() || *value > static_cast<std::uint64_t>(kMaxPageIndex)) {
        return std::nullopt;
    }
    return static_cast<int>(*value);
}

}  // namespace

HttpServer::HttpServer(CentralService& service, DigitalKeys& digitalKeys,
                       std::unique_ptr<httplib::Server> server)
    : service_(service), digitalKeys_(digitalKeys), server_(std::move(server)) {
}

HttpServer::~HttpServer() = default;

core::Result<std::unique_ptr<HttpServer>> HttpServer::bind(CentralService& service,
                                                           DigitalKeys& digitalKeys,
                                                           const ListenOptions& options) {
    std::unique_ptr<httplib::Server> server;
    if (!options.tlsCertificate.empty() || !options.tlsKey.empty()) {
        for (const std::string* file : {&options.tlsCertificate, &options.tlsKey}) {
            if (file->empty() || !std::filesystem::is_regular_file(*file)) {
                return core::fail(core::Errc::Config,
                                  "TLS needs both --tls-cert and --tls-key as readable PEM files");
            }
        }
        if (!options.clientCa.empty() && !std::filesystem::is_regular_file(options.clientCa)) {
            return core::fail(core::Errc::Config,
                              "--client-ca " + options.clientCa + " is not a readable PEM file");
        }
        auto tls = std::make_unique<httplib::SSLServer>(
            options.tlsCertificate.c_str(), options.tlsKey.c_str(),
            options.clientCa.empty() ? nullptr : options.clientCa.c_str());
        if (!tls->is_valid()) {
            return core::fail(core::Errc::Config,
                              "cannot use the TLS certificate, key or client CA (check that they "
                              "are PEM and that the key matches the certificate)");
        }
        server = std::move(tls);
    } else {
        server = std::make_unique<httplib::Server>();
    }
    const auto threads = static_cast<std::size_t>(std::clamp(options.threads, 1, kMaxHttpThreads));
    server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    std::unique_ptr<HttpServer> http(new HttpServer(service, digitalKeys, std::move(server)));
    http->route();
    if (options.port == 0) {
        http->port_ = http->server_->bind_to_any_port(options.host);
    } else if (http->server_->bind_to_port(options.host, options.port)) {
        http->port_ = options.port;
    } else {
        http->port_ = -1;
    }
    if (http->port_ <= 0) {
        return core::fail(core::Errc::Network,
                          "cannot listen on " + options.host + ":" + std::to_string(options.port));
    }
    return http;
}

void HttpServer::run() {
    server_->listen_after_bind();
}

void HttpServer::stop() {
    server_->stop();
}

void HttpServer::route() {
    httplib::Server& server = *server_;
    server.set_payload_max_length(kMaxBodyBytes);
    server.set_keep_alive_max_count(kKeepAliveRequests);
    server.set_tcp_nodelay(true);

    server.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request&, httplib::Response& response) {
            if (!response.body.empty()) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            sendError(response, defaultError(response.status));
            return httplib::Server::HandlerResponse::Handled;
        }));
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
            sendError(response, defaultError(500));
        });
    // One line per refusal, without bodies or query strings: nothing personal reaches the log.
    server.set_logger([](const httplib::Request& request, const httplib::Response& response) {
        if (response.status >= 400) {
            std::fprintf(stderr, "balie-central: %s %s -> %d\n", request.method.c_str(),
                         request.path.c_str(), response.status);
        }
    });

    // Wraps a handler with authentication: `handle(kiosk, request, response)`.
    auto authenticated = [this](auto handle) {
        return [this, handle](const httplib::Request& request, httplib::Response& response) {
            auto kiosk = service_.authenticate(
                request.get_header_value(std::string(protocol::kAuthorizationHeader)));
            if (!kiosk.has_value()) {
                sendError(response, kiosk.error());
                return;
            }
            handle(*kiosk, request, response);
        };
    };

    server.Post(std::string(protocol::kAgentsVerifyPath),
                authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                     httplib::Response& response) {
                    auto answer = service_.verifyAgent(kiosk, request.body);
                    answer.has_value() ? sendBody(response, 200, *answer)
                                       : sendError(response, answer.error());
                }));
    server.Post(std::string(protocol::kAgentsLoginPath),
                authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                     httplib::Response& response) {
                    auto answer = digitalKeys_.login(kiosk, request.body);
                    answer.has_value() ? sendBody(response, 200, *answer)
                                       : sendError(response, answer.error());
                }));
    server.Get(std::string(protocol::kAgentsPath),
               authenticated([this](const KioskIdentity& kiosk, const httplib::Request&,
                                    httplib::Response& response) {
                   auto answer = service_.agents(kiosk);
                   answer.has_value() ? sendBody(response, 200, *answer)
                                      : sendError(response, answer.error());
               }));
    server.Post(std::string(protocol::kRequestsPath),
                authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                     httplib::Response& response) {
                    auto answer = service_.createRequest(
                        kiosk,
                        request.get_header_value(std::string(protocol::kIdempotencyKeyHeader)),
                        request.body);
                    if (!answer.has_value()) {
                        sendError(response, answer.error());
                        return;
                    }
                    response.set_header("Location", protocol::requestPath(answer->resource.ticket));
                    sendBody(response, answer->created ? 201 : 200, answer->resource);
                }));
    server.Delete(
        std::string(protocol::kRequestsPath),
        authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                             httplib::Response& response) {
            const std::string parameter(protocol::kIdempotencyKeyParameter);
            if (!request.has_param(parameter)) {
                sendError(response, {400,
                                     std::string(error_code::kBadRequest),
                                     parameter + " missing: the Idempotency-Key of the create",
                                     parameter,
                                     {},
                                     {}});
                return;
            }
            auto answer = service_.deleteRequestByKey(kiosk, request.get_param_value(parameter));
            answer.has_value() ? sendBody(response, 200, *answer)
                               : sendError(response, answer.error());
        }));
    const std::string requestPattern = std::string(protocol::kRequestsPath) + "/([^/]+)";
    server.Get(requestPattern,
               authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                    httplib::Response& response) {
                   auto answer = service_.getRequest(kiosk, request.matches[1].str());
                   answer.has_value() ? sendBody(response, 200, *answer)
                                      : sendError(response, answer.error());
               }));
    server.Delete(requestPattern,
                  authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                       httplib::Response& response) {
                      auto answer = service_.deleteRequest(kiosk, request.matches[1].str());
                      answer.has_value() ? sendBody(response, 200, *answer)
                                         : sendError(response, answer.error());
                  }));
    server.Post(requestPattern + "/documents",
                authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                     httplib::Response& response) {
                    auto answer =
                        service_.replaceDocument(kiosk, request.matches[1].str(), request.body);
                    answer.has_value() ? sendBody(response, 200, *answer)
                                       : sendError(response, answer.error());
                }));
    const std::string pagePattern = requestPattern + "/pages/([^/]+)";
    // GET serves HEAD too (httplib routes HEAD to GET handlers and drops the body).
    server.Get(pagePattern,
               authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                    httplib::Response& response) {
                   const auto index = pageIndex(request.matches[2].str());
                   if (!index.has_value()) {
                       sendError(response, defaultError(404));
                       return;
                   }
                   auto offset = service_.pageOffset(kiosk, request.matches[1].str(), *index);
                   if (!offset.has_value()) {
                       sendError(response, offset.error());
                       return;
                   }
                   response.status = 200;
                   response.set_header(std::string(protocol::kUploadOffsetHeader),
                                       std::to_string(*offset));
                   response.set_header("Cache-Control", "no-store");
               }));
    server.Patch(
        pagePattern,
        authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                             httplib::Response& response) {
            const auto index = pageIndex(request.matches[2].str());
            if (!index.has_value()) {
                sendError(response, defaultError(404));
                return;
            }
            const std::string contentType =
                request.get_header_value(std::string(protocol::kContentTypeHeader));
            if (contentType != protocol::kOffsetOctetStreamMediaType) {
                sendError(response,
                          badRequest("Content-Type must be " +
                                         std::string(protocol::kOffsetOctetStreamMediaType),
                                     std::string(protocol::kContentTypeHeader)));
                return;
            }
            const auto offset = protocol::parseUploadOffset(
                request.get_header_value(std::string(protocol::kUploadOffsetHeader)));
            if (!offset.has_value()) {
                sendError(response, badRequest("Upload-Offset header missing or not a number",
                                               std::string(protocol::kUploadOffsetHeader)));
                return;
            }
            auto answer =
                service_.appendPage(kiosk, request.matches[1].str(), *index, *offset, request.body);
            if (!answer.has_value()) {
                sendError(response, answer.error());
                return;
            }
            response.set_header(std::string(protocol::kUploadOffsetHeader),
                                std::to_string(answer->received));
            sendBody(response, 200, *answer);
        }));
    server.Get(std::string(protocol::kChangesPath),
               authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                    httplib::Response& response) {
                   const auto limit = parseLimit(request);
                   if (!limit.has_value()) {
                       sendError(response, badRequest("limit must be a number", "limit"));
                       return;
                   }
                   auto answer = service_.changes(kiosk, request.get_param_value("since"), *limit);
                   answer.has_value() ? sendBody(response, 200, *answer)
                                      : sendError(response, answer.error());
               }));
    server.Get(std::string(protocol::kHistoryPath),
               authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                    httplib::Response& response) {
                   const auto limit = parseLimit(request);
                   if (!limit.has_value()) {
                       sendError(response, badRequest("limit must be a number", "limit"));
                       return;
                   }
                   auto answer = service_.history(kiosk, optionalParam(request, "requester"),
                                                  optionalParam(request, "before"), *limit);
                   answer.has_value() ? sendBody(response, 200, *answer)
                                      : sendError(response, answer.error());
               }));
    server.Get(std::string(protocol::kNotificationsPath),
               authenticated([this](const KioskIdentity& kiosk, const httplib::Request& request,
                                    httplib::Response& response) {
                   auto answer = service_.notifications(kiosk, request.get_param_value("agent"),
                                                        request.get_param_value("since"));
                   answer.has_value() ? sendBody(response, 200, *answer)
                                      : sendError(response, answer.error());
               }));
}

}  // namespace balie::sync::central
