// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP front of the central service: the protocol's endpoints on cpp-httplib, plain or TLS.
#pragma once

#include <memory>
#include <string>

#include "balie/core/error.h"
#include "balie/sync/central/service.h"

namespace httplib {
class Server;
}

namespace balie::sync::central {

struct ListenOptions {
    std::string host = "127.0.0.1";
    int port = 0;                ///< 0: pick a free port
    std::string tlsCertificate;  ///< PEM; TLS when set
    std::string tlsKey;
    std::string clientCa;  ///< PEM; mutual TLS when set
};

class HttpServer {
public:
    /// \brief Binds the socket. Errc::Config for unusable TLS files, Errc::Network when the
    /// address cannot be bound.
    [[nodiscard]] static core::Result<std::unique_ptr<HttpServer>> bind(
        CentralService& service, const ListenOptions& options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    int port() const { return port_; }
    /// \brief Serves until stop(); call on its own thread.
    void run();
    void stop();

private:
    HttpServer(CentralService& service, std::unique_ptr<httplib::Server> server);
    void route();

    CentralService& service_;
    std::unique_ptr<httplib::Server> server_;
    int port_ = 0;
};

}  // namespace balie::sync::central
