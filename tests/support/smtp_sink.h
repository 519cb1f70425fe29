// SPDX-License-Identifier: GPL-3.0-or-later
// A tiny SMTP server on loopback that accepts every message and keeps it, for tests of e-mail.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace balie::test {

struct SmtpMessage {
    std::string from;                     ///< MAIL FROM address, without <>
    std::vector<std::string> recipients;  ///< RCPT TO addresses, without <>
    std::string data;                     ///< headers and body as sent, dot-unstuffed
};

/// \brief Listens on 127.0.0.1 at a free port from start() until destruction; one connection at
/// a time, which is all a relay client needs.
class SmtpSink {
public:
    SmtpSink();
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    /// \brief "smtp://127.0.0.1:PORT".
    std::string url() const;
    int port() const { return port_; }

    std::vector<SmtpMessage> messages() const;
    /// \brief Waits until at least `count` messages arrived or `timeout` passed; returns them.
    std::vector<SmtpMessage> waitForMessages(std::size_t count,
                                             std::chrono::milliseconds timeout) const;

private:
    void serve();
    void session(int client);

    int listener_ = -1;
    int stopPipe_[2] = {-1, -1};
    int port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    mutable std::condition_variable arrived_;
    std::vector<SmtpMessage> messages_;
};

}  // namespace balie::test
