// SPDX-License-Identifier: GPL-3.0-or-later
// The Belgian eID applet protocol over any CardTransport: files, PIN, signing, log off.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "balie/core/error.h"
#include "balie/drivers/eid/apdu.h"
#include "balie/drivers/eid/card_data.h"
#include "balie/drivers/eid/pin.h"

namespace balie::drivers::eid {

/// \brief The transparent files of the card ([CONT] §4.3); the value is the file identifier.
enum class EidFile : std::uint16_t {
    Identity = 0x4031,
    IdentitySignature = 0x4032,
    Address = 0x4033,
    AddressSignature = 0x4034,
    Photo = 0x4035,
    BasicPublicKey = 0x4040,
    AuthenticationCertificate = 0x5038,
    SigningCertificate = 0x5039,
    CaCertificate = 0x503A,
    RootCertificate = 0x503B,
    RrnCertificate = 0x503C,
};

/// \brief What is known of a file's size before reading it, so that no READ BINARY is wasted.
struct FileLayout {
    enum class Kind {
        Unknown,  ///< read until a short chunk, 6Cxx or 6B00
        Der,      ///< a DER element and zero padding: read the element only
        Exact,    ///< exactly \a size bytes
    };
    Kind kind = Kind::Unknown;
    /// Exact: the size. Der: the most bytes the element can have, for the first READ BINARY (0
    /// when there is no such bound).
    std::size_t size = 0;

    /// \brief The layout every card has: certificates are DER, other files unknown.
    static FileLayout of(EidFile file);
};

/// \brief How files are read.
struct ReadOptions {
    /// READ BINARY chunk: the card's largest (Le=00, 256 bytes), so that files take the fewest
    /// commands; eid-mw reads 252, for a reader that cannot carry 258-byte answers.
    std::size_t chunkSize = 256;
    /// Spurious errors of cheap readers tolerated per file, each answered by a re-select and a
    /// retry of the same offset.
    int glitchRetries = 4;
    /// Pause before re-selecting after such an error: eid-mw waits 25 ms after an unexpected
    /// status, cheap readers recover better.
    std::chrono::milliseconds glitchPause{25};
};

/// \brief What went over the wire: command APDUs sent and bytes in each direction.
struct TransferStats {
    std::size_t apdus = 0;
    std::size_t bytesSent = 0;
    std::size_t bytesReceived = 0;
};

/// \brief The PIN state: tries left out of 3, and whether the PIN is blocked.
struct PinStatus {
    bool verified = false;
    int triesLeft = 0;
    bool blocked = false;
};

/// \brief A Belgian eID card behind a transport. Borrows the transport, which must outlive it.
///
/// Not thread-safe: one thread talks to one card.
class EidCard {
public:
    /// \brief Recognises the card: the ATR must be a Belgian eID ATR and GET CARD DATA must name
    /// a 1.x applet (the applet is selected by AID only when the default selection does not
    /// answer).
    /// \return Errc::Card "not a Belgian eID card" or "card not activated" (6D00), or the
    /// transport's error.
    static core::Result<EidCard> open(CardTransport& transport, ByteView atr,
                                      ReadOptions options = {});

    const CardData& cardData() const { return cardData_; }

    /// \brief Reads a whole file in as few READ BINARY commands as its size allows.
    ///
    /// Handles 6Cxx (resend with the exact length), 61xx (GET RESPONSE), 6B00 at the end of a file
    /// whose size is a multiple of the chunk, and the mid-file 6B00, 6986 or empty 9000 of cheap
    /// readers (re-select, retry the offset). Certificate files are zero-padded: only the DER
    /// length is read.
    /// \return Errc::NotFound for a file the card does not have, Errc::Card for other card
    /// errors, or the transport's error.
    core::Result<Bytes> readFile(EidFile file) { return readFile(file, FileLayout::of(file)); }

    /// \brief Reads a file whose \a layout the caller knows (a signature file once the signing
    /// key is known).
    core::Result<Bytes> readFile(EidFile file, FileLayout layout);

    /// \brief The PIN state without spending a try (GET CARD DATA on 1.8, empty VERIFY on 1.7).
    core::Result<PinStatus> pinStatus();

    /// \brief VERIFY. A wrong PIN is not an error: it comes back as a status with tries left.
    core::Result<PinStatus> verifyPin(const Pin& pin);

    /// \brief Signs with the authentication key (reference 82) after a VERIFY: on 1.7 \a input is
    /// a PKCS#1 DigestInfo and the result an RSA signature; on 1.8 \a input is a SHA-384 hash and
    /// the result a raw r||s ECDSA signature.
    core::Result<Bytes> signWithAuthenticationKey(ByteView input);

    /// \brief LOG OFF: the card forgets the verified PIN.
    core::Result<void> logOff();

    const TransferStats& stats() const { return stats_; }

private:
    EidCard(CardTransport& transport, ReadOptions options)
        : transport_(&transport), options_(options) {}

    core::Result<ApduResponse> send(ByteView command);
    core::Result<ApduResponse> exchange(ByteView command);
    core::Result<void> select(EidFile file);

    CardTransport* transport_;
    ReadOptions options_;
    CardData cardData_;
    TransferStats stats_;
};

/// \brief The number of APDUs a file of \a size bytes needs at the least: one SELECT and one READ
/// BINARY per chunk, plus one to find the end when the size is unknown and a multiple of the
/// chunk.
std::size_t minimumApdusForFile(std::size_t size, std::size_t chunkSize, bool sizeKnown);

}  // namespace balie::drivers::eid
