// SPDX-License-Identifier: GPL-3.0-or-later
// Shows a drawn frame in the window, keeping the back buffer where that saves drawing.
#pragma once

#include <SDL.h>

#include <optional>

#include "balie/ui/platform.h"
#include "balie/ui/repaint.h"

namespace balie::ui {

/// \brief The pixels covering \a rect (top-left origin, partly covered pixels included) of a
/// drawable of \a size, in OpenGL's window coordinates, which count rows from the bottom. The
/// window is not high-DPI: ImGui's coordinates are pixels.
struct GlRegion {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};
GlRegion glRegion(const ScreenRect& rect, Size size);

/// \brief Puts the back buffer on screen.
///
/// With a GPU, frames are swapped and each one is drawn in full: that costs the GPU, not the
/// CPU. Without one (Mesa's llvmpipe or softpipe), every pixel drawn is CPU time, so the frame is
/// copied to the window instead (GLX_MESA_copy_sub_buffer): the back buffer then still holds it,
/// and the next frame may draw only its live part and copy only that.
class FramePresenter {
public:
    /// \brief For the window whose OpenGL context is current.
    static FramePresenter forCurrentContext(SDL_Window* window);

    /// \brief True when the back buffer holds the last frame presented.
    bool keepsBackBuffer() const { return copySubBuffer_ != nullptr; }

    /// \brief Shows the frame just drawn: all of it, or only \a region when only that was drawn.
    void present(const std::optional<ScreenRect>& region, Size size) const;

private:
    FramePresenter(SDL_Window* window, void (*copySubBuffer)())
        : window_(window), copySubBuffer_(copySubBuffer) {}

    SDL_Window* window_;
    /// glXCopySubBufferMESA when frames are copied rather than swapped (its GLX type stays in
    /// the source file).
    void (*copySubBuffer_)();
};

}  // namespace balie::ui
