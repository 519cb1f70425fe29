// SPDX-License-Identifier: GPL-3.0-or-later
// SDL, OpenGL and ImGui set up and torn down in scope order.
#include "balie/ui/platform.h"

#include <SDL.h>
#include <backends/imgui_impl_sdl.h>
#include <imgui.h>

#include <utility>

#include <backends/imgui_impl_opengl3.h>

namespace balie::ui {

namespace {

core::Result<void> sdlFailure(const std::string& what) {
    return core::fail(core::Errc::Config, what + ": " + SDL_GetError());
}

}  // namespace

core::Result<SdlVideo> SdlVideo::create() {
    // A finger is delivered as mouse events too (SDL's default, made explicit): the UI handles
    // one kind of pointer. A mouse must not pose as a finger.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        auto failure = sdlFailure("no display");
        SDL_Quit();
        return tl::unexpected(failure.error());
    }
    return SdlVideo();
}

SdlVideo::SdlVideo(SdlVideo&& other) noexcept : owner_(std::exchange(other.owner_, false)) {
}

SdlVideo::~SdlVideo() {
    if (owner_) {
        SDL_Quit();
    }
}

void Window::Deleter::operator()(SDL_Window* window) const {
    SDL_DestroyWindow(window);
}

core::Result<Window> Window::create(const SdlVideo& /*video*/, const std::string& title,
                                    std::optional<Size> size) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_SHOWN;
    int width = 0;
    int height = 0;
    if (size) {
        width = size->width;
        height = size->height;
    } else {
        // Created at the desktop's size: a window that starts smaller keeps Mesa's software
        // drawable at that size until something makes it look again.
        SDL_DisplayMode mode;
        if (SDL_GetDesktopDisplayMode(0, &mode) != 0) {
            return tl::unexpected(sdlFailure("cannot read the display mode").error());
        }
        width = mode.w;
        height = mode.h;
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    SDL_Window* window = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED,
                                          SDL_WINDOWPOS_CENTERED, width, height, flags);
    if (window == nullptr) {
        return tl::unexpected(sdlFailure("cannot open the window").error());
    }
    return Window(window);
}

Size Window::size() const {
    Size size;
    SDL_GL_GetDrawableSize(window_.get(), &size.width, &size.height);
    return size;
}

std::optional<float> Window::dpi() const {
    float diagonal = 0;
    if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(window_.get()), &diagonal, nullptr, nullptr) !=
        0) {
        return std::nullopt;
    }
    return diagonal;
}

core::Result<GlContext> GlContext::create(const Window& window) {
    SDL_GLContext context = SDL_GL_CreateContext(window.get());
    if (context == nullptr) {
        return tl::unexpected(sdlFailure("no OpenGL 3.0 context").error());
    }
    if (SDL_GL_MakeCurrent(window.get(), context) != 0) {
        auto failure = sdlFailure("cannot use the OpenGL context");
        SDL_GL_DeleteContext(context);
        return tl::unexpected(failure.error());
    }
    // Vertical sync where the driver has it; frames are only drawn on change anyway.
    SDL_GL_SetSwapInterval(1);
    return GlContext(context);
}

GlContext::GlContext(GlContext&& other) noexcept
    : context_(std::exchange(other.context_, nullptr)) {
}

GlContext::~GlContext() {
    if (context_ != nullptr) {
        SDL_GL_DeleteContext(context_);
    }
}

core::Result<ImGuiScope> ImGuiScope::create(const Window& window, const GlContext& context) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // A kiosk keeps no state between runs: no imgui.ini, no log file.
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_IsTouchScreen | ImGuiConfigFlags_NoMouseCursorChange;
    // A blinking caret would need frames while nothing else changes.
    io.ConfigInputTextCursorBlink = false;
    if (!ImGui_ImplSDL2_InitForOpenGL(window.get(), context.get())) {
        ImGui::DestroyContext();
        return core::fail(core::Errc::Config, "the ImGui SDL2 backend failed to start");
    }
    if (!ImGui_ImplOpenGL3_Init("#version 130")) {
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
        return core::fail(core::Errc::Config, "the ImGui OpenGL3 backend failed to start");
    }
    return ImGuiScope();
}

ImGuiScope::ImGuiScope(ImGuiScope&& other) noexcept : owner_(std::exchange(other.owner_, false)) {
}

ImGuiScope::~ImGuiScope() {
    if (owner_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
}

}  // namespace balie::ui
