// SPDX-License-Identifier: GPL-3.0-or-later
// The cameras of this machine, and opening one (or a replay) by id.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/frame_source.h"

namespace balie::drivers::camera {

/// \brief Every camera found: V4L2 devices, then libcamera's cameras (a USB camera may appear in
/// both, under two ids). Empty when there is none; a backend that fails is left out.
std::vector<core::CameraInfo> listCameras();

/// \brief A source for \a id: "v4l2:/dev/videoN" (or a bare "/dev/videoN"), "libcamera:<id>",
/// "replay:<folder or video>"; an empty id takes the first camera listCameras() finds.
/// \return the source (not started), or Errc::NotFound ("no camera") when \a id is empty and no
/// camera is connected, Errc::InvalidArgument for an id of no known kind.
core::Result<std::unique_ptr<core::FrameSource>> openCamera(std::string_view id);

}  // namespace balie::drivers::camera
