// SPDX-License-Identifier: GPL-3.0-or-later
// vpcd socket protocol: length-framed messages over TCP.
#include "vpcd_link.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace balie::cardsim {

namespace {

bool readExactly(int fd, std::uint8_t* buffer, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        ssize_t n = ::recv(fd, buffer + done, size - done, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

Bytes vpcdFrame(const Bytes& payload) {
    Bytes frame(payload.size() + 2);
    frame[0] = static_cast<std::uint8_t>(payload.size() >> 8);
    frame[1] = static_cast<std::uint8_t>(payload.size() & 0xFF);
    std::copy(payload.begin(), payload.end(), frame.begin() + 2);
    return frame;
}

core::Result<VpcdLink> VpcdLink::connect(const std::string& host, std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
        return core::fail(core::Errc::InvalidArgument, "not an IPv4 address: " + host);
    }
    UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (!fd.isValid()) {
        return core::fail(core::Errc::Reader, std::string("socket: ") + std::strerror(errno),
                          errno);
    }
    if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        return core::fail(core::Errc::Reader,
                          "cannot reach vpcd on " + host + ":" + std::to_string(port) + ": " +
                              std::strerror(errno),
                          errno);
    }
    // APDUs are small request/response messages: send each at once.
    int one = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return VpcdLink(std::move(fd));
}

std::optional<Bytes> VpcdLink::receive() {
    std::uint8_t header[2];
    if (!readExactly(fd_.get(), header, sizeof header)) {
        return std::nullopt;
    }
    Bytes payload(static_cast<std::size_t>(header[0] << 8 | header[1]));
    if (!readExactly(fd_.get(), payload.data(), payload.size())) {
        return std::nullopt;
    }
    return payload;
}

bool VpcdLink::send(const Bytes& payload) {
    Bytes frame = vpcdFrame(payload);
    std::size_t done = 0;
    while (done < frame.size()) {
        ssize_t n = ::send(fd_.get(), frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

void VpcdLink::pull() {
    linger reset{1, 0};
    ::setsockopt(fd_.get(), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    fd_.reset();
}

}  // namespace balie::cardsim
