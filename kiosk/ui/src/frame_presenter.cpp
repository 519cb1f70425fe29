// SPDX-License-Identifier: GPL-3.0-or-later
// FramePresenter: SDL's swap, or GLX_MESA_copy_sub_buffer under a software rasteriser.
// Kept apart: the X11 headers define macros (None, Bool, Status) that nothing else should see.
#include "frame_presenter.h"

#include <GL/gl.h>
#include <GL/glx.h>
#include <GL/glxext.h>

#include <cmath>
#include <cstring>
#include <string_view>

namespace balie::ui {

namespace {

// True when \a name is one of the space-separated words of \a extensions.
bool listed(const char* extensions, std::string_view name) {
    if (extensions == nullptr) {
        return false;
    }
    std::string_view words(extensions);
    for (std::size_t at = words.find(name); at != std::string_view::npos;
         at = words.find(name, at + name.size())) {
        const bool starts = at == 0 || words[at - 1] == ' ';
        const bool ends = at + name.size() == words.size() || words[at + name.size()] == ' ';
        if (starts && ends) {
            return true;
        }
    }
    return false;
}

bool softwareRasteriser() {
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    if (renderer == nullptr) {
        return false;
    }
    std::string_view name(renderer);
    return name.find("llvmpipe") != std::string_view::npos ||
           name.find("softpipe") != std::string_view::npos;
}

}  // namespace

GlRegion glRegion(const ScreenRect& rect, Size size) {
    const auto left = static_cast<int>(std::floor(rect.min.x));
    const auto top = static_cast<int>(std::floor(rect.min.y));
    const auto right = static_cast<int>(std::ceil(rect.max.x));
    const auto bottom = static_cast<int>(std::ceil(rect.max.y));
    return {left, size.height - bottom, right - left, bottom - top};
}

FramePresenter FramePresenter::forCurrentContext(SDL_Window* window) {
    Display* display = glXGetCurrentDisplay();
    const bool glx = glXGetCurrentContext() != nullptr && display != nullptr;
    // Calling an extension the server lacks would raise an X error, which ends the program.
    if (!glx || !softwareRasteriser() ||
        !listed(glXQueryExtensionsString(display, DefaultScreen(display)),
                "GLX_MESA_copy_sub_buffer")) {
        return FramePresenter(window, nullptr);
    }
    auto copy = reinterpret_cast<PFNGLXCOPYSUBBUFFERMESAPROC>(
        glXGetProcAddress(reinterpret_cast<const GLubyte*>("glXCopySubBufferMESA")));
    return FramePresenter(window, reinterpret_cast<void (*)()>(copy));
}

void FramePresenter::present(const std::optional<ScreenRect>& region, Size size) const {
    if (copySubBuffer_ == nullptr) {
        SDL_GL_SwapWindow(window_);
        return;
    }
    const GlRegion shown =
        region ? glRegion(*region, size) : GlRegion{0, 0, size.width, size.height};
    reinterpret_cast<PFNGLXCOPYSUBBUFFERMESAPROC>(copySubBuffer_)(
        glXGetCurrentDisplay(), glXGetCurrentDrawable(), shown.x, shown.y, shown.width,
        shown.height);
}

}  // namespace balie::ui
