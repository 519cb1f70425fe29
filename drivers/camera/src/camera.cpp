// SPDX-License-Identifier: GPL-3.0-or-later
// Camera ids to frame sources, over every backend this build has.
#include "balie/drivers/camera/camera.h"

#include "balie/drivers/camera/libcamera_source.h"
#include "balie/drivers/camera/replay_source.h"
#include "balie/drivers/camera/v4l2_source.h"

namespace balie::drivers::camera {

std::vector<core::CameraInfo> listCameras() {
    std::vector<core::CameraInfo> cameras = listV4l2Cameras();
    if (libcameraAvailable()) {
        if (auto more = listLibcameraCameras(); more.has_value()) {
            cameras.insert(cameras.end(), more->begin(), more->end());
        }
    }
    return cameras;
}

core::Result<std::unique_ptr<core::FrameSource>> openCamera(std::string_view id) {
    if (id.empty()) {
        const auto cameras = listCameras();
        if (cameras.empty()) {
            return core::fail(core::Errc::NotFound, "no camera is connected");
        }
        return openCamera(cameras.front().id);
    }
    if (id.starts_with("v4l2:")) {
        return makeV4l2Source(std::string(id.substr(5)));
    }
    if (id.starts_with("/dev/")) {
        return makeV4l2Source(std::string(id));
    }
    if (id.starts_with("libcamera:")) {
        return makeLibcameraSource(std::string(id.substr(10)));
    }
    if (id.starts_with("replay:")) {
        // Played as a camera sees documents: 15 frames a second, each image held for 2 seconds.
        return makeReplaySource(
            std::string(id.substr(7)),
            ReplayOptions{.loop = true, .framesPerSecond = 15.0, .secondsPerImage = 2.0});
    }
    return core::fail(core::Errc::InvalidArgument,
                      "unknown camera '" + std::string(id) +
                          "': use v4l2:/dev/videoN, libcamera:ID or replay:PATH");
}

}  // namespace balie::drivers::camera
