// SPDX-License-Identifier: GPL-3.0-or-later
// SDL video, the window, its OpenGL context and the ImGui context as scope objects.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "balie/core/error.h"

struct SDL_Window;

namespace balie::ui {

/// \brief SDL's video subsystem, initialised for the lifetime of the object.
class SdlVideo {
public:
    /// \return Errc::Config with SDL's reason when there is no usable display.
    static core::Result<SdlVideo> create();
    SdlVideo(SdlVideo&& other) noexcept;
    SdlVideo& operator=(SdlVideo&&) = delete;
    SdlVideo(const SdlVideo&) = delete;
    SdlVideo& operator=(const SdlVideo&) = delete;
    ~SdlVideo();

private:
    SdlVideo() = default;
    bool owner_ = true;
};

/// \brief Pixel size of a window.
struct Size {
    int width = 0;
    int height = 0;
};

/// \brief An SDL window with an OpenGL 3.0 drawable.
class Window {
public:
    /// \param[in] size the window size for development; nullopt opens it full screen.
    /// \return Errc::Config with SDL's reason when the window cannot be opened.
    static core::Result<Window> create(const SdlVideo& video, const std::string& title,
                                       std::optional<Size> size);

    SDL_Window* get() const { return window_.get(); }
    Size size() const;

    /// \brief Diagonal dots per inch of the window's display, nullopt when SDL cannot tell.
    std::optional<float> dpi() const;

private:
    struct Deleter {
        void operator()(SDL_Window* window) const;
    };
    explicit Window(SDL_Window* window) : window_(window) {}
    std::unique_ptr<SDL_Window, Deleter> window_;
};

/// \brief The OpenGL context of a window, current on the calling (UI) thread.
class GlContext {
public:
    /// \return Errc::Config when OpenGL 3.0 is not available.
    static core::Result<GlContext> create(const Window& window);
    GlContext(GlContext&& other) noexcept;
    GlContext& operator=(GlContext&&) = delete;
    GlContext(const GlContext&) = delete;
    GlContext& operator=(const GlContext&) = delete;
    ~GlContext();

    void* get() const { return context_; }

private:
    explicit GlContext(void* context) : context_(context) {}
    void* context_ = nullptr;
};

/// \brief The ImGui context with its SDL2 and OpenGL3 backends; destroy before the GL context.
class ImGuiScope {
public:
    /// \return Errc::Config when a backend fails to initialise.
    static core::Result<ImGuiScope> create(const Window& window, const GlContext& context);
    ImGuiScope(ImGuiScope&& other) noexcept;
    ImGuiScope& operator=(ImGuiScope&&) = delete;
    ImGuiScope(const ImGuiScope&) = delete;
    ImGuiScope& operator=(const ImGuiScope&) = delete;
    ~ImGuiScope();

private:
    ImGuiScope() = default;
    bool owner_ = true;
};

}  // namespace balie::ui
