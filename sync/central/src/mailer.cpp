// SPDX-License-Identifier: GPL-3.0-or-later
// Delivers the mail outbox through an SMTP relay (libcurl), in the background.
#include "mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>

namespace balie::sync::central {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(200);
constexpr std::size_t kBatch = 20;
constexpr long kTimeoutSeconds = 20;

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct Payload {
    std::string text;
    std::size_t sent = 0;
};

std::size_t readPayload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* payload = static_cast<Payload*>(user);
    const std::size_t room = size * count;
    const std::size_t left = payload->text.size() - payload->sent;
    const std::size_t n = std::min(room, left);
    std::memcpy(buffer, payload->text.data() + payload->sent, n);
    payload->sent += n;
    return n;
}

std::string rfc5322Date() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &utc);
    return buffer;
}

std::chrono::seconds backoff(int attempts) {
    const int exponent = std::min(attempts, 12);
    return std::chrono::seconds(std::min(3600, 1 << exponent));
}

}  // namespace

std::string composeMail(const MailOptions& options, const MailItem& mail) {
    std::string text;
    text += "Date: " + rfc5322Date() + "\r\n";
    text += "From: " + options.from + "\r\n";
    text += "To: " + mail.recipient + "\r\n";
    text += "Subject: Balie: news about request " + mail.ticket + "\r\n";
    text += "Message-ID: <balie-" + std::to_string(mail.id) + "-" + mail.ticket + "@balie>\r\n";
    text += "MIME-Version: 1.0\r\n";
    text += "Content-Type: text/plain; charset=utf-8\r\n";
    text += "\r\n";
    text += "There is news about identification request " + mail.ticket + ".\r\n";
    text += "Please look at the request on the Balie kiosk where it was filed.\r\n";
    text += "\r\n";
    text += "This message was sent automatically; do not reply.\r\n";
    return text;
}

core::Result<void> sendMail(const MailOptions& options, const MailItem& mail) {
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) {
        return core::fail(core::Errc::Network, "cannot start libcurl");
    }
    std::unique_ptr<curl_slist, ListDeleter> recipients(
        curl_slist_append(nullptr, ("<" + mail.recipient + ">").c_str()));
    Payload payload{composeMail(options, mail), 0};
    const std::string from = "<" + options.from + ">";
    curl_easy_setopt(curl.get(), CURLOPT_URL, options.smtpUrl.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, readPayload);
    curl_easy_setopt(curl.get(), CURLOPT_READDATA, &payload);
    curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, kTimeoutSeconds);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    const CURLcode rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK) {
        return core::fail(core::Errc::Network, std::string("mail relay: ") + curl_easy_strerror(rc),
                          rc);
    }
    return {};
}

Mailer::Mailer(CentralService& service, MailOptions options)
    : service_(service), options_(std::move(options)) {
}

Mailer::~Mailer() {
    stop();
}

void Mailer::start() {
    thread_ = std::thread([this] { loop(); });
}

void Mailer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void Mailer::loop() {
    while (true) {
        {
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, kPollInterval, [&] { return stopping_; })) {
                return;
            }
        }
        auto due = service_.dueMails(kBatch);
        if (!due.has_value()) {
            continue;
        }
        for (const MailItem& mail : *due) {
            auto sent = sendMail(options_, mail);
            if (sent.has_value()) {
                (void)service_.markMailSent(mail.id);
            } else {
                std::fprintf(stderr, "balie-central: mail for %s not sent: %s\n",
                             mail.ticket.c_str(), sent.error().message.c_str());
                (void)service_.markMailFailed(mail.id, sent.error().message,
                                              backoff(mail.attempts + 1));
            }
        }
    }
}

}  // namespace balie::sync::central
