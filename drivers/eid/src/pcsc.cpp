// SPDX-License-Identifier: GPL-3.0-or-later
// PC/SC transport over libpcsclite: readers, hot-plug, connection, transmit with recovery.
#include "balie/drivers/eid/pcsc.h"

#include <PCSC/winscard.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <thread>
#include <utility>

#include "pcsc_handles.h"

namespace balie::drivers::eid {

namespace {

constexpr char kPnpReader[] = "\\\\?PnP?\\Notification";

core::Error pcscError(LONG rc, std::string_view what) {
    core::Errc code = core::Errc::Reader;
    std::string reason;
    switch (rc) {
        case SCARD_W_REMOVED_CARD:
        case SCARD_E_NO_SMARTCARD:
            code = core::Errc::Card;
            reason = "card removed";
            break;
        case SCARD_W_UNRESPONSIVE_CARD:
        case SCARD_W_UNPOWERED_CARD:
            code = core::Errc::Card;
            reason = "the card does not respond";
            break;
        case SCARD_E_NO_SERVICE:
        case SCARD_E_SERVICE_STOPPED:
            reason = "the PC/SC service (pcscd) is not running";
            break;
        case SCARD_E_NO_READERS_AVAILABLE:
        case SCARD_E_UNKNOWN_READER:
        case SCARD_E_READER_UNAVAILABLE:
            reason = "reader gone";
            break;
        case SCARD_E_CANCELLED:
            code = core::Errc::InvalidState;
            reason = "cancelled";
            break;
        default:
            reason = pcsc_stringify_error(rc);
            break;
    }
    char native[16];
    std::snprintf(native, sizeof native, "0x%08lX", static_cast<unsigned long>(rc));
    return core::Error{code, std::string(what) + ": " + reason + " (" + native + ")", rc};
}

core::Result<std::vector<std::string>> listReaderNames(SCARDCONTEXT context) {
    // The list can grow between the size query and the read: try again a few times.
    for (int attempt = 0; attempt < 3; ++attempt) {
        DWORD size = 0;
        LONG rc = SCardListReaders(context, nullptr, nullptr, &size);
        if (rc == SCARD_E_NO_READERS_AVAILABLE) {
            return std::vector<std::string>{};
        }
        if (rc != SCARD_S_SUCCESS) {
            return tl::unexpected(pcscError(rc, "listing readers"));
        }
        std::vector<char> buffer(size + 1, '\0');
        rc = SCardListReaders(context, nullptr, buffer.data(), &size);
        if (rc == SCARD_E_INSUFFICIENT_BUFFER) {
            continue;
        }
        if (rc == SCARD_E_NO_READERS_AVAILABLE) {
            return std::vector<std::string>{};
        }
        if (rc != SCARD_S_SUCCESS) {
            return tl::unexpected(pcscError(rc, "listing readers"));
        }
        // A multi-string: names separated by NUL, ended by an empty name.
        std::vector<std::string> names;
        for (const char* name = buffer.data(); *name != '\0'; name += names.back().size() + 1) {
            names.emplace_back(name);
        }
        return names;
    }
    return core::fail(core::Errc::Reader, "listing readers: the list keeps changing");
}

Bytes atrOf(const SCARD_READERSTATE& state) {
    const std::size_t size = std::min<std::size_t>(state.cbAtr, sizeof state.rgbAtr);
    return Bytes(state.rgbAtr, state.rgbAtr + size);
}

bool hasCard(DWORD eventState) {
    return (eventState & SCARD_STATE_PRESENT) != 0 && (eventState & SCARD_STATE_MUTE) == 0;
}

bool isGone(DWORD eventState) {
    return (eventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE)) != 0;
}

/// Reads the state of \a names now, without waiting.
core::Result<std::vector<SCARD_READERSTATE>> currentStates(SCARDCONTEXT context,
                                                           const std::vector<std::string>& names) {
    std::vector<SCARD_READERSTATE> states(names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        states[i].szReader = names[i].c_str();
        states[i].dwCurrentState = SCARD_STATE_UNAWARE;
    }
    if (states.empty()) {
        return states;
    }
    const LONG rc =
        SCardGetStatusChange(context, 0, states.data(), static_cast<DWORD>(states.size()));
    if (rc != SCARD_S_SUCCESS && rc != SCARD_E_TIMEOUT) {
        return tl::unexpected(pcscError(rc, "reading reader states"));
    }
    return states;
}

}  // namespace

bool isCardRemoved(const core::Error& error) {
    return error.native == SCARD_W_REMOVED_CARD || error.native == SCARD_E_NO_SMARTCARD;
}

bool isReaderGone(const core::Error& error) {
    switch (error.native) {
        case SCARD_E_NO_SERVICE:
        case SCARD_E_SERVICE_STOPPED:
        case SCARD_E_NO_READERS_AVAILABLE:
        case SCARD_E_UNKNOWN_READER:
        case SCARD_E_READER_UNAVAILABLE:
        case SCARD_E_INVALID_HANDLE:
        case SCARD_F_COMM_ERROR:
            return true;
        default:
            return false;
    }
}

// ---- PcscContext ------------------------------------------------------------------------------

struct PcscContext::Impl {
    pcsc::ContextHandle context;
    /// Last state seen per reader, passed back to SCardGetStatusChange as its current state.
    std::map<std::string, DWORD> known;
    DWORD pnpState = SCARD_STATE_UNAWARE;
    bool primed = false;
};

PcscContext::PcscContext(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
}

PcscContext::~PcscContext() {
    cancel();
}

core::Result<std::unique_ptr<PcscContext>> PcscContext::establish() {
    SCARDCONTEXT context = 0;
    const LONG rc = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context);
    if (rc != SCARD_S_SUCCESS) {
        return tl::unexpected(pcscError(rc, "connecting to the PC/SC service"));
    }
    auto impl = std::make_unique<Impl>();
    impl->context = pcsc::ContextHandle(context);
    return std::unique_ptr<PcscContext>(new PcscContext(std::move(impl)));
}

core::Result<std::vector<ReaderState>> PcscContext::readers() {
    auto names = listReaderNames(impl_->context.get());
    if (!names) {
        return tl::unexpected(names.error());
    }
    auto states = currentStates(impl_->context.get(), *names);
    if (!states) {
        return tl::unexpected(states.error());
    }
    std::vector<ReaderState> readers;
    for (const SCARD_READERSTATE& state : *states) {
        if (isGone(state.dwEventState)) {
            continue;
        }
        ReaderState reader{state.szReader, hasCard(state.dwEventState), {}};
        if (reader.cardPresent) {
            reader.atr = atrOf(state);
        }
        readers.push_back(std::move(reader));
    }
    return readers;
}

core::Result<std::vector<ReaderEvent>> PcscContext::waitForEvents(
    std::chrono::milliseconds timeout) {
    const SCARDCONTEXT context = impl_->context.get();
    std::vector<ReaderEvent> events;
    auto refreshReaders = [&]() -> core::Result<void> {
        auto names = listReaderNames(context);
        if (!names) {
            return tl::unexpected(names.error());
        }
        for (auto it = impl_->known.begin(); it != impl_->known.end();) {
            if (std::find(names->begin(), names->end(), it->first) == names->end()) {
                if (hasCard(it->second)) {
                    events.push_back({ReaderEventKind::CardRemoved, it->first, {}});
                }
                events.push_back({ReaderEventKind::ReaderRemoved, it->first, {}});
                it = impl_->known.erase(it);
            } else {
                ++it;
            }
        }
        std::vector<std::string> added;
        for (const std::string& name : *names) {
            if (!impl_->known.contains(name)) {
                added.push_back(name);
            }
        }
        auto states = currentStates(context, added);
        if (!states) {
            return tl::unexpected(states.error());
        }
        for (const SCARD_READERSTATE& state : *states) {
            const std::string name = state.szReader;
            impl_->known[name] = state.dwEventState & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
            if (impl_->primed) {
                events.push_back({ReaderEventKind::ReaderAdded, name, {}});
            }
            if (hasCard(state.dwEventState)) {
                events.push_back({ReaderEventKind::CardInserted, name, atrOf(state)});
            }
        }
        return {};
    };

    if (!impl_->primed) {
        if (auto refreshed = refreshReaders(); !refreshed) {
            return tl::unexpected(refreshed.error());
        }
        impl_->primed = true;
        if (!events.empty()) {
            return events;
        }
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (events.empty()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() < 0) {
            return events;
        }
        std::vector<std::string> names;
        for (const auto& entry : impl_->known) {
            names.push_back(entry.first);
        }
        std::vector<SCARD_READERSTATE> states(names.size() + 1);
        for (std::size_t i = 0; i < names.size(); ++i) {
            states[i].szReader = names[i].c_str();
            states[i].dwCurrentState = impl_->known[names[i]];
        }
        states.back().szReader = kPnpReader;
        states.back().dwCurrentState = impl_->pnpState;
        const LONG rc = SCardGetStatusChange(context, static_cast<DWORD>(left.count()),
                                             states.data(), static_cast<DWORD>(states.size()));
        if (rc == SCARD_E_TIMEOUT) {
            return events;
        }
        bool readersChanged = rc == SCARD_E_UNKNOWN_READER;
        if (rc != SCARD_S_SUCCESS && !readersChanged) {
            return tl::unexpected(pcscError(rc, "waiting for reader events"));
        }
        if (rc == SCARD_S_SUCCESS) {
            for (std::size_t i = 0; i < names.size(); ++i) {
                const DWORD now = states[i].dwEventState;
                if ((now & SCARD_STATE_CHANGED) == 0) {
                    continue;
                }
                if (isGone(now)) {
                    readersChanged = true;
                    continue;
                }
                const bool had = hasCard(impl_->known[names[i]]);
                if (hasCard(now) && !had) {
                    events.push_back({ReaderEventKind::CardInserted, names[i], atrOf(states[i])});
                } else if (!hasCard(now) && had) {
                    events.push_back({ReaderEventKind::CardRemoved, names[i], {}});
                }
                impl_->known[names[i]] = now & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
            }
            const DWORD pnp = states.back().dwEventState;
            if ((pnp & SCARD_STATE_CHANGED) != 0) {
                impl_->pnpState = pnp & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
                readersChanged = true;
            }
        }
        if (readersChanged) {
            if (auto refreshed = refreshReaders(); !refreshed) {
                return tl::unexpected(refreshed.error());
            }
        }
    }
    return events;
}

void PcscContext::cancel() {
    if (impl_ && impl_->context.isValid()) {
        SCardCancel(impl_->context.get());
    }
}

// ---- PcscCard ---------------------------------------------------------------------------------

struct PcscCard::Impl {
    SCARDCONTEXT context = 0;
    pcsc::CardHandle card;
    DWORD protocol = SCARD_PROTOCOL_T0;
    std::string reader;
    Bytes atr;
    int reconnects = 0;
    int transactionDepth = 0;

    /// SCARD_W_REMOVED_CARD once the reader reports the card gone within a second, otherwise
    /// SCARD_S_SUCCESS (the caller then reports the short answer as it is).
    LONG waitForAbsence() const {
        for (int attempt = 0; attempt < 10; ++attempt) {
            DWORD state = 0;
            DWORD protocolNow = 0;
            DWORD nameSize = 0;
            DWORD atrSize = 0;
            const LONG rc = SCardStatus(card.get(), nullptr, &nameSize, &state, &protocolNow,
                                        nullptr, &atrSize);
            if (rc == SCARD_W_REMOVED_CARD || rc == SCARD_E_NO_SMARTCARD ||
                (rc == SCARD_S_SUCCESS && (state & SCARD_ABSENT) != 0)) {
                return SCARD_W_REMOVED_CARD;
            }
            if (rc != SCARD_S_SUCCESS && rc != SCARD_E_INSUFFICIENT_BUFFER) {
                return rc;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return SCARD_S_SUCCESS;
    }

    /// After a reset by another program or a lost exchange, the same handle works again once
    /// reconnected; a card that is gone makes SCardReconnect fail.
    LONG reconnect(LONG cause) {
        const DWORD initialization =
            cause == SCARD_W_RESET_CARD ? SCARD_LEAVE_CARD : SCARD_RESET_CARD;
        LONG rc = SCardReconnect(card.get(), SCARD_SHARE_SHARED,
                                 SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, initialization, &protocol);
        if (rc != SCARD_S_SUCCESS) {
            return rc;
        }
        ++reconnects;
        if (transactionDepth > 0) {
            rc = SCardBeginTransaction(card.get());
        }
        return rc;
    }
};

PcscCard::PcscCard(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
}

PcscCard::~PcscCard() {
    if (impl_->transactionDepth > 0) {
        SCardEndTransaction(impl_->card.get(), SCARD_LEAVE_CARD);
    }
}

core::Result<std::unique_ptr<PcscCard>> PcscContext::connect(const std::string& reader,
                                                             std::chrono::milliseconds settle) {
    SCARDHANDLE handle = 0;
    DWORD protocol = 0;
    const LONG rc = SCardConnect(impl_->context.get(), reader.c_str(), SCARD_SHARE_SHARED,
                                 SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &handle, &protocol);
    if (rc == SCARD_E_NO_SMARTCARD || rc == SCARD_W_REMOVED_CARD) {
        return core::fail(core::Errc::Card, "no card in reader '" + reader + "'", rc);
    }
    if (rc != SCARD_S_SUCCESS) {
        return tl::unexpected(pcscError(rc, "connecting to '" + reader + "'"));
    }
    auto impl = std::make_unique<PcscCard::Impl>();
    impl->context = impl_->context.get();
    impl->card = pcsc::CardHandle(handle);
    impl->protocol = protocol;
    impl->reader = reader;

    std::array<BYTE, MAX_ATR_SIZE> atr{};
    DWORD atrSize = atr.size();
    DWORD state = 0;
    DWORD nameSize = 0;
    const LONG status =
        SCardStatus(handle, nullptr, &nameSize, &state, &protocol, atr.data(), &atrSize);
    if (status != SCARD_S_SUCCESS) {
        return tl::unexpected(pcscError(status, "reading the card status in '" + reader + "'"));
    }
    impl->atr.assign(atr.begin(), atr.begin() + static_cast<std::ptrdiff_t>(atrSize));
    std::this_thread::sleep_for(settle);
    return std::unique_ptr<PcscCard>(new PcscCard(std::move(impl)));
}

const std::string& PcscCard::reader() const {
    return impl_->reader;
}

const Bytes& PcscCard::atr() const {
    return impl_->atr;
}

int PcscCard::reconnects() const {
    return impl_->reconnects;
}

void PcscCard::resetOnDisconnect() {
    impl_->card.setDisposition(SCARD_RESET_CARD);
}

core::Result<ApduResponse> PcscCard::transmit(ByteView command) {
    std::array<BYTE, MAX_BUFFER_SIZE_EXTENDED> buffer;
    for (int attempt = 0;; ++attempt) {
        const bool ownTransaction = impl_->transactionDepth == 0;
        LONG rc = ownTransaction ? SCardBeginTransaction(impl_->card.get()) : SCARD_S_SUCCESS;
        DWORD received = buffer.size();
        if (rc == SCARD_S_SUCCESS) {
            const SCARD_IO_REQUEST* pci =
                impl_->protocol == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
            rc = SCardTransmit(impl_->card.get(), pci, command.data(),
                               static_cast<DWORD>(command.size()), nullptr, buffer.data(),
                               &received);
            if (ownTransaction) {
                SCardEndTransaction(impl_->card.get(), SCARD_LEAVE_CARD);
            }
        }
        if (rc == SCARD_S_SUCCESS && received < 2) {
            // vpcd answers an empty response when the card vanishes mid-command; the reader
            // reports the removal a moment later.
            rc = impl_->waitForAbsence();
        }
        if (rc == SCARD_S_SUCCESS) {
            return parseResponse(ByteView(buffer.data(), received));
        }
        const bool recoverable = rc == SCARD_W_RESET_CARD || rc == SCARD_E_NOT_TRANSACTED ||
                                 rc == SCARD_E_COMM_DATA_LOST;
        if (attempt > 0 || !recoverable) {
            return tl::unexpected(pcscError(rc, "talking to the card in '" + impl_->reader + "'"));
        }
        if (const LONG reconnected = impl_->reconnect(rc); reconnected != SCARD_S_SUCCESS) {
            return tl::unexpected(
                pcscError(reconnected, "reconnecting to the card in '" + impl_->reader + "'"));
        }
    }
}

PcscCard::Transaction::Transaction(Transaction&& other) noexcept
    : card_(std::exchange(other.card_, nullptr)) {
}

PcscCard::Transaction::~Transaction() {
    if (card_ != nullptr && --card_->impl_->transactionDepth == 0) {
        SCardEndTransaction(card_->impl_->card.get(), SCARD_LEAVE_CARD);
    }
}

core::Result<PcscCard::Transaction> PcscCard::beginTransaction() {
    if (impl_->transactionDepth > 0) {
        ++impl_->transactionDepth;
        return Transaction(this);
    }
    LONG rc = SCardBeginTransaction(impl_->card.get());
    if (rc == SCARD_W_RESET_CARD) {
        rc = impl_->reconnect(rc);
        if (rc == SCARD_S_SUCCESS) {
            rc = SCardBeginTransaction(impl_->card.get());
        }
    }
    if (rc != SCARD_S_SUCCESS) {
        return tl::unexpected(pcscError(rc, "locking the card in '" + impl_->reader + "'"));
    }
    ++impl_->transactionDepth;
    return Transaction(this);
}

}  // namespace balie::drivers::eid
