// SPDX-License-Identifier: GPL-3.0-or-later
// What the wizard's capture step needs from the camera and the document reader, whichever drivers
// provide them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "balie/core/document_reading.h"
#include "balie/core/image.h"
#include "balie/core/request_store.h"

namespace balie::ui {

enum class CameraState {
    Unavailable,  ///< no camera, or it was unplugged; `message` says which
    Starting,
    Streaming,
};

/// \brief The advice shown over the live preview, most important first.
enum class CaptureHint {
    NoDocument,     ///< "Place the document under the camera"
    ShowWholePage,  ///< a corner or edge is outside the frame
    TooFar,
    TooClose,
    Tilted,
    Glare,  ///< glare on the document (`where` says on which part)
    Blurred,
    HoldStill,  ///< good, but moving: capture waits until it is steady
    Ready,      ///< good and steady: capturing
};

/// \brief The latest frame for the preview with the guidance computed on it.
struct CameraView {
    core::Image preview;             ///< Rgb24 or Rgba32, scaled for the screen
    std::vector<CaptureHint> hints;  ///< empty while nothing was measured yet
    std::string where;               ///< for Glare: "top", "bottom lines", ...
    /// The document's outline in preview pixels (4 corners, clockwise from top-left), if found.
    std::optional<std::vector<std::pair<float, float>>> outline;
    float steadiness = 0.0F;  ///< 0..1, how far the automatic capture has come
};

/// \brief One captured page: cropped, de-skewed, encoded for upload, with what its MRZ said.
struct CapturedPage {
    core::PageImage page;   ///< JPEG
    core::Image thumbnail;  ///< Rgb24, small, for the page strip
    /// Fields read from the MRZ, only when several frames agreed on every character and every
    /// check digit passed; nullopt otherwise (the agent types the fields).
    std::optional<core::DocumentReading> reading;
};

/// \brief The camera seen from the UI. Frames are grabbed and analysed off the UI thread; the UI
/// asks for the latest state when it draws.
class DocumentCamera {
public:
    virtual ~DocumentCamera() = default;

    /// \brief Starts streaming and analysing; \a changed is called on a worker thread whenever a
    /// new view or capture is ready (it must only wake the UI).
    virtual void start(std::function<void()> changed) = 0;
    /// \brief Stops streaming; drops any frame held.
    virtual void stop() = 0;

    virtual CameraState state() const = 0;
    /// \brief Why the camera is unavailable, in words for the agent; empty otherwise.
    virtual std::string message() const = 0;

    /// \brief The latest view, or nullopt before the first frame.
    virtual std::optional<CameraView> view() = 0;
    /// \brief Takes the page captured automatically since the last call, if any.
    virtual std::optional<CapturedPage> takeCapture() = 0;
    /// \brief Captures the current frame now, whatever the guidance says (the "capture" button);
    /// the result arrives through takeCapture().
    virtual void captureNow() = 0;
};

}  // namespace balie::ui
