// SPDX-License-Identifier: GPL-3.0-or-later
// The seam between balie_camera and its video module, balie_replay_video: only the module links
// OpenCV's videoio (and through it FFmpeg), so a process maps those libraries only while it
// replays a video file.
#pragma once

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::drivers::camera {

/// \brief A video file played frame by frame. Implemented in the module; no exception leaves it.
class VideoFile {
public:
    virtual ~VideoFile() = default;

    /// \brief The next frame as Bgr24; Errc::NotFound after the last one, Errc::InvalidFormat for
    /// a frame that cannot be decoded.
    virtual core::Result<core::Image> nextFrame() = 0;

    /// \brief Starts again at the first frame; false when the file cannot be opened again.
    virtual bool rewind() = 0;
};

/// \brief The module's file name, and its one entry point.
inline constexpr const char* kVideoModuleFile = "libbalie_replay_video.so";
inline constexpr const char* kOpenVideoSymbol = "balie_replay_video_open";

/// \brief The entry point: \a path opened for playing, or nullptr when it is no video the module
/// can play. The caller deletes the file before it unloads the module.
using OpenVideoFunction = VideoFile* (*)(const char* path);

}  // namespace balie::drivers::camera
