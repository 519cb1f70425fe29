// SPDX-License-Identifier: GPL-3.0-or-later
// A tiny SMTP server on loopback that accepts every message and keeps it, for tests of e-mail.
#include "smtp_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace balie::test {
namespace {

std::string upper(std::string text) {
    for (char& c : text) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return text;
}

std::string addressOf(const std::string& line) {
    const auto open = line.find('<');
    const auto close = line.find('>', open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos) {
        const auto colon = line.find(':');
        return colon == std::string::npos ? std::string() : line.substr(colon + 1);
    }
    return line.substr(open + 1, close - open - 1);
}

// Reads from a socket line by line, waiting on a stop pipe too.
class LineReader {
public:
    LineReader(int socket, int stop) : socket_(socket), stop_(stop) {}

    bool next(std::string& line) {
        while (true) {
            const auto end = buffer_.find("\r\n");
            if (end != std::string::npos) {
                line = buffer_.substr(0, end);
                buffer_.erase(0, end + 2);
                return true;
            }
            pollfd fds[2] = {{socket_, POLLIN, 0}, {stop_, POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0 || fds[1].revents != 0) {
                return false;
            }
            char chunk[4096];
            const ssize_t n = ::read(socket_, chunk, sizeof chunk);
            if (n <= 0) {
                return false;
            }
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

private:
    int socket_;
    int stop_;
    std::string buffer_;
};

void reply(int socket, const std::string& text) {
    const std::string line = text + "\r\n";
    std::size_t sent = 0;
    while (sent < line.size()) {
        const ssize_t n = ::send(socket, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            return;
        }
        sent += static_cast<std::size_t>(n);
    }
}

}  // namespace

SmtpSink::SmtpSink() {
    if (::pipe(stopPipe_) != 0) {
        throw std::runtime_error("SmtpSink: pipe failed");
    }
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (listener_ < 0 ||
        ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 8) != 0) {
        throw std::runtime_error("SmtpSink: cannot listen on loopback");
    }
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink() {
    const char stop = 'x';
    (void)::write(stopPipe_[1], &stop, 1);
    thread_.join();
    ::close(listener_);
    ::close(stopPipe_[0]);
    ::close(stopPipe_[1]);
}

std::string SmtpSink::url() const {
    return "smtp://127.0.0.1:" + std::to_string(port_);
}

std::vector<SmtpMessage> SmtpSink::messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
}

std::vector<SmtpMessage> SmtpSink::waitForMessages(std::size_t count,
                                                   std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
    return messages_;
}

void SmtpSink::serve() {
    while (true) {
        pollfd fds[2] = {{listener_, POLLIN, 0}, {stopPipe_[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0 || fds[1].revents != 0) {
            return;
        }
        const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            continue;
        }
        session(client);
        ::close(client);
    }
}

void SmtpSink::session(int client) {
    LineReader reader(client, stopPipe_[0]);
    reply(client, "220 balie-test-sink ESMTP");
    SmtpMessage message;
    std::string line;
    while (reader.next(line)) {
        const std::string command = upper(line.substr(0, line.find(' ')));
        if (command == "EHLO" || command == "HELO") {
            reply(client, "250 balie-test-sink");
        } else if (command == "MAIL") {
            message = SmtpMessage{};
            message.from = addressOf(line);
            reply(client, "250 OK");
        } else if (command == "RCPT") {
            message.recipients.push_back(addressOf(line));
            reply(client, "250 OK");
        } else if (command == "DATA") {
            reply(client, "354 end with <CRLF>.<CRLF>");
            std::string data;
            while (reader.next(line) && line != ".") {
                data += (line.starts_with("..") ? line.substr(1) : line) + "\r\n";
            }
            message.data = std::move(data);
            {
                std::lock_guard lock(mutex_);
                messages_.push_back(message);
            }
            arrived_.notify_all();
            reply(client, "250 OK queued");
        } else if (command == "QUIT") {
            reply(client, "221 bye");
            return;
        } else if (command == "RSET" || command == "NOOP") {
            reply(client, "250 OK");
        } else {
            reply(client, "502 not implemented");
        }
    }
}

}  // namespace balie::test
