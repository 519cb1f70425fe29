// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's screens and the frame they share: a top bar and a body with margins.
#pragma once

#include <memory>

#include "balie/core/request.h"
#include "balie/core/sync_service.h"
#include "balie/ui/navigator.h"
#include "balie/ui/screen_context.h"

namespace balie::ui {

/// \brief Choose NL, FR, DE or EN; the kiosk's home screen.
std::unique_ptr<Screen> makeLanguageScreen();

/// \brief "Insert your eID card", with the card reader's state (and the demo PIN in --demo).
std::unique_ptr<Screen> makeStartScreen();

/// \brief PIN entry on the numeric pad, digits masked, login through CardLogin.
std::unique_ptr<Screen> makePinScreen();

/// \brief The digital key login (screen "digital-key"): username and password on the on-screen
/// keyboard, then the security code of the agent's authenticator app on the numeric pad, checked
/// by the central service off the UI thread.
std::unique_ptr<Screen> makeDigitalKeyScreen();

/// \brief Why a card login did not open a session although the PIN was right.
enum class AccessProblem {
    Denied,       ///< screen "access-denied": not on the company's access list
    Unreachable,  ///< screen "service-unreachable": the central service could not be asked
};

/// \brief Says why the agent cannot go on; "access.back" returns to the start screen.
std::unique_ptr<Screen> makeAccessScreen(AccessProblem problem);

/// \brief How the agent proved who they are.
enum class LoginMethod {
    Card,        ///< eID card and PIN: taking the card out ends the session
    DigitalKey,  ///< username, password and security code: no card holds the session
};

/// \brief Opens the session of the agent the central service let in: their choices, and which
/// final answers are new since their last login.
void beginSession(ScreenContext& context, const core::AgentAccess& agent, LoginMethod method);

/// \brief The agent's home after login (screen "overview"): new request, notifications, the
/// list of requests with filters, the sync status. Starts the tour on a first login.
std::unique_ptr<Screen> makeOverviewScreen();

/// \brief Ticket and summary of one request (screen "request"), with "delete" while not final.
std::unique_ptr<Screen> makeRequestScreen(core::Request request);

/// \brief A request of another kiosk from the company's history (screen "request").
std::unique_ptr<Screen> makeHistoryEntryScreen(core::HistoryEntry entry);

/// \brief The onboarding tour (screen "tour"): pages with info zones, "I understand", "next",
/// and "don't show again" on the last page.
std::unique_ptr<Screen> makeTourScreen();

/// \brief The menu behind "..." (screen "menu"): profile, functions, help centre, log out.
std::unique_ptr<Screen> makeMenuScreen();

/// \brief The help centre (screen "help"): the manual and help topics.
std::unique_ptr<Screen> makeHelpScreen();

/// \brief The bar across the top of the screens after login: a back button ("nav.back") when
/// \a withBack, \a title, the welcome text when the agent wants it, and "..." ("nav.menu")
/// unless \a withMenu is false. \return true when back was tapped.
bool sessionTopBar(ScreenContext& context, const char* title, bool withBack, bool withMenu = true);

/// \brief Lets a finger drag the current child window's content up and down (ImGui has no
/// drag-to-scroll). \return true while a drag is under way, when taps must not count.
bool dragToScroll();

/// \brief A check box of at least the minimum target size, registered as \a target.
/// \return true when tapped (\a value is flipped then).
bool checkBox(Ui& ui, std::string_view target, const char* label, bool& value, float width);

/// \brief The overview's symbol of a request (a disc \a size high at the cursor).
void statusSymbol(const Metrics& metrics, core::OverviewSymbol symbol, float size);

/// \brief The request's state in words, in the current language.
const char* statusText(const Translator& i18n, core::RequestStatus status);

/// \brief What the agent is asked to do about a request in "action expected", followed by the
/// operator's own words on a line of their own when the operator wrote any.
std::string actionRequested(const Translator& i18n, const core::Request& request);

/// \brief An INSZ as printed on Belgian documents, "93.05.18-223.61"; other text unchanged.
std::string formatInsz(const std::string& digits);

/// \brief The document type in words.
const char* documentTypeText(const Translator& i18n, core::DocumentType type);

/// \brief Draws the bar across the top of a screen: a back button ("nav.back") when \a withBack,
/// \a title, and one button per language ("lang.nl" ...) that switches the language at once.
/// \return true when back was tapped.
bool topBar(ScreenContext& context, const char* title, bool withBack);

/// \brief Opens the area below the top bar, with the screen margins; close with endBody().
void beginBody();
void endBody();

}  // namespace balie::ui
