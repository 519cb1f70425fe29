// SPDX-License-Identifier: GPL-3.0-or-later
// Frame sources on Video4Linux2 devices (USB document cameras), through the kernel's ioctls.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "balie/core/frame_source.h"

namespace balie::drivers::camera {

/// \brief The /dev/video* devices that capture video, with ids "v4l2:/dev/videoN"; empty when
/// there are none.
std::vector<core::CameraInfo> listV4l2Cameras();

/// \brief Streams \a device (e.g. /dev/video0) by memory-mapped buffers in YUYV (Yuyv frames) or
/// MJPEG (decoded to Bgr24), preferring 1280x720. A device that disappears is reported once with
/// Errc::Camera and opened again by later nextFrame() calls when it is back.
std::unique_ptr<core::FrameSource> makeV4l2Source(const std::filesystem::path& device);

}  // namespace balie::drivers::camera
