// SPDX-License-Identifier: GPL-3.0-or-later
// The libcamera backend of a build without libcamera: every call says so.
#include <utility>

#include "balie/drivers/camera/libcamera_source.h"

namespace balie::drivers::camera {
namespace {

constexpr const char* kNotBuilt = "this build has no libcamera support (BALIE_WITH_LIBCAMERA=OFF)";

class UnavailableSource final : public core::FrameSource {
public:
    core::Result<void> start() override { return core::fail(core::Errc::Camera, kNotBuilt); }
    core::Result<core::Image> nextFrame(std::chrono::milliseconds /*timeout*/) override {
        return core::fail(core::Errc::InvalidState, kNotBuilt);
    }
    void stop() override {}
    std::string description() const override { return "libcamera"; }
};

}  // namespace

bool libcameraAvailable() {
    return false;
}

core::Result<std::vector<core::CameraInfo>> listLibcameraCameras() {
    return core::fail(core::Errc::Camera, kNotBuilt);
}

std::unique_ptr<core::FrameSource> makeLibcameraSource(std::string /*id*/) {
    return std::make_unique<UnavailableSource>();
}

}  // namespace balie::drivers::camera
