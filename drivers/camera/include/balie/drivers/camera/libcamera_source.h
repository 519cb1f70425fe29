// SPDX-License-Identifier: GPL-3.0-or-later
// Frame sources on libcamera (camera modules of single-board computers, and UVC cameras through
// it).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "balie/core/frame_source.h"

namespace balie::drivers::camera {

/// \brief True when this build has the libcamera backend (BALIE_WITH_LIBCAMERA).
bool libcameraAvailable();

/// \brief The cameras libcamera sees, with ids "libcamera:<id>"; Errc::Camera when libcamera
/// cannot start, or the build has no libcamera backend.
core::Result<std::vector<core::CameraInfo>> listLibcameraCameras();

/// \brief Streams the libcamera camera \a id (as listed, without the "libcamera:" prefix; empty
/// for the first one) as Bgr24 frames near 1280x720. start() reports Errc::NotFound ("no camera")
/// when libcamera finds none, and Errc::Camera when the build has no libcamera backend.
std::unique_ptr<core::FrameSource> makeLibcameraSource(std::string id);

}  // namespace balie::drivers::camera
