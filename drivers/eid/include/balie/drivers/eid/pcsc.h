// SPDX-License-Identifier: GPL-3.0-or-later
// PC/SC transport: readers, hot-plug events and a connected card, with no PC/SC type in sight.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "balie/core/error.h"
#include "balie/drivers/eid/apdu.h"

namespace balie::drivers::eid {

/// \brief A reader and what is in it.
struct ReaderState {
    std::string name;
    bool cardPresent = false;
    Bytes atr;  ///< empty when no card is present
};

enum class ReaderEventKind { ReaderAdded, ReaderRemoved, CardInserted, CardRemoved };

struct ReaderEvent {
    ReaderEventKind kind;
    std::string reader;
    Bytes atr;  ///< for CardInserted
};

/// \brief True when \a error says that the card went away (removed, or no card in the reader).
bool isCardRemoved(const core::Error& error);

/// \brief True when \a error says that the reader or the PC/SC service went away.
bool isReaderGone(const core::Error& error);

class PcscCard;

/// \brief A PC/SC context: the reader list, hot-plug events, connections.
///
/// libpcsclite honours PCSCLITE_CSOCK_NAME, so a private pcscd is reached by setting it before
/// establish(). waitForEvents() runs on one thread; cancel() may be called from any other thread
/// and makes a wait return at once. The context must outlive every card connected through it.
class PcscContext {
public:
    /// \return Errc::Reader when the PC/SC service cannot be reached.
    static core::Result<std::unique_ptr<PcscContext>> establish();

    PcscContext(const PcscContext&) = delete;
    PcscContext& operator=(const PcscContext&) = delete;
    ~PcscContext();

    /// \brief The readers and their cards now; an empty list when there is no reader.
    core::Result<std::vector<ReaderState>> readers();

    /// \brief Waits until a reader is added or removed or a card is inserted or removed, or
    /// \a timeout passes (an empty list). The first call reports the current cards as
    /// CardInserted. Uses the PnP notification of SCardGetStatusChange for reader changes.
    /// \return Errc::InvalidState "cancelled" after cancel(), Errc::Reader when the service went.
    core::Result<std::vector<ReaderEvent>> waitForEvents(std::chrono::milliseconds timeout);

    /// \brief Makes a waitForEvents() in progress return (SCardCancel); for shutdown.
    void cancel();

    /// \brief Connects to the card in \a reader (shared, T=0 or T=1), then pauses
    /// \a settle, as some readers fail when the first command comes too fast (eid-mw: 200 ms).
    /// \return Errc::Card "no card" when the reader is empty, Errc::Reader for an unknown reader.
    core::Result<std::unique_ptr<PcscCard>> connect(
        const std::string& reader,
        std::chrono::milliseconds settle = std::chrono::milliseconds(200));

private:
    struct Impl;
    explicit PcscContext(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// \brief A connected card. transmit() wraps each command in its own transaction unless a
/// Transaction is open, and reconnects once when another program reset the card
/// (SCARD_W_RESET_CARD) or the reader lost the exchange; a removed card is an error at once.
class PcscCard final : public CardTransport {
public:
    PcscCard(const PcscCard&) = delete;
    PcscCard& operator=(const PcscCard&) = delete;
    ~PcscCard() override;

    core::Result<ApduResponse> transmit(ByteView command) override;

    const std::string& reader() const;
    const Bytes& atr() const;

    /// \brief How many times the card was reconnected after a reset or lost exchange.
    int reconnects() const;

    /// \brief Resets the card on disconnect instead of leaving it, so that no PIN right survives
    /// the connection: for the end of an agent's session.
    void resetOnDisconnect();

    /// \brief Exclusive access for a sequence of commands (SCardBeginTransaction); ends on
    /// destruction. Re-begun by transmit() after a reconnect.
    class Transaction {
    public:
        Transaction(Transaction&& other) noexcept;
        Transaction& operator=(Transaction&&) = delete;
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        ~Transaction();

    private:
        friend class PcscCard;
        explicit Transaction(PcscCard* card) : card_(card) {}
        PcscCard* card_;
    };

    /// \return the open transaction, or Errc::Card when the card is gone.
    core::Result<Transaction> beginTransaction();

private:
    friend class PcscContext;
    struct Impl;
    explicit PcscCard(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace balie::drivers::eid
