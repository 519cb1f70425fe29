// SPDX-License-Identifier: GPL-3.0-or-later
// Card login over PC/SC: the reader follower and the login sequence.
#include "eid_card_login.h"

#include <optional>
#include <utility>
#include <vector>

#include "balie/drivers/eid/card_data.h"
#include "balie/drivers/eid/eid_card.h"
#include "balie/drivers/eid/identity.h"
#include "balie/drivers/eid/login.h"
#include "balie/drivers/eid/pcsc.h"
#include "balie/drivers/eid/pin.h"

namespace balie::app {

namespace eid = drivers::eid;
using Outcome = ui::LoginResult::Outcome;

namespace {

// How long to wait before asking again for a PC/SC service that is not running.
constexpr std::chrono::milliseconds kServiceRetry{1000};
// A status-change wait that ends now and then, so a stuck service is noticed.
constexpr std::chrono::milliseconds kEventWait{5000};

ui::CardState stateOf(const std::vector<eid::ReaderState>& readers) {
    if (readers.empty()) {
        return ui::CardState::ReaderUnavailable;
    }
    for (const eid::ReaderState& reader : readers) {
        if (reader.cardPresent) {
            return ui::CardState::CardInserted;
        }
    }
    return ui::CardState::NoCard;
}

ui::LoginResult result(Outcome outcome, int triesLeft = 0) {
    return ui::LoginResult{outcome, triesLeft, std::nullopt};
}

ui::LoginResult failure(const core::Error& error) {
    if (eid::isCardRemoved(error)) {
        return result(Outcome::NoCard);
    }
    if (eid::isReaderGone(error)) {
        return result(Outcome::ReaderUnavailable);
    }
    return result(Outcome::CardUnreadable);
}

/// \brief The connection, its transaction and the recognised card, alive together.
struct OpenCard {
    std::unique_ptr<eid::PcscContext> context;
    std::unique_ptr<eid::PcscCard> connection;
    std::optional<eid::PcscCard::Transaction> transaction;
    std::optional<eid::EidCard> card;
};

tl::expected<OpenCard, ui::LoginResult> openCard() {
    OpenCard open;
    auto context = eid::PcscContext::establish();
    if (!context) {
        return tl::unexpected(result(Outcome::ReaderUnavailable));
    }
    open.context = std::move(*context);
    auto readers = open.context->readers();
    if (!readers) {
        return tl::unexpected(failure(readers.error()));
    }
    if (readers->empty()) {
        return tl::unexpected(result(Outcome::ReaderUnavailable));
    }
    const eid::ReaderState* chosen = nullptr;
    bool anyCard = false;
    for (const eid::ReaderState& reader : *readers) {
        anyCard = anyCard || reader.cardPresent;
        if (reader.cardPresent && eid::recogniseAtr(reader.atr) != eid::AtrMatch::NotBelgianEid) {
            chosen = &reader;
            break;
        }
    }
    if (chosen == nullptr) {
        return tl::unexpected(result(anyCard ? Outcome::CardUnreadable : Outcome::NoCard));
    }
    auto connection = open.context->connect(chosen->name);
    if (!connection) {
        return tl::unexpected(failure(connection.error()));
    }
    open.connection = std::move(*connection);
    // One transaction for the whole login: no other program gets between the PIN and the proof.
    auto transaction = open.connection->beginTransaction();
    if (!transaction) {
        return tl::unexpected(failure(transaction.error()));
    }
    open.transaction.emplace(std::move(*transaction));
    auto card = eid::EidCard::open(*open.connection, open.connection->atr());
    if (!card) {
        return tl::unexpected(failure(card.error()));
    }
    open.card.emplace(std::move(*card));
    return open;
}

}  // namespace

EidCardLogin::EidCardLogin(std::string trustAnchorsPem, core::SyncService* sync)
    : trustAnchorsPem_(std::move(trustAnchorsPem)), sync_(sync) {
}

EidCardLogin::~EidCardLogin() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        if (monitorContext_ != nullptr) {
            monitorContext_->cancel();
        }
    }
    wakeUp_.notify_all();
    if (monitor_.joinable()) {
        monitor_.join();
    }
    if (loginThread_.joinable()) {
        loginThread_.join();
    }
}

void EidCardLogin::watch(std::function<void()> changed) {
    {
        std::lock_guard lock(listenerMutex_);
        changed_ = std::move(changed);
    }
    if (!monitor_.joinable() && changed_) {
        monitor_ = std::thread([this] { followReaders(); });
    }
}

void EidCardLogin::notify() {
    std::lock_guard lock(listenerMutex_);
    if (changed_) {
        changed_();
    }
}

void EidCardLogin::setState(ui::CardState state) {
    if (state_.exchange(state) != state) {
        notify();
    }
}

bool EidCardLogin::pause(std::chrono::milliseconds duration) {
    std::unique_lock lock(mutex_);
    return !wakeUp_.wait_for(lock, duration, [this] { return stopping_; });
}

void EidCardLogin::followReaders() {
    while (true) {
        auto context = eid::PcscContext::establish();
        if (!context) {
            setState(ui::CardState::ReaderUnavailable);
            if (!pause(kServiceRetry)) {
                return;
            }
            continue;
        }
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                return;
            }
            monitorContext_ = context->get();
        }
        bool serviceLost = false;
        while (!serviceLost) {
            auto events = (*context)->waitForEvents(kEventWait);
            if (!events) {
                serviceLost = true;
                break;
            }
            for (const eid::ReaderEvent& event : *events) {
                if (event.kind == eid::ReaderEventKind::CardInserted) {
                    ++insertions_;
                }
            }
            auto readers = (*context)->readers();
            if (!readers) {
                serviceLost = true;
                break;
            }
            ui::CardState now = stateOf(*readers);
            if (!events->empty() && now == state_.load()) {
                notify();  // a card swapped between two looks: the insertion count moved
            }
            setState(now);
        }
        {
            std::lock_guard lock(mutex_);
            monitorContext_ = nullptr;
            if (stopping_) {
                return;
            }
        }
        setState(ui::CardState::ReaderUnavailable);
        if (!pause(kServiceRetry)) {
            return;
        }
    }
}

void EidCardLogin::login(ui::PinBuffer pin, bool spendLastTry,
                         std::function<void(ui::LoginResult)> done) {
    if (loginThread_.joinable()) {
        loginThread_.join();  // the screen starts one login at a time; the last one has ended
    }
    loginThread_ =
        std::thread([this, pin = std::move(pin), spendLastTry, done = std::move(done)]() mutable {
            done(runLogin(std::move(pin), spendLastTry));
        });
}

ui::LoginResult EidCardLogin::runLogin(ui::PinBuffer pinBuffer, bool spendLastTry) {
    auto pin = eid::Pin::create(pinBuffer.digits());
    pinBuffer.clear();
    if (!pin) {
        return result(Outcome::WrongPin, 0);
    }
    auto open = openCard();
    if (!open) {
        return open.error();
    }
    eid::EidCard& card = *open->card;
    auto identityFile = card.readFile(eid::EidFile::Identity);
    if (!identityFile) {
        return failure(identityFile.error());
    }
    auto identity = eid::parseIdentity(*identityFile);
    eid::secureWipe(identityFile->data(), identityFile->size());
    if (!identity) {
        return result(Outcome::CardUnreadable);
    }
    std::string nationalNumber = std::move(identity->nationalNumber);
    auto forget = [&nationalNumber] {
        eid::secureWipe(nationalNumber.data(), nationalNumber.size());
        nationalNumber.clear();
    };
    auto status = card.pinStatus();
    if (status && status->blocked) {
        forget();
        return result(Outcome::PinBlocked);
    }
    if (status && status->triesLeft == 1 && !spendLastTry) {
        forget();
        return result(Outcome::LastTry, 1);
    }
    eid::LoginOptions options;
    options.trustAnchorsPem = trustAnchorsPem_;
    options.confirmLastTry = [spendLastTry] { return spendLastTry; };
    auto outcome = eid::login(card, *pin, nationalNumber, options);
    if (!outcome) {
        forget();
        open->connection->resetOnDisconnect();
        return failure(outcome.error());
    }
    if (!outcome->ok) {
        forget();
        if (outcome->pin.blocked) {
            return result(Outcome::PinBlocked);
        }
        if (!outcome->pin.verified) {
            return result(Outcome::WrongPin, outcome->pin.triesLeft);
        }
        return result(Outcome::CardUnreadable);
    }
    // The card has proved who holds it; the kiosk needs no PIN rights on it from here on.
    if (auto ended = outcome->session->end(); !ended) {
        open->connection->resetOnDisconnect();
    }
    open->transaction.reset();
    if (sync_ == nullptr) {
        forget();
        return result(Outcome::ServiceUnreachable);
    }
    auto access = sync_->verifyAgent(nationalNumber);
    forget();
    if (!access) {
        return result(access.error().code == core::Errc::PermissionDenied
                          ? Outcome::AccessDenied
                          : Outcome::ServiceUnreachable);
    }
    ui::LoginResult loggedIn = result(Outcome::LoggedIn, outcome->pin.triesLeft);
    loggedIn.agent = std::move(*access);
    return loggedIn;
}

}  // namespace balie::app
