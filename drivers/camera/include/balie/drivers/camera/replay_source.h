// SPDX-License-Identifier: GPL-3.0-or-later
// A frame source that replays a folder of images or a video file, for tests, demos and tuning.
#pragma once

#include <filesystem>
#include <memory>

#include "balie/core/frame_source.h"

namespace balie::drivers::camera {

struct ReplayOptions {
    bool loop = true;  ///< start again after the last frame; otherwise end with Errc::NotFound
    /// Frames per second the replay keeps to, as a camera would; 0 hands frames out at once.
    double framesPerSecond = 0.0;
    /// How long each image of a folder stays in front of the camera, as a document held still
    /// would; needs framesPerSecond. 0 shows each image for one frame.
    double secondsPerImage = 0.0;
};

/// \brief Replays \a path: a folder (its JPEG and PNG files in name order; files that cannot be
/// decoded are reported with Errc::InvalidFormat and skipped) or a video file OpenCV can open.
/// Frames come out as Bgr24. start() reports Errc::NotFound for a missing path or a folder without
/// files, Errc::Camera when the video module (libbalie_replay_video.so) cannot be loaded.
std::unique_ptr<core::FrameSource> makeReplaySource(const std::filesystem::path& path,
                                                    ReplayOptions options = {});

}  // namespace balie::drivers::camera
