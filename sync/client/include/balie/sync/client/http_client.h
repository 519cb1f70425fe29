// SPDX-License-Identifier: GPL-3.0-or-later
// HttpClient: one HTTP/1.1 connection to the central service over libcurl, with the kiosk's
// credential, TLS settings, timeouts and cancellation.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "balie/core/error.h"

namespace balie::sync::client {

/// \brief How to reach the central service.
struct ConnectionOptions {
    std::string baseUrl;  ///< "https://central.example:8443" (no trailing /v1)
    std::string token;    ///< the kiosk's bearer token
    /// CA certificates to trust instead of the system's; empty for the system's.
    std::filesystem::path caFile;
    /// Client certificate and key (PEM) for mutual TLS; both empty when the server asks none.
    std::filesystem::path clientCertFile;
    std::filesystem::path clientKeyFile;
    std::chrono::milliseconds connectTimeout{std::chrono::seconds(10)};
    /// A transfer that moves no byte for this long is abandoned (a dead link, a hung server).
    std::chrono::seconds stallTimeout{30};
};

enum class HttpMethod { Get, Head, Post, Patch, Delete };

struct HttpResponse {
    long status = 0;
    std::string body;
    /// Header names in lower case; the last value wins.
    std::map<std::string, std::string> headers;

    /// \brief The value of a header (name in lower case), empty when absent.
    std::string header(const std::string& lowerCaseName) const;
};

/// \brief One request to send. `target` is the path with its query ("/v1/changes?since=...").
struct HttpRequest {
    HttpMethod method = HttpMethod::Get;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;
    std::span<const std::uint8_t> body;
    std::string contentType;  ///< set when body is sent
};

/// \brief Initialises libcurl for the process; call once from main before threads start (the
/// HttpClient does it too, guarded, for programs that forget).
void initCurl();

/// \brief Sends requests one after the other over a reused connection (keep-alive). Not
/// thread-safe: one client per thread.
class HttpClient {
public:
    /// \param[in] stop when it becomes true, a running transfer is abandoned (Errc::Network,
    /// "cancelled"); may be null.
    HttpClient(ConnectionOptions options, const std::atomic<bool>* stop = nullptr);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    /// \brief Sends one request and reads the whole answer, whatever its status.
    /// \return the response; Errc::Network when no answer came (refused, reset, timed out,
    /// TLS failure, cancelled), with the CURLcode as native code.
    [[nodiscard]] core::Result<HttpResponse> send(const HttpRequest& request);

private:
    struct Handle;
    ConnectionOptions options_;
    const std::atomic<bool>* stop_;
    std::unique_ptr<Handle> handle_;
};

}  // namespace balie::sync::client
