// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's card login over the Belgian eID driver: reader hot-plug, PIN, login proof, and the
// central service's access check.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "balie/core/sync_service.h"
#include "balie/ui/card_login.h"

namespace balie::drivers::eid {
class PcscContext;
}

namespace balie::app {

/// \brief ui::CardLogin over PC/SC: a worker thread follows the readers and cards (the status
/// change loop), another one runs each login.
///
/// A login verifies the PIN, has the card sign a fresh challenge checked against
/// \a trustAnchorsPem, logs the card off again, and asks the central service whether the card
/// holder is on the company's access list. The holder's national number only lives on the login
/// thread for that question: it is never logged or kept.
class EidCardLogin final : public ui::CardLogin {
public:
    /// \param[in] sync the service asked for the access check; nullptr denies every login with
    /// ServiceUnreachable.
    EidCardLogin(std::string trustAnchorsPem, core::SyncService* sync);
    ~EidCardLogin() override;
    EidCardLogin(const EidCardLogin&) = delete;
    EidCardLogin& operator=(const EidCardLogin&) = delete;

    void watch(std::function<void()> changed) override;
    ui::CardState state() const override { return state_.load(); }
    unsigned insertions() const override { return insertions_.load(); }
    void login(ui::PinBuffer pin, bool spendLastTry,
               std::function<void(ui::LoginResult)> done) override;

private:
    void followReaders();
    ui::LoginResult runLogin(ui::PinBuffer pin, bool spendLastTry);
    void setState(ui::CardState state);
    void notify();
    bool pause(std::chrono::milliseconds duration);

    std::string trustAnchorsPem_;
    core::SyncService* sync_;
    std::mutex listenerMutex_;  ///< guards changed_
    std::function<void()> changed_;
    std::atomic<ui::CardState> state_{ui::CardState::ReaderUnavailable};
    std::atomic<unsigned> insertions_{0};

    std::mutex mutex_;  ///< guards stopping_ and monitorContext_
    std::condition_variable wakeUp_;
    bool stopping_ = false;
    drivers::eid::PcscContext* monitorContext_ = nullptr;
    std::thread monitor_;
    std::thread loginThread_;
};

}  // namespace balie::app
