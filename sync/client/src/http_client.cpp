// SPDX-License-Identifier: GPL-3.0-or-later
// HttpClient over libcurl's easy interface; every libcurl handle is owned by a RAII wrapper.
#include "balie/sync/client/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace balie::sync::client {
namespace {

using core::Errc;
using core::Result;

struct EasyDeleter {
    void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

/// A curl_slist built by appending, freed on destruction.
class HeaderList {
public:
    bool append(const std::string& line) {
        curl_slist* grown = curl_slist_append(list_.get(), line.c_str());
        if (grown == nullptr) {
            return false;
        }
        (void)list_.release();
        list_.reset(grown);
        return true;
    }
    curl_slist* get() const { return list_.get(); }

private:
    std::unique_ptr<curl_slist, SlistDeleter> list_;
};

struct Transfer {
    HttpResponse* response;
    const std::atomic<bool>* stop;
};

std::size_t onBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    transfer->response->body.append(data, size * count);
    return size * count;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::size_t onHeader(char* data, std::size_t size, std::size_t count, void* user) {
    auto* transfer = static_cast<Transfer*>(user);
    const std::string_view line(data, size * count);
    // A new status line (after a redirect or an interim answer) starts a new header set.
    if (line.starts_with("HTTP/")) {
        transfer->response->headers.clear();
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        transfer->response->headers[name] = trim(line.substr(colon + 1));
    }
    return size * count;
}

// Checked often during a transfer: a non-zero answer makes libcurl abandon it at once.
int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* transfer = static_cast<Transfer*>(user);
    return transfer->stop != nullptr && transfer->stop->load() ? 1 : 0;
}

const char* methodName(HttpMethod method) {
    switch (method) {
        case HttpMethod::Get:
            return "GET";
        case HttpMethod::Head:
            return "HEAD";
        case HttpMethod::Post:
            return "POST";
        case HttpMethod::Patch:
            return "PATCH";
        case HttpMethod::Delete:
            return "DELETE";
    }
    return "GET";
}

}  // namespace

std::string HttpResponse::header(const std::string& lowerCaseName) const {
    const auto found = headers.find(lowerCaseName);
    return found == headers.end() ? std::string() : found->second;
}

void initCurl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct HttpClient::Handle {
    EasyHandle easy;
};

HttpClient::HttpClient(ConnectionOptions options, const std::atomic<bool>* stop)
    : options_(std::move(options)), stop_(stop), handle_(std::make_unique<Handle>()) {
    initCurl();
    handle_->easy.reset(curl_easy_init());
    while (!options_.baseUrl.empty() && options_.baseUrl.back() == '/') {
        options_.baseUrl.pop_back();
    }
}

HttpClient::~HttpClient() = default;

Result<HttpResponse> HttpClient::send(const HttpRequest& request) {
    CURL* easy = handle_->easy.get();
    if (easy == nullptr) {
        return core::fail(Errc::Network, "libcurl could not start (out of memory)");
    }
    // Reset clears the previous request's options but keeps the open connection.
    curl_easy_reset(easy);

    HttpResponse response;
    Transfer transfer{&response, stop_};
    HeaderList headers;
    bool listed = headers.append("Authorization: Bearer " + options_.token) &&
                  // libcurl would otherwise wait up to a second for "100 Continue" on big bodies.
                  headers.append("Expect:");
    for (const auto& [name, value] : request.headers) {
        listed = listed && headers.append(name + ": " + value);
    }
    if (!request.contentType.empty()) {
        listed = listed && headers.append("Content-Type: " + request.contentType);
    }
    if (!listed) {
        return core::fail(Errc::Network, "out of memory building the request headers");
    }

    const std::string url = options_.baseUrl + request.target;
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connectTimeout.count()));
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME,
                     static_cast<long>(options_.stallTimeout.count()));
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    if (!options_.caFile.empty()) {
        curl_easy_setopt(easy, CURLOPT_CAINFO, options_.caFile.c_str());
    }
    if (!options_.clientCertFile.empty()) {
        curl_easy_setopt(easy, CURLOPT_SSLCERT, options_.clientCertFile.c_str());
        curl_easy_setopt(easy, CURLOPT_SSLKEY, options_.clientKeyFile.c_str());
    }
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &transfer);
    // libcurl's own words say which check failed ("unable to get local issuer certificate").
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, detail);

    switch (request.method) {
        case HttpMethod::Get:
            curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
            break;
        case HttpMethod::Head:
            curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
            break;
        case HttpMethod::Delete:
            curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, methodName(request.method));
            break;
        case HttpMethod::Post:
        case HttpMethod::Patch:
            curl_easy_setopt(easy, CURLOPT_POST, 1L);
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                             static_cast<curl_off_t>(request.body.size()));
            if (request.method == HttpMethod::Patch) {
                curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, methodName(request.method));
            }
            break;
    }

    const CURLcode code = curl_easy_perform(easy);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);
    if (code != CURLE_OK) {
        const bool cancelled = code == CURLE_ABORTED_BY_CALLBACK;
        const std::string reason = detail[0] != '\0' ? detail : curl_easy_strerror(code);
        return core::fail(Errc::Network,
                          cancelled ? std::string("cancelled")
                                    : std::string(methodName(request.method)) + " " +
                                          request.target + ": " + reason,
                          static_cast<long>(code));
    }
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

}  // namespace balie::sync::client
