// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's main loop: sleep until something happens, draw a few frames, sleep again.
#include "balie/ui/kiosk.h"

#include <GL/gl.h>
#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <ostream>
#include <system_error>
#include <vector>

#include <backends/imgui_impl_opengl3.h>

#include "balie/ui/card_login.h"
#include "balie/ui/event_loop.h"
#include "balie/ui/fonts.h"
#include "balie/ui/idle_timer.h"
#include "balie/ui/navigator.h"
#include "balie/ui/pointer_input.h"
#include "balie/ui/repaint.h"
#include "balie/ui/screen_context.h"
#include "balie/ui/screenshot.h"
#include "balie/ui/script.h"
#include "balie/ui/targets.h"
#include "balie/ui/theme.h"
#include "balie/ui/translator.h"
#include "frame_presenter.h"
#include "read_file.h"
#include "screens/screens.h"

namespace balie::ui {

namespace {

// Frames drawn after any input or change: ImGui shows the effect of an event one frame after
// it sees it, and a tap needs its press, release and pointer-cleared frames.
constexpr int kFramesPerChange = 3;
// How long a scripted finger stays down: long enough for the pressed look to be drawn.
constexpr std::chrono::milliseconds kTapHold{80};
// How often a script's "await" looks for its screen or target.
constexpr std::chrono::milliseconds kAwaitPoll{50};
// Marks a wake-up event as the script player's fence rather than a worker's wake-up.
constexpr Sint32 kScriptFence = 1;

/// \brief Plays a script by posting SDL events, one step whenever the UI has settled.
///
/// Posted events only reach the kiosk when it next drains SDL's queue, so until then the UI
/// looks settled although a tap is still on its way. Each batch of pointer events is therefore
/// followed by a fence event, and no step runs before the fence has come back out of the queue.
class ScriptPlayer {
public:
    ScriptPlayer(std::vector<ScriptStep> steps, Uint32 fenceType)
        : steps_(std::move(steps)), fenceType_(fenceType) {}

    bool finished() const { return next_ >= steps_.size() && !release_ && !inFlight_; }
    bool hasStep() const { return next_ < steps_.size(); }
    const ScriptStep& step() const { return steps_[next_]; }
    void advance() { ++next_; }

    // The finger of the last tap is lifted at this time.
    std::optional<Clock::time_point> releaseAt() const {
        return release_ ? std::optional(release_->at) : std::nullopt;
    }
    Clock::time_point notBefore() const { return notBefore_; }
    /// \brief True while posted pointer events have not yet been taken from SDL's queue.
    bool inFlight() const { return inFlight_; }
    void waitUntil(Clock::time_point time) { notBefore_ = time; }

    void press(Uint32 window, ImVec2 position, Clock::time_point now) {
        int x = static_cast<int>(position.x);
        int y = static_cast<int>(position.y);
        SDL_Event motion{};
        motion.type = SDL_MOUSEMOTION;
        motion.motion.windowID = window;
        motion.motion.which = SDL_TOUCH_MOUSEID;
        motion.motion.x = x;
        motion.motion.y = y;
        SDL_PushEvent(&motion);
        pushButton(SDL_MOUSEBUTTONDOWN, window, x, y);
        pushFence();
        release_ = Release{now + kTapHold, window, x, y};
    }

    void releaseIfDue(Clock::time_point now) {
        if (release_ && now >= release_->at) {
            pushButton(SDL_MOUSEBUTTONUP, release_->window, release_->x, release_->y);
            pushFence();
            release_.reset();
        }
    }

    /// \brief Notes a wake-up event taken from the queue: the fence means that every event
    /// posted before it has been handled. True when the event was the fence.
    bool delivered(const SDL_Event& event) {
        if (event.type == fenceType_ && event.user.code == kScriptFence) {
            inFlight_ = false;
            return true;
        }
        return false;
    }

private:
    struct Release {
        Clock::time_point at;
        Uint32 window;
        int x;
        int y;
    };

    // The events SDL itself posts for a finger on a touchscreen (touch-mouse emulation).
    static void pushButton(Uint32 type, Uint32 window, int x, int y) {
        SDL_Event event{};
        event.type = type;
        event.button.windowID = window;
        event.button.which = SDL_TOUCH_MOUSEID;
        event.button.button = SDL_BUTTON_LEFT;
        event.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        event.button.clicks = 1;
        event.button.x = x;
        event.button.y = y;
        SDL_PushEvent(&event);
    }

    void pushFence() {
        SDL_Event event{};
        event.type = fenceType_;
        event.user.code = kScriptFence;
        SDL_PushEvent(&event);
        inFlight_ = true;
    }

    std::vector<ScriptStep> steps_;
    Uint32 fenceType_;
    bool inFlight_ = false;
    std::size_t next_ = 0;
    Clock::time_point notBefore_{};
    std::optional<Release> release_;
};

class Kiosk {
public:
    Kiosk(const KioskOptions& options, const KioskServices& services, Window& window,
          const EventLoop& loop, Translator& translator, const Metrics& metrics, const Fonts& fonts,
          std::vector<ScriptStep> script, std::ostream& out, std::ostream& err)
        : options_(options),
          services_(services),
          card_(services.card != nullptr ? *services.card : unavailableCard_),
          preferences_(services.preferences != nullptr ? *services.preferences
                                                       : memoryPreferences_),
          window_(window),
          loop_(loop),
          translator_(translator),
          metrics_(metrics),
          fonts_(fonts),
          idle_(options.config.idleTimeout),
          script_(std::move(script), loop.wakeType()),
          out_(out),
          err_(err) {}

    int run() {
        navigator_.reset(makeLanguageScreen());
        navigator_.apply();
        want(kFramesPerChange);
        card_.watch([this] { loop_.wake(); });
        if (services_.sync != nullptr) {
            services_.sync->start([this] {
                ++dataVersion_;
                loop_.wake();
            });
        }
        int status = loopUntilQuit();
        if (services_.sync != nullptr) {
            services_.sync->stop();
        }
        card_.watch({});
        return status;
    }

private:
    int loopUntilQuit() {
        std::vector<SDL_Event> events;
        while (true) {
            events.clear();
            if (wantsFrame()) {
                loop_.poll(events);
            } else {
                loop_.wait(nextDeadline(), events);
            }
            Clock::time_point now = Clock::now();
            for (const SDL_Event& event : events) {
                if (event.type == SDL_QUIT) {
                    return 0;
                }
                handle(event, now);
            }
            if (idle_.expire(now)) {
                goHome();
            }
            refreshDemoCode(now);
            lockWhenCardLeft();
            if (std::optional<int> exit = playScript(now)) {
                return *exit;
            }
            if (wantsFrame()) {
                if (std::optional<int> exit = renderFrame()) {
                    return *exit;
                }
            }
        }
    }

    // The demo's security code changes with each period: drawn again then.
    void refreshDemoCode(Clock::time_point now) {
        if (!options_.demoKey) {
            return;
        }
        if (demoCodeChangesAt_ && now < *demoCodeChangesAt_) {
            return;
        }
        const auto period = options_.demoKey->period;
        const auto intoPeriod = std::chrono::system_clock::now().time_since_epoch() % period;
        demoCodeChangesAt_ = now + (period - intoPeriod);
        wantForWorker(kFramesPerChange);
    }

    bool wantsFrame() const { return framesWanted_ > 0 || pointer_.pending(); }

    std::optional<Clock::time_point> nextDeadline() const {
        std::optional<Clock::time_point> deadline = idle_.deadline();
        auto earliest = [&deadline](std::optional<Clock::time_point> time) {
            if (time && (!deadline || *time < *deadline)) {
                deadline = time;
            }
        };
        earliest(demoCodeChangesAt_);
        earliest(script_.releaseAt());
        if (script_.hasStep()) {
            earliest(script_.notBefore());
        }
        return deadline;
    }

    void handle(const SDL_Event& event, Clock::time_point now) {
        if (loop_.isWake(event)) {
            if (script_.delivered(event)) {
                want(kFramesPerChange);
            } else {
                wantForWorker(loop_.isOneFrameWake(event) ? 1 : kFramesPerChange);
            }
            return;
        }
        if (event.type == SDL_WINDOWEVENT) {
            ImGui_ImplSDL2_ProcessEvent(&event);
            repaint_.forget();
            want(kFramesPerChange);
            return;
        }
        if (pointer_.handle(event)) {
            // A press or a release is someone at the kiosk; motion without a finger is not.
            if (event.type != SDL_MOUSEMOTION) {
                idle_.touch(now);
            }
            want(kFramesPerChange);
            return;
        }
        if (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP || event.type == SDL_TEXTINPUT ||
            event.type == SDL_MOUSEWHEEL) {
            ImGui_ImplSDL2_ProcessEvent(&event);
            idle_.touch(now);
            want(kFramesPerChange);
        }
    }

    bool screenBusy() const {
        const Screen* screen = navigator_.current();
        return screen != nullptr && screen->busy();
    }

    // The screen of that name is shown, or a touch target of that name was drawn last frame.
    bool shows(const std::string& name) const {
        return currentName() == name || targets_.center(name).has_value();
    }

    std::string currentName() const {
        const Screen* screen = navigator_.current();
        return screen != nullptr ? std::string(screen->name()) : std::string();
    }

    // A change the script must see drawn before its next step: input, navigation, a screenshot.
    void want(int frames) {
        wantForWorker(frames);
        settleFrames_ = std::max(settleFrames_, frames);
    }

    // A worker's news (a camera frame, a sync update) is drawn too, but a script does not wait
    // for it: a live camera preview never stops bringing news.
    void wantForWorker(int frames) { framesWanted_ = std::max(framesWanted_, frames); }

    bool settled() const { return settleFrames_ == 0 && !pointer_.pending(); }

    // Back to the language choice for the next person: every screen above it is destroyed,
    // with whatever was typed into it.
    void goHome() {
        if (navigator_.depth() == 1 && translator_.language() == options_.config.language &&
            !session_) {
            return;
        }
        session_.reset();
        translator_.setLanguage(options_.config.language);
        navigator_.reset(makeLanguageScreen());
        navigator_.apply();
        want(kFramesPerChange);
    }

    // The agent's card is their key: once it leaves the reader (or another card was put in
    // meanwhile), nobody may go on in their name. Every screen is dropped with what it showed.
    void lockWhenCardLeft() {
        if (!session_ || !session_->cardInsertions) {
            return;
        }
        if (card_.state() == CardState::CardInserted &&
            card_.insertions() == *session_->cardInsertions) {
            return;
        }
        session_.reset();
        navigator_.reset(makeStartScreen());
        navigator_.apply();
        want(kFramesPerChange);
    }

    std::optional<int> scriptFailure(const ScriptStep& step, const std::string& message) {
        err_ << "balie-kiosk: script line " << step.line << ": " << message << '\n';
        return 1;
    }

    std::optional<int> playScript(Clock::time_point now) {
        script_.releaseIfDue(now);
        while (script_.hasStep() && settled() && !script_.releaseAt() && !script_.inFlight() &&
               now >= script_.notBefore() && !screenBusy()) {
            const ScriptStep& step = script_.step();
            if (step.kind == ScriptStep::Kind::Await && !shows(step.argument)) {
                if (!awaitDeadline_) {
                    awaitDeadline_ = now + std::chrono::milliseconds(step.milliseconds);
                } else if (now >= *awaitDeadline_) {
                    return scriptFailure(step, "'" + step.argument + "' did not come; screen '" +
                                                   currentName() + "' is shown");
                }
                script_.waitUntil(now + kAwaitPoll);
                return std::nullopt;
            }
            awaitDeadline_.reset();
            script_.advance();
            Uint32 window = SDL_GetWindowID(window_.get());
            switch (step.kind) {
                case ScriptStep::Kind::TapTarget: {
                    std::optional<ImVec2> centre = targets_.center(step.argument);
                    if (!centre) {
                        return scriptFailure(step, "no target '" + step.argument + "' on screen '" +
                                                       currentName() + "'");
                    }
                    script_.press(window, *centre, now);
                    return std::nullopt;
                }
                case ScriptStep::Kind::TapPoint:
                    script_.press(window, ImVec2(step.x, step.y), now);
                    return std::nullopt;
                case ScriptStep::Kind::Wait:
                    script_.waitUntil(now + std::chrono::milliseconds(step.milliseconds));
                    break;
                case ScriptStep::Kind::Screenshot:
                    if (options_.screenshotDir.empty()) {
                        return scriptFailure(step, "screenshots need --screenshot-dir");
                    }
                    screenshot_ = options_.screenshotDir / (step.argument + ".png");
                    want(1);
                    return std::nullopt;
                case ScriptStep::Kind::Expect:
                    if (currentName() != step.argument) {
                        return scriptFailure(step, "expected screen '" + step.argument + "' but '" +
                                                       currentName() + "' is shown");
                    }
                    break;
                case ScriptStep::Kind::Await:
                    break;
                case ScriptStep::Kind::Frames:
                    out_ << "frames " << frames_ << std::endl;
                    break;
                case ScriptStep::Kind::Quit:
                    return 0;
            }
        }
        return std::nullopt;
    }

    std::optional<int> renderFrame() {
        ImGuiIO& io = ImGui::GetIO();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        pointer_.feed(io);
        ImGui::NewFrame();
        targets_.clear();

        Size size = window_.size();
        ImVec2 extent(static_cast<float>(size.width), static_cast<float>(size.height));
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(extent);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
        ImGui::Begin("kiosk", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                         ImGuiWindowFlags_NoNav);
        ImGui::PopStyleVar();
        Ui ui{metrics_, fonts_, targets_, &repaint_};
        ScreenContext context{ui,
                              translator_,
                              navigator_,
                              card_,
                              loop_,
                              options_.demo,
                              options_.config.keyboard,
                              extent,
                              session_,
                              services_.store,
                              services_.sync,
                              services_.camera,
                              services_.clock,
                              &preferences_,
                              dataVersion_.load(),
                              options_.demoKey ? &*options_.demoKey : nullptr};
        if (Screen* screen = navigator_.current()) {
            screen->draw(context);
        }
        ImGui::End();
        ImGui::Render();

        ImDrawData& drawData = *ImGui::GetDrawData();
        glViewport(0, 0, size.width, size.height);
        ImVec4 background = toImGui(palette::kBackground);
        glClearColor(background.x, background.y, background.z, 1.0F);
        if (!presenter_) {
            presenter_ = FramePresenter::forCurrentContext(window_.get());
        }
        // A back buffer that holds the last frame need only be drawn where this one differs.
        const std::optional<ScreenRect> only =
            repaint_.plan(drawData, presenter_->keepsBackBuffer() ? 1 : 0);
        if (only) {
            RepaintPlanner::clipTo(drawData, *only);
            // Only the live part is cleared: the rest of the back buffer is the last frame.
            const GlRegion region = glRegion(*only, size);
            glEnable(GL_SCISSOR_TEST);
            glScissor(region.x, region.y, region.width, region.height);
        }
        glClear(GL_COLOR_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
        ImGui_ImplOpenGL3_RenderDrawData(&drawData);
        if (!screenshot_.empty()) {
            auto written = writeScreenshot(screenshot_, size);
            screenshot_.clear();
            if (!written.has_value()) {
                err_ << "balie-kiosk: " << written.error().message << '\n';
                return 1;
            }
        }
        presenter_->present(only, size);
        ++frames_;
        if (framesWanted_ > 0) {
            --framesWanted_;
        }
        if (settleFrames_ > 0) {
            --settleFrames_;
        }
        if (navigator_.apply()) {
            ++dataVersion_;  // the screen shown now reads the requests afresh
            want(kFramesPerChange);
        }
        return std::nullopt;
    }

    const KioskOptions& options_;
    const KioskServices& services_;
    UnavailableCardReader unavailableCard_;
    CardLogin& card_;
    AgentPreferences memoryPreferences_;
    AgentPreferences& preferences_;
    std::atomic<std::uint64_t> dataVersion_{0};
    Window& window_;
    const EventLoop& loop_;
    Translator& translator_;
    const Metrics& metrics_;
    const Fonts& fonts_;
    TargetRegistry targets_;
    RepaintPlanner repaint_;
    std::optional<FramePresenter> presenter_;
    Navigator navigator_;
    PointerInput pointer_;
    IdleTimer idle_;
    std::optional<AgentSession> session_;
    ScriptPlayer script_;
    std::filesystem::path screenshot_;
    std::optional<Clock::time_point> awaitDeadline_;
    std::optional<Clock::time_point> demoCodeChangesAt_;
    int framesWanted_ = 0;
    int settleFrames_ = 0;
    long frames_ = 0;
    std::ostream& out_;
    std::ostream& err_;
};

core::Result<std::vector<ScriptStep>> loadScript(const KioskOptions& options) {
    if (options.script.empty()) {
        return std::vector<ScriptStep>{};
    }
    std::optional<std::string> text = readFile(options.script);
    if (!text) {
        return core::fail(core::Errc::NotFound, "cannot read script " + options.script.string());
    }
    auto steps = parseScript(*text);
    if (!steps.has_value()) {
        return core::fail(steps.error().code,
                          options.script.string() + ": " + steps.error().message);
    }
    if (!options.screenshotDir.empty()) {
        std::error_code error;
        std::filesystem::create_directories(options.screenshotDir, error);
        if (error) {
            return core::fail(
                core::Errc::Storage,
                "cannot create " + options.screenshotDir.string() + ": " + error.message());
        }
    }
    return steps;
}

}  // namespace

int runKiosk(const KioskOptions& options, const KioskServices& services, std::ostream& out,
             std::ostream& err) {
    auto fail = [&err](const core::Error& error) {
        err << "balie-kiosk: " << error.message << '\n';
        return 1;
    };
    auto script = loadScript(options);
    if (!script.has_value()) {
        return fail(script.error());
    }
    auto translator = Translator::load(resolveLocaleDir(options.config.localeDir));
    if (!translator.has_value()) {
        return fail(translator.error());
    }
    translator->setLanguage(options.config.language);

    // Declared in this order so they are torn down in reverse: ImGui, GL, window, SDL.
    auto video = SdlVideo::create();
    if (!video.has_value()) {
        return fail(video.error());
    }
    auto window = Window::create(*video, "Balie", options.windowSize);
    if (!window.has_value()) {
        return fail(window.error());
    }
    auto gl = GlContext::create(*window);
    if (!gl.has_value()) {
        return fail(gl.error());
    }
    auto imgui = ImGuiScope::create(*window, *gl);
    if (!imgui.has_value()) {
        return fail(imgui.error());
    }
    auto loop = EventLoop::create();
    if (!loop.has_value()) {
        return fail(loop.error());
    }
    Size size = window->size();
    Metrics metrics = computeMetrics(window->dpi(), size.width, size.height);
    applyTheme(metrics, ImGui::GetStyle());
    auto fonts = loadFonts(*ImGui::GetIO().Fonts, resolveFontDir(options.config.fontDir), metrics);
    if (!fonts.has_value()) {
        return fail(fonts.error());
    }
    if (!options.windowSize) {
        SDL_ShowCursor(SDL_DISABLE);  // a touchscreen kiosk has no pointer to show
    }
    Kiosk kiosk(options, services, *window, *loop, *translator, metrics, *fonts, std::move(*script),
                out, err);
    return kiosk.run();
}

}  // namespace balie::ui
