// SPDX-License-Identifier: GPL-3.0-or-later
// The system clock as the core sees it.
#include "system_clock.h"

#include <ctime>

namespace balie::app {

core::PartialDate SystemClock::today() const {
    std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm local{};
    localtime_r(&now, &local);
    return core::PartialDate{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace balie::app
