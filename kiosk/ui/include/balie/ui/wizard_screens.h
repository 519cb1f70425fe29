// SPDX-License-Identifier: GPL-3.0-or-later
// The request wizard and the answer screen, as the overview starts them.
#pragma once

#include <memory>
#include <string>

#include "balie/ui/navigator.h"

namespace balie::ui {

/// \brief How the overview opens the wizard.
struct WizardStart {
    /// Empty for a new request. Otherwise the local id of a stored request that expects an
    /// action: the wizard then only redoes step 1 (a new document) and sends it again.
    std::string reuploadLocalId;
};

/// \brief The four-step request wizard (screen "wizard"); after "send" it shows the answer
/// (screen "answer"). "To the overview" pops it.
std::unique_ptr<Screen> makeWizardScreen(WizardStart start);

}  // namespace balie::ui
