// SPDX-License-Identifier: GPL-3.0-or-later
// Delivers the mail outbox through an SMTP relay (libcurl), in the background.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "balie/core/error.h"
#include "balie/sync/central/service.h"

namespace balie::sync::central {

struct MailOptions {
    std::string smtpUrl;  ///< "smtp://host:port"
    std::string from;     ///< envelope and header sender
};

/// \brief The message for one outbox item: it says only that news is waiting, with the ticket.
std::string composeMail(const MailOptions& options, const MailItem& mail);

/// \brief Sends one message; Errc::Network with curl's words when the relay refuses or is gone.
[[nodiscard]] core::Result<void> sendMail(const MailOptions& options, const MailItem& mail);

/// \brief Polls the outbox and sends what is due; failed messages are retried with backoff.
class Mailer {
public:
    Mailer(CentralService& service, MailOptions options);
    ~Mailer();
    Mailer(const Mailer&) = delete;
    Mailer& operator=(const Mailer&) = delete;

    void start();
    void stop();

private:
    void loop();

    CentralService& service_;
    MailOptions options_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
};

}  // namespace balie::sync::central
