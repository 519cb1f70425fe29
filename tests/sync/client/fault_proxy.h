// SPDX-License-Identifier: GPL-3.0-or-later
// FaultProxy: an HTTP/1.1 proxy on loopback between the sync client and balie-central that
// answers, drops or cuts chosen requests, for tests of what the network and the server can do.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace balie::test {

/// \brief One scripted misbehaviour, applied to the next `times` requests whose request line
/// starts with `requestPrefix` ("PATCH ", "POST /v1/requests", "" for any), after `skip` of them.
struct Fault {
    enum class Kind {
        Answer,      ///< answer `status` itself (with Retry-After when retryAfterSeconds >= 0)
        Drop,        ///< close the connection without any answer
        CutBody,     ///< forward the head and `cutAfterBytes` of the body, then close both sides
        LoseAnswer,  ///< forward the request, then close without passing its answer on
    };
    Kind kind = Kind::Answer;
    std::string requestPrefix;
    int times = 1;
    int status = 503;
    int retryAfterSeconds = -1;
    std::size_t cutAfterBytes = 0;
    int skip = 0;  ///< matching requests to let through first
};

class FaultProxy {
public:
    /// \brief Listens on a free loopback port and forwards to 127.0.0.1:upstreamPort.
    explicit FaultProxy(int upstreamPort);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    void add(Fault fault);
    /// \brief Request lines seen so far ("PATCH /v1/requests/B-000001/pages/0 HTTP/1.1").
    std::vector<std::string> requests() const;
    /// \brief How many scripted faults were applied.
    int faultsApplied() const;

private:
    void acceptLoop();
    void serve(int client);
    bool takeFault(const std::string& requestLine, Fault& fault);

    int listener_ = -1;
    int port_ = 0;
    int upstreamPort_;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mutex_;
    std::vector<Fault> faults_;
    std::vector<std::string> requests_;
    std::vector<int> openSockets_;
    int applied_ = 0;
    std::vector<std::thread> workers_;
    std::thread acceptor_;
};

}  // namespace balie::test
