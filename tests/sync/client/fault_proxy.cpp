// SPDX-License-Identifier: GPL-3.0-or-later
// FaultProxy: reads each HTTP request, applies a scripted fault or forwards it and relays the
// answer. Bodies are delimited by Content-Length (what the client and balie-central send).
#include "fault_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace balie::test {
namespace {

bool sendAll(int socket, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            return false;
        }
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

// Reads until `buffer` holds a head ("\r\n\r\n"); false when the peer closed first.
bool readHead(int socket, std::string& buffer, std::string& head) {
    while (true) {
        const auto end = buffer.find("\r\n\r\n");
        if (end != std::string::npos) {
            head = buffer.substr(0, end + 4);
            buffer.erase(0, end + 4);
            return true;
        }
        char chunk[16384];
        const ssize_t n = ::recv(socket, chunk, sizeof chunk, 0);
        if (n <= 0) {
            return false;
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

bool readBody(int socket, std::string& buffer, std::size_t length, std::string& body) {
    while (buffer.size() < length) {
        char chunk[16384];
        const ssize_t n = ::recv(socket, chunk, sizeof chunk, 0);
        if (n <= 0) {
            return false;
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
    body = buffer.substr(0, length);
    buffer.erase(0, length);
    return true;
}

std::size_t contentLength(const std::string& head) {
    std::string lower = head;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto at = lower.find("\r\ncontent-length:");
    if (at == std::string::npos) {
        return 0;
    }
    return static_cast<std::size_t>(std::stoull(head.substr(at + 17)));
}

int connectTo(int port) {
    const int socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(socket);
        return -1;
    }
    return socket;
}

std::string statusText(int status) {
    switch (status) {
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Error";
    }
}

}  // namespace

FaultProxy::FaultProxy(int upstreamPort) : upstreamPort_(upstreamPort) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 64) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("fault proxy cannot listen on loopback");
    }
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { acceptLoop(); });
}

FaultProxy::~FaultProxy() {
    stopping_ = true;
    ::shutdown(listener_, SHUT_RDWR);
    {
        std::lock_guard lock(mutex_);
        for (int socket : openSockets_) {
            ::shutdown(socket, SHUT_RDWR);
        }
    }
    acceptor_.join();
    for (auto& worker : workers_) {
        worker.join();
    }
    ::close(listener_);
}

void FaultProxy::add(Fault fault) {
    std::lock_guard lock(mutex_);
    faults_.push_back(std::move(fault));
}

std::vector<std::string> FaultProxy::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

int FaultProxy::faultsApplied() const {
    std::lock_guard lock(mutex_);
    return applied_;
}

void FaultProxy::acceptLoop() {
    while (!stopping_) {
        pollfd watch{listener_, POLLIN, 0};
        if (::poll(&watch, 1, 200) <= 0) {
            continue;
        }
        const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            continue;
        }
        std::lock_guard lock(mutex_);
        openSockets_.push_back(client);
        workers_.emplace_back([this, client] { serve(client); });
    }
}

bool FaultProxy::takeFault(const std::string& requestLine, Fault& fault) {
    std::lock_guard lock(mutex_);
    requests_.push_back(requestLine);
    for (auto& candidate : faults_) {
        if (candidate.times > 0 && requestLine.starts_with(candidate.requestPrefix)) {
            if (candidate.skip > 0) {
                --candidate.skip;
                continue;
            }
            --candidate.times;
            ++applied_;
            fault = candidate;
            return true;
        }
    }
    return false;
}

void FaultProxy::serve(int client) {
    int upstream = -1;
    std::string fromClient;
    std::string fromUpstream;
    while (!stopping_) {
        std::string head;
        std::string body;
        if (!readHead(client, fromClient, head) ||
            !readBody(client, fromClient, contentLength(head), body)) {
            break;
        }
        const std::string requestLine = head.substr(0, head.find("\r\n"));
        Fault fault;
        if (takeFault(requestLine, fault)) {
            if (fault.kind == Fault::Kind::Answer) {
                const std::string json = R"({"error":{"code":"unavailable","message":"scripted"}})";
                std::string answer = "HTTP/1.1 " + std::to_string(fault.status) + " " +
                                     statusText(fault.status) +
                                     "\r\nContent-Type: application/json\r\nContent-Length: " +
                                     std::to_string(json.size()) + "\r\nConnection: close\r\n";
                if (fault.retryAfterSeconds >= 0) {
                    answer += "Retry-After: " + std::to_string(fault.retryAfterSeconds) + "\r\n";
                }
                sendAll(client, answer + "\r\n" + json);
            } else if (fault.kind == Fault::Kind::CutBody) {
                if (upstream < 0) {
                    upstream = connectTo(upstreamPort_);
                }
                if (upstream >= 0) {
                    sendAll(upstream,
                            head + body.substr(0, std::min(fault.cutAfterBytes, body.size())));
                }
            } else if (fault.kind == Fault::Kind::LoseAnswer) {
                if (upstream < 0) {
                    upstream = connectTo(upstreamPort_);
                }
                std::string lostHead;
                std::string lostBody;
                if (upstream >= 0 && sendAll(upstream, head + body) &&
                    readHead(upstream, fromUpstream, lostHead)) {
                    readBody(upstream, fromUpstream, contentLength(lostHead), lostBody);
                }
            }
            break;
        }
        if (upstream < 0) {
            upstream = connectTo(upstreamPort_);
            if (upstream < 0) {
                break;
            }
        }
        std::string answerHead;
        std::string answerBody;
        const bool isHead = requestLine.starts_with("HEAD ");
        if (!sendAll(upstream, head + body) || !readHead(upstream, fromUpstream, answerHead) ||
            !readBody(upstream, fromUpstream, isHead ? 0 : contentLength(answerHead), answerBody) ||
            !sendAll(client, answerHead + answerBody)) {
            break;
        }
    }
    if (upstream >= 0) {
        ::close(upstream);
    }
    std::lock_guard lock(mutex_);
    ::shutdown(client, SHUT_RDWR);
    openSockets_.erase(std::remove(openSockets_.begin(), openSockets_.end(), client),
                       openSockets_.end());
    ::close(client);
}

}  // namespace balie::test
