// SPDX-License-Identifier: GPL-3.0-or-later
// The card side of the vpcd socket protocol (vsmartcard virtualsmartcard/doc/api.txt).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "apdu.h"
#include "balie/core/error.h"
#include "unique_fd.h"

namespace balie::cardsim {

/// \brief One-byte control messages vpcd sends; any longer message is a command APDU.
enum class VpcdControl : std::uint8_t {
    PowerOff = 0x00,
    PowerOn = 0x01,
    Reset = 0x02,
    GetAtr = 0x04
};

/// \brief \a payload framed for the wire: 2-byte big-endian length, then the payload.
Bytes vpcdFrame(const Bytes& payload);

/// \brief A TCP connection to the vpcd reader driver inside pcscd. vpcd listens; the card
/// connects, and closing the connection is how a card is pulled out.
class VpcdLink {
public:
    /// \brief Connects to vpcd at \a host (IPv4 address) and \a port. Fails with Errc::Reader
    /// while pcscd has not loaded vpcd yet.
    static core::Result<VpcdLink> connect(const std::string& host, std::uint16_t port);

    int fd() const { return fd_.get(); }

    /// \brief Reads one whole message; nullopt when vpcd closed the connection or it failed.
    std::optional<Bytes> receive();

    /// \brief Sends one framed message; false when the connection is gone.
    bool send(const Bytes& payload);

    /// \brief Drops the connection with a TCP reset, as a card pulled out: vpcd's next send then
    /// fails. A plain close would let vpcd read end-of-file, which it reports as an empty but
    /// successful response.
    void pull();

private:
    explicit VpcdLink(UniqueFd fd) : fd_(std::move(fd)) {}

    UniqueFd fd_;
};

}  // namespace balie::cardsim
