// SPDX-License-Identifier: GPL-3.0-or-later
// FrameSource: the port a camera (or a recording of one) offers to whoever analyses its frames.
#pragma once

#include <chrono>
#include <string>

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::core {

/// \brief A camera as a list of cameras shows it.
struct CameraInfo {
    std::string id;    ///< what opens it again: "v4l2:/dev/video0", "libcamera:<id>", ...
    std::string name;  ///< for people: the model or driver name

    bool operator==(const CameraInfo&) const = default;
};

/// \brief A stream of frames: a camera, or a recording replayed.
///
/// Errors are values. A source that was unplugged reports Errc::Camera from nextFrame() and tries
/// to open the device again on the next call, so a caller keeps calling nextFrame() to recover.
/// A recording that has ended reports Errc::NotFound. Not thread-safe: one thread drives it.
class FrameSource {
public:
    virtual ~FrameSource() = default;

    /// \brief Opens the device and starts streaming.
    /// \return nothing, or Errc::NotFound when there is no such camera, Errc::Camera when it
    /// cannot stream.
    virtual Result<void> start() = 0;

    /// \brief Waits up to \a timeout for the next frame.
    /// \return a well-formed image, or Errc::Camera (native ETIMEDOUT when nothing came in time),
    /// Errc::InvalidFormat for a frame that cannot be decoded (the next call moves on),
    /// Errc::NotFound when a recording has ended, Errc::InvalidState before start().
    virtual Result<Image> nextFrame(std::chrono::milliseconds timeout) = 0;

    /// \brief Stops streaming and releases the device; start() may be called again.
    virtual void stop() = 0;

    /// \brief What this source reads from, for messages ("/dev/video0", "replay of DIR").
    virtual std::string description() const = 0;
};

}  // namespace balie::core
