// SPDX-License-Identifier: GPL-3.0-or-later
// The wizard's screens drawn for real (OpenGL on a private Xvfb) with the kiosk's theme, fonts and
// catalogs, fed with taps like a finger's, and the services a test chooses.
#pragma once

#include <gtest/gtest.h>
#include <imgui.h>

#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/clock.h"
#include "balie/core/request_store.h"
#include "balie/core/sync_service.h"
#include "balie/ui/document_camera.h"
#include "balie/ui/event_loop.h"
#include "balie/ui/fonts.h"
#include "balie/ui/navigator.h"
#include "balie/ui/platform.h"
#include "balie/ui/screen_context.h"
#include "balie/ui/targets.h"
#include "balie/ui/theme.h"
#include "balie/ui/translator.h"
#include "xvfb.h"

namespace balie::test {

/// \brief A camera that shows a drawn document and captures a page whenever asked; the pages
/// carry \a reading, as an MRZ the reader trusted would.
class FakeDocumentCamera final : public ui::DocumentCamera {
public:
    void start(std::function<void()> changed) override;
    void stop() override { streaming_ = false; }
    ui::CameraState state() const override { return state_; }
    std::string message() const override { return message_; }
    std::optional<ui::CameraView> view() override;
    std::optional<ui::CapturedPage> takeCapture() override;
    void captureNow() override;

    /// \brief Makes the camera unavailable with \a reason.
    void unplug(std::string reason) {
        state_ = ui::CameraState::Unavailable;
        message_ = std::move(reason);
    }

    std::optional<core::DocumentReading> reading;
    std::size_t pageBytes = 4096;  ///< size of each captured page's encoded image
    bool streaming() const { return streaming_; }
    int starts() const { return starts_; }

private:
    ui::CameraState state_ = ui::CameraState::Streaming;
    std::string message_;
    bool streaming_ = false;
    int starts_ = 0;
    int captures_ = 0;
    std::deque<ui::CapturedPage> pending_;
};

/// \brief What a test lets the screens reach.
struct Services {
    core::RequestStore* store = nullptr;
    core::SyncService* sync = nullptr;
    ui::DocumentCamera* camera = nullptr;
    const core::Clock* clock = nullptr;
    bool loggedIn = true;
};

/// \brief A 1920x1080 window on its own Xvfb, drawing the navigator's top screen.
class ScreenHarness {
public:
    /// \brief Starts Xvfb and opens the window; fails the test when that is impossible.
    explicit ScreenHarness(Services services);
    ScreenHarness(const ScreenHarness&) = delete;
    ScreenHarness& operator=(const ScreenHarness&) = delete;
    ~ScreenHarness();

    bool ready() const { return ready_; }

    /// \brief Shows a placeholder "overview", then \a screen on top of it.
    void show(std::unique_ptr<ui::Screen> screen);
    void setLanguage(core::Language language) { translator_.setLanguage(language); }

    /// \brief Draws one frame; with \a screenshot set, also writes it as a PNG.
    void frame(const std::filesystem::path& screenshot = {});
    /// \brief A finger's tap on target \a name: press, release, lifted. Fails the test (and
    /// returns false) when the last frame did not draw it.
    bool tap(std::string_view name);
    /// \brief Types \a text on the on-screen keyboard, key by key (shift for capitals, the
    /// accent page for accented letters).
    void type(std::string_view text);
    /// \brief Taps the digits of \a digits on the numeric pad.
    void typeDigits(std::string_view digits);
    /// \brief True when the last frame drew target \a name.
    bool shows(std::string_view name) const { return targets_.center(name).has_value(); }
    std::string_view screenName() const {
        const ui::Screen* screen = navigator_.current();
        return screen != nullptr ? screen->name() : std::string_view();
    }

    /// \brief Writes the current screen to the screenshot folder as \a name.png and returns
    /// its path.
    std::filesystem::path screenshot(const std::string& name);

private:
    void render(ImVec2 pointer, bool down, const std::filesystem::path& screenshot);

    Services services_;
    std::unique_ptr<Xvfb> xvfb_;
    std::optional<ui::SdlVideo> video_;
    std::optional<ui::Window> window_;
    std::optional<ui::GlContext> gl_;
    std::optional<ui::ImGuiScope> imgui_;
    std::optional<ui::EventLoop> loop_;
    ui::Metrics metrics_;
    ui::Fonts fonts_;
    ui::Translator translator_;
    ui::TargetRegistry targets_;
    ui::Navigator navigator_;
    ui::UnavailableCardReader card_;
    std::optional<ui::AgentSession> session_;
    bool ready_ = false;
};

/// \brief The RGB pixels of a screenshot, to compare two of them.
std::vector<unsigned char> pngPixels(const std::filesystem::path& file);

/// \brief "nl", "fr", ... as the name of a test for one language.
std::string languageTestName(const ::testing::TestParamInfo<core::Language>& language);

/// \brief Where the wizard's screenshots go, for people to look at.
std::filesystem::path wizardScreenshotDir();

}  // namespace balie::test
