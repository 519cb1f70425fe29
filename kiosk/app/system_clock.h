// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's clock: the system's time and the local calendar date.
#pragma once

#include "balie/core/clock.h"

namespace balie::app {

/// \brief core::Clock from the system clock, dates in the kiosk's local time zone.
class SystemClock final : public core::Clock {
public:
    core::PartialDate today() const override;
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::system_clock::now();
    }
};

}  // namespace balie::app
