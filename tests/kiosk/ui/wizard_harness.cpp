// SPDX-License-Identifier: GPL-3.0-or-later
// The wizard's screens drawn for real on a private Xvfb, fed with taps like a finger's.
#include "wizard_harness.h"

#include <GL/gl.h>
#include <SDL.h>
#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdlib>

#include <backends/imgui_impl_opengl3.h>

#include "balie/ui/screenshot.h"

namespace balie::test {

namespace {

constexpr int kWidth = 1920;
constexpr int kHeight = 1080;

// An image of a document on a desk: grey desk, light card, two dark machine readable lines.
core::Image drawnDocument(int width, int height) {
    core::Image image{width, height, width * 3, core::PixelFormat::Rgb24, {}};
    image.bytes.resize(static_cast<std::size_t>(image.stride * height));
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            bool card = x > width / 8 && x < width * 7 / 8 && y > height / 8 && y < height * 7 / 8;
            bool mrz = card && x > width / 6 && x < width * 5 / 6 &&
                       ((y > height * 5 / 8 && y < height * 5 / 8 + height / 20) ||
                        (y > height * 11 / 16 + height / 40 && y < height * 6 / 8));
            std::uint8_t grey = mrz ? 40 : card ? 235 : 120;
            auto at = static_cast<std::size_t>(y * image.stride + x * 3);
            image.bytes[at] = grey;
            image.bytes[at + 1] = grey;
            image.bytes[at + 2] = static_cast<std::uint8_t>(card ? 220 : grey);
        }
    }
    return image;
}

class PlaceholderOverview final : public ui::Screen {
public:
    std::string_view name() const override { return "overview"; }
    void draw(ui::ScreenContext&) override {}
};

}  // namespace

std::vector<unsigned char> pngPixels(const std::filesystem::path& file) {
    int width = 0;
    int height = 0;
    int channels = 0;
    unsigned char* data = stbi_load(file.c_str(), &width, &height, &channels, 3);
    EXPECT_NE(data, nullptr) << file;
    if (data == nullptr) {
        return {};
    }
    std::vector<unsigned char> result(
        data, data + static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    stbi_image_free(data);
    return result;
}

std::string languageTestName(const ::testing::TestParamInfo<core::Language>& language) {
    return std::string(core::languageCode(language.param));
}

std::filesystem::path wizardScreenshotDir() {
    return std::filesystem::path(BALIE_SCREENSHOT_DIR) / "wizard";
}

void FakeDocumentCamera::start(std::function<void()> changed) {
    static_cast<void>(changed);
    streaming_ = true;
    ++starts_;
}

std::optional<ui::CameraView> FakeDocumentCamera::view() {
    if (state_ != ui::CameraState::Streaming) {
        return std::nullopt;
    }
    ui::CameraView view;
    view.preview = drawnDocument(640, 400);
    view.hints = {ui::CaptureHint::HoldStill};
    view.outline = std::vector<std::pair<float, float>>{{80, 50}, {560, 50}, {560, 350}, {80, 350}};
    view.steadiness = 0.6F;
    return view;
}

std::optional<ui::CapturedPage> FakeDocumentCamera::takeCapture() {
    if (pending_.empty()) {
        return std::nullopt;
    }
    ui::CapturedPage page = std::move(pending_.front());
    pending_.pop_front();
    return page;
}

void FakeDocumentCamera::captureNow() {
    ++captures_;
    ui::CapturedPage page;
    page.page.width = 1200;
    page.page.height = 850;
    // Stands for a JPEG: the store keeps the bytes as they are.
    page.page.encoded.assign(pageBytes, static_cast<std::uint8_t>(captures_));
    page.thumbnail = drawnDocument(240, 170);
    page.reading = reading;
    pending_.push_back(std::move(page));
}

ScreenHarness::ScreenHarness(Services services) : services_(services) {
    std::string error;
    xvfb_ = Xvfb::start(kWidth, kHeight, error);
    if (xvfb_ == nullptr) {
        ADD_FAILURE() << error;
        return;
    }
    setenv("DISPLAY", xvfb_->display().c_str(), 1);
    auto fail = [](const core::Error& failure) { ADD_FAILURE() << failure.message; };
    auto video = ui::SdlVideo::create();
    if (!video.has_value()) {
        fail(video.error());
        return;
    }
    video_.emplace(std::move(*video));
    auto window = ui::Window::create(*video_, "wizard", ui::Size{kWidth, kHeight});
    if (!window.has_value()) {
        fail(window.error());
        return;
    }
    window_.emplace(std::move(*window));
    auto gl = ui::GlContext::create(*window_);
    if (!gl.has_value()) {
        fail(gl.error());
        return;
    }
    gl_.emplace(std::move(*gl));
    auto imgui = ui::ImGuiScope::create(*window_, *gl_);
    if (!imgui.has_value()) {
        fail(imgui.error());
        return;
    }
    imgui_.emplace(std::move(*imgui));
    ImGui::GetIO().IniFilename = nullptr;
    auto loop = ui::EventLoop::create();
    if (!loop.has_value()) {
        fail(loop.error());
        return;
    }
    loop_.emplace(*loop);
    metrics_ = ui::computeMetrics(window_->dpi(), kWidth, kHeight);
    ui::applyTheme(metrics_, ImGui::GetStyle());
    auto fonts = ui::loadFonts(*ImGui::GetIO().Fonts, BALIE_UI_FONT_DIR, metrics_);
    if (!fonts.has_value()) {
        fail(fonts.error());
        return;
    }
    fonts_ = *fonts;
    auto translator = ui::Translator::load(BALIE_UI_LOCALE_DIR);
    if (!translator.has_value()) {
        fail(translator.error());
        return;
    }
    translator_ = std::move(*translator);
    translator_.setLanguage(core::Language::English);
    if (services_.loggedIn) {
        session_.emplace();
        session_->requester = core::Requester{"agent-7", "An Agent"};
    }
    std::filesystem::create_directories(wizardScreenshotDir());
    ready_ = true;
}

ScreenHarness::~ScreenHarness() {
    // The screens go first: they may hold textures of the OpenGL context.
    navigator_.reset(std::make_unique<PlaceholderOverview>());
    navigator_.apply();
}

void ScreenHarness::show(std::unique_ptr<ui::Screen> screen) {
    navigator_.reset(std::make_unique<PlaceholderOverview>());
    navigator_.apply();
    navigator_.push(std::move(screen));
    navigator_.apply();
    frame();
}

void ScreenHarness::frame(const std::filesystem::path& screenshot) {
    render(ImVec2(-FLT_MAX, -FLT_MAX), false, screenshot);
}

void ScreenHarness::render(ImVec2 pointer, bool down, const std::filesystem::path& screenshot) {
    if (!ready_) {
        return;
    }
    // Wake-ups of the camera and the answer's timer only matter to the real event loop.
    SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(kWidth, kHeight);
    io.DeltaTime = 1.0F / 60;
    ImGui_ImplOpenGL3_NewFrame();
    io.MousePos = pointer;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    targets_.clear();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("kiosk", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoNav);
    ImGui::PopStyleVar();
    ui::Ui ui{metrics_, fonts_, targets_, nullptr};
    ui::ScreenContext context{.ui = ui,
                              .i18n = translator_,
                              .navigator = navigator_,
                              .card = card_,
                              .loop = *loop_,
                              .demo = false,
                              .keyboard = ui::KeyboardLayout::AzertyBelgian,
                              .size = io.DisplaySize,
                              .session = session_,
                              .store = services_.store,
                              .sync = services_.sync,
                              .camera = services_.camera,
                              .clock = services_.clock};
    if (ui::Screen* screen = navigator_.current(); screen != nullptr) {
        screen->draw(context);
    }
    ImGui::End();
    // Software OpenGL at 1920x1080 is slow on a loaded machine: frames are laid out (which is
    // all taps need) and only drawn for a screenshot.
    if (screenshot.empty()) {
        ImGui::EndFrame();
    } else {
        ImGui::Render();
        glViewport(0, 0, kWidth, kHeight);
        ImVec4 background = ui::toImGui(ui::palette::kBackground);
        glClearColor(background.x, background.y, background.z, 1.0F);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        auto written = ui::writeScreenshot(screenshot, ui::Size{kWidth, kHeight});
        EXPECT_TRUE(written.has_value()) << screenshot;
    }
    navigator_.apply();
}

bool ScreenHarness::tap(std::string_view name) {
    std::optional<ImVec2> centre = targets_.center(name);
    if (!centre) {
        ADD_FAILURE() << "no target " << name << " on screen " << screenName();
        return false;
    }
    render(*centre, true, {});
    render(*centre, false, {});
    frame();
    return true;
}

void ScreenHarness::type(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        std::string character(text.substr(i, length));
        i += length;
        if (character == " ") {
            tap("key.space");
        } else if (length > 1) {
            // Accented letters are on the second page of the keyboard.
            tap("key.page");
            tap("key." + character);
            tap("key.page");
        } else if (character[0] >= 'A' && character[0] <= 'Z') {
            tap("key.shift");
            tap("key." + std::string(1, static_cast<char>(character[0] - 'A' + 'a')));
        } else {
            tap("key." + character);
        }
    }
}

void ScreenHarness::typeDigits(std::string_view digits) {
    for (char digit : digits) {
        tap("pad." + std::string(1, digit));
    }
}

std::filesystem::path ScreenHarness::screenshot(const std::string& name) {
    std::filesystem::path file = wizardScreenshotDir() / (name + ".png");
    frame(file);
    return file;
}

}  // namespace balie::test
