// SPDX-License-Identifier: GPL-3.0-or-later
// V4L2 and libcamera without a camera: clear errors, no crash. (This machine has none; on one
// that has a camera, the listing tests still hold for ids they do not name.)
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "balie/drivers/camera/camera.h"
#include "balie/drivers/camera/libcamera_source.h"
#include "balie/drivers/camera/v4l2_source.h"

namespace balie::drivers::camera {
namespace {

using namespace std::chrono_literals;

TEST(V4l2SourceTest, AMissingDeviceSaysThereIsNoCamera) {
    auto source = makeV4l2Source("/dev/video-balie-missing");
    auto started = source->start();
    ASSERT_FALSE(started.has_value());
    EXPECT_EQ(started.error().code, core::Errc::NotFound);
    EXPECT_EQ(started.error().message, "no camera at /dev/video-balie-missing");
}

TEST(V4l2SourceTest, ADeviceThatIsNoCameraIsRefused) {
    auto source = makeV4l2Source("/dev/null");
    auto started = source->start();
    ASSERT_FALSE(started.has_value());
    EXPECT_EQ(started.error().code, core::Errc::NotFound);
    EXPECT_EQ(started.error().message, "/dev/null is not a video device");
}

TEST(V4l2SourceTest, AfterAFailedStartFramesSayTheCameraIsNotConnected) {
    auto source = makeV4l2Source("/dev/video-balie-missing");
    ASSERT_FALSE(source->start().has_value());
    auto frame = source->nextFrame(10ms);
    ASSERT_FALSE(frame.has_value());
    EXPECT_EQ(frame.error().code, core::Errc::Camera);
    EXPECT_NE(frame.error().message.find("not connected"), std::string::npos);
}

TEST(V4l2SourceTest, ListsOnlyCapturingDevices) {
    for (const auto& camera : listV4l2Cameras()) {
        EXPECT_TRUE(camera.id.starts_with("v4l2:/dev/video")) << camera.id;
    }
}

TEST(LibcameraSourceTest, WithoutACameraSaysSoClearly) {
    auto listed = listLibcameraCameras();
    if (!libcameraAvailable()) {
        ASSERT_FALSE(listed.has_value());
        EXPECT_NE(listed.error().message.find("libcamera"), std::string::npos);
    }
    if (listed.has_value() && !listed->empty()) {
        GTEST_SKIP() << "this machine has a libcamera camera";
    }
    auto source = makeLibcameraSource("");
    auto started = source->start();
    ASSERT_FALSE(started.has_value());
    EXPECT_NE(started.error().message.find(libcameraAvailable() ? "no camera" : "libcamera"),
              std::string::npos)
        << started.error().message;
    EXPECT_FALSE(source->nextFrame(10ms).has_value());
}

TEST(LibcameraSourceTest, AnUnknownIdIsNoCamera) {
    if (!libcameraAvailable()) {
        GTEST_SKIP() << "built without libcamera";
    }
    auto source = makeLibcameraSource("balie-missing-camera");
    auto started = source->start();
    ASSERT_FALSE(started.has_value());
    EXPECT_EQ(started.error().code, core::Errc::NotFound);
}

TEST(OpenCameraTest, RefusesAnUnknownKindOfId) {
    auto opened = openCamera("webcam");
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, core::Errc::InvalidArgument);
}

TEST(OpenCameraTest, OpensEachKnownKindOfId) {
    for (const char* id : {"v4l2:/dev/video7", "/dev/video7", "libcamera:x", "replay:/tmp"}) {
        auto opened = openCamera(id);
        ASSERT_TRUE(opened.has_value()) << id;
        EXPECT_NE(*opened, nullptr);
    }
}

TEST(OpenCameraTest, WithoutAnyCameraTheDefaultIsNoCamera) {
    if (!listCameras().empty()) {
        GTEST_SKIP() << "this machine has a camera";
    }
    auto opened = openCamera("");
    ASSERT_FALSE(opened.has_value());
    EXPECT_EQ(opened.error().code, core::Errc::NotFound);
    EXPECT_EQ(opened.error().message, "no camera is connected");
}

}  // namespace
}  // namespace balie::drivers::camera
