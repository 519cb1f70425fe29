// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP front of the central service: the protocol's endpoints on cpp-httplib, plain or TLS.
#pragma once

#include <memory>
#include <string>

#include "balie/core/error.h"
#include "balie/sync/central/digital_keys.h"
#include "balie/sync/central/service.h"

namespace httplib {
class Server;
}

namespace balie::sync::central {

/// A kiosk keeps its connection open between calls (keep-alive), holding one worker meanwhile:
/// enough for a few dozen kiosks syncing at the same moment.
inline constexpr int kDefaultHttpThreads = 32;
inline constexpr int kMaxHttpThreads = 1024;

struct ListenOptions {
    std::string host = "127.0.0.1";
    int port = 0;                ///< 0: pick a free port
    std::string tlsCertificate;  ///< PEM; TLS when set
    std::string tlsKey;
    std::string clientCa;               ///< PEM; mutual TLS when set
    int threads = kDefaultHttpThreads;  ///< HTTP workers, 1 to kMaxHttpThreads
};

class HttpServer {
public:
    /// \brief Binds the socket. Errc::Config for unusable TLS files, Errc::Network when the
    /// address cannot be bound.
    [[nodiscard]] static core::Result<std::unique_ptr<HttpServer>> bind(
        CentralService& service, DigitalKeys& digitalKeys, const ListenOptions& options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    int port() const { return port_; }
    /// \brief Serves until stop(); call on its own thread.
    void run();
    void stop();

private:
    HttpServer(CentralService& service, DigitalKeys& digitalKeys,
               std::unique_ptr<httplib::Server> server);
    void route();

    CentralService& service_;
    DigitalKeys& digitalKeys_;
    std::unique_ptr<httplib::Server> server_;
    int port_ = 0;
};

}  // namespace balie::sync::central
