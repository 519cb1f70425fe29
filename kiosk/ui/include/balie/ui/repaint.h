// SPDX-License-Identifier: GPL-3.0-or-later
// Which part of the screen a frame must draw: all of it, or only what changes by itself.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <optional>

namespace balie::ui {

/// \brief A rectangle of the screen in pixels, top-left origin.
struct ScreenRect {
    ImVec2 min;
    ImVec2 max;

    bool contains(ImVec2 point) const {
        return point.x >= min.x && point.y >= min.y && point.x <= max.x && point.y <= max.y;
    }
    bool operator==(const ScreenRect& other) const {
        return min.x == other.min.x && min.y == other.min.y && max.x == other.max.x &&
               max.y == other.max.y;
    }
};

/// \brief Lets a frame redraw only its live part (the camera picture with its guidance) when
/// the rest of the screen is exactly what the back buffer already holds.
///
/// Without a GPU every pixel of every frame costs the CPU, and a live preview brings 15 frames a
/// second of which only the picture changes. The planner compares each frame's geometry outside
/// the live part with the frames before it; the driver tells how many frames old the back buffer
/// is (GLX_EXT_buffer_age, EGL_EXT_buffer_age). When every frame since then drew the same outside
/// the live part, drawing the live part alone gives the same picture as drawing everything.
class RepaintPlanner {
public:
    /// \brief A part of this frame that may show something new in every frame. Called while the
    /// frame is built; several calls cover their union.
    void markLive(ScreenRect rect);

    /// \brief Decides what the frame just built must draw: nullopt for all of it, or the live
    /// part alone. \a backBufferAge is how many frames ago the buffer about to be drawn was
    /// shown (1: the last one), 0 when its contents are unknown. Forgets the live part.
    std::optional<ScreenRect> plan(const ImDrawData& frame, int backBufferAge);

    /// \brief The window lost what it showed (exposed, resized): the next frame is drawn and
    /// shown in full.
    void forget() { sameFrames_ = 0; }

    /// \brief Keeps every draw command of \a frame inside \a rect.
    static void clipTo(ImDrawData& frame, ScreenRect rect);

private:
    std::optional<ScreenRect> live_;
    std::optional<ScreenRect> lastLive_;
    std::uint64_t lastFingerprint_ = 0;
    /// Consecutive frames, the last one included, with the same live part and the same geometry
    /// outside it.
    int sameFrames_ = 0;
};

}  // namespace balie::ui
