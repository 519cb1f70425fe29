// SPDX-License-Identifier: GPL-3.0-or-later
// Owning wrappers for PC/SC handles: context, card connection, transaction scope.
#pragma once

#include <PCSC/winscard.h>

#include <utility>

namespace balie::drivers::eid::pcsc {

/// \brief An established PC/SC context, released on destruction.
class ContextHandle {
public:
    ContextHandle() = default;
    explicit ContextHandle(SCARDCONTEXT context) : context_(context), valid_(true) {}
    ContextHandle(ContextHandle&& other) noexcept
        : context_(other.context_), valid_(std::exchange(other.valid_, false)) {}
    ContextHandle& operator=(ContextHandle&& other) noexcept {
        if (this != &other) {
            reset();
            context_ = other.context_;
            valid_ = std::exchange(other.valid_, false);
        }
        return *this;
    }
    ContextHandle(const ContextHandle&) = delete;
    ContextHandle& operator=(const ContextHandle&) = delete;
    ~ContextHandle() { reset(); }

    SCARDCONTEXT get() const { return context_; }
    bool isValid() const { return valid_; }

    void reset() {
        if (std::exchange(valid_, false)) {
            SCardReleaseContext(context_);
        }
    }

private:
    SCARDCONTEXT context_ = 0;
    bool valid_ = false;
};

/// \brief A card connection, disconnected on destruction with the stored disposition.
class CardHandle {
public:
    CardHandle() = default;
    explicit CardHandle(SCARDHANDLE card) : card_(card), valid_(true) {}
    CardHandle(CardHandle&& other) noexcept
        : card_(other.card_),
          disposition_(other.disposition_),
          valid_(std::exchange(other.valid_, false)) {}
    CardHandle& operator=(CardHandle&& other) noexcept {
        if (this != &other) {
            reset();
            card_ = other.card_;
            disposition_ = other.disposition_;
            valid_ = std::exchange(other.valid_, false);
        }
        return *this;
    }
    CardHandle(const CardHandle&) = delete;
    CardHandle& operator=(const CardHandle&) = delete;
    ~CardHandle() { reset(); }

    SCARDHANDLE get() const { return card_; }
    void setDisposition(DWORD disposition) { disposition_ = disposition; }

    void reset() {
        if (std::exchange(valid_, false)) {
            SCardDisconnect(card_, disposition_);
        }
    }

private:
    SCARDHANDLE card_ = 0;
    DWORD disposition_ = SCARD_LEAVE_CARD;
    bool valid_ = false;
};

}  // namespace balie::drivers::eid::pcsc
