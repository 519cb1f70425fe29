// SPDX-License-Identifier: GPL-3.0-or-later
// The demo agent's digital key, shown on the start screen in demo mode so that a new user can
// try the digital key login without an authenticator app.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace balie::ui {

struct DemoDigitalKey {
    std::string username;
    std::string password;
    /// The security code an authenticator app shows at a moment.
    std::function<std::string(std::chrono::system_clock::time_point)> codeAt;
    /// How long one code lasts; the start screen is drawn again when it changes.
    std::chrono::seconds period{30};
};

}  // namespace balie::ui
