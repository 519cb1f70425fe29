// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/camera/replay_source.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "temp_dir.h"

namespace balie::drivers::camera {
namespace {

using namespace std::chrono_literals;

// A frame whose grey level tells which one it is.
cv::Mat frameOfLevel(int level) {
    return cv::Mat(48, 64, CV_8UC3, cv::Scalar(level, level, level));
}

void writeFrame(const std::filesystem::path& file, int level) {
    ASSERT_TRUE(cv::imwrite(file.string(), frameOfLevel(level)));
}

int levelOf(const core::Image& image) {
    return image.bytes.empty() ? -1 : image.bytes[0];
}

class ReplaySourceTest : public ::testing::Test {
protected:
    void SetUp() override {
        writeFrame(dir_.path() / "frame-2.png", 120);
        writeFrame(dir_.path() / "frame-1.png", 60);
        writeFrame(dir_.path() / "frame-3.png", 180);
    }

    test::TempDir dir_;
};

TEST_F(ReplaySourceTest, PlaysTheFolderInNameOrderAsBgrFrames) {
    auto source = makeReplaySource(dir_.path(), {.loop = false});
    ASSERT_TRUE(source->start().has_value());
    for (const int level : {60, 120, 180}) {
        auto frame = source->nextFrame(100ms);
        ASSERT_TRUE(frame.has_value()) << frame.error().message;
        EXPECT_EQ(frame->format, core::PixelFormat::Bgr24);
        EXPECT_EQ(frame->width, 64);
        EXPECT_EQ(frame->height, 48);
        EXPECT_TRUE(frame->isWellFormed());
        EXPECT_EQ(levelOf(*frame), level);
    }
}

TEST_F(ReplaySourceTest, PlayedOnceItEndsWithNotFound) {
    auto source = makeReplaySource(dir_.path(), {.loop = false});
    ASSERT_TRUE(source->start().has_value());
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(source->nextFrame(100ms).has_value());
    }
    auto end = source->nextFrame(100ms);
    ASSERT_FALSE(end.has_value());
    EXPECT_EQ(end.error().code, core::Errc::NotFound);
}

TEST_F(ReplaySourceTest, LoopedItStartsAgain) {
    auto source = makeReplaySource(dir_.path(), {.loop = true});
    ASSERT_TRUE(source->start().has_value());
    for (const int level : {60, 120, 180, 60, 120}) {
        auto frame = source->nextFrame(100ms);
        ASSERT_TRUE(frame.has_value());
        EXPECT_EQ(levelOf(*frame), level);
    }
}

TEST_F(ReplaySourceTest, SkipsAFileThatIsNoImageWithAnError) {
    std::ofstream(dir_.path() / "frame-15.png") << "not a picture";
    auto source = makeReplaySource(dir_.path(), {.loop = false});
    ASSERT_TRUE(source->start().has_value());
    EXPECT_EQ(levelOf(*source->nextFrame(100ms)), 60);
    auto broken = source->nextFrame(100ms);
    ASSERT_FALSE(broken.has_value());
    EXPECT_EQ(broken.error().code, core::Errc::InvalidFormat);
    EXPECT_NE(broken.error().message.find("frame-15.png"), std::string::npos);
    EXPECT_EQ(levelOf(*source->nextFrame(100ms)), 120) << "the replay goes on after the bad file";
}

TEST_F(ReplaySourceTest, KeepsToItsFrameRate) {
    auto source = makeReplaySource(dir_.path(), {.loop = true, .framesPerSecond = 50.0});
    ASSERT_TRUE(source->start().has_value());
    const auto begin = std::chrono::steady_clock::now();
    for (int i = 0; i < 6; ++i) {
        ASSERT_TRUE(source->nextFrame(1s).has_value());
    }
    // Five periods of 20 ms at least; only a lower bound, which load cannot break.
    EXPECT_GE(std::chrono::steady_clock::now() - begin, 100ms);
}

TEST_F(ReplaySourceTest, HoldsEachImageAsADocumentHeldStill) {
    // 10 frames a second for 0.3 seconds: each image makes 3 frames.
    auto source = makeReplaySource(dir_.path(),
                                   {.loop = true, .framesPerSecond = 10.0, .secondsPerImage = 0.3});
    ASSERT_TRUE(source->start().has_value());
    for (const int level : {60, 60, 60, 120, 120, 120, 180}) {
        auto frame = source->nextFrame(1s);
        ASSERT_TRUE(frame.has_value());
        EXPECT_EQ(levelOf(*frame), level);
    }
}

TEST(ReplaySourceErrors, AnEmptyFolderDoesNotStart) {
    test::TempDir empty;
    auto source = makeReplaySource(empty.path());
    auto started = source->start();
    ASSERT_FALSE(started.has_value());
    EXPECT_EQ(started.error().code, core::Errc::NotFound);
    EXPECT_NE(started.error().message.find("no images"), std::string::npos);
}

TEST(ReplaySourceErrors, AMissingFolderDoesNotStart) {
    test::TempDir dir;
    auto source = makeReplaySource(dir.path() / "missing");
    auto started = source->start();
    ASSERT_FALSE(started.has_value());
    EXPECT_EQ(started.error().code, core::Errc::NotFound);
}

TEST(ReplaySourceErrors, NoFrameBeforeStart) {
    test::TempDir dir;
    auto source = makeReplaySource(dir.path());
    auto frame = source->nextFrame(10ms);
    ASSERT_FALSE(frame.has_value());
    EXPECT_EQ(frame.error().code, core::Errc::InvalidState);
}

TEST(ReplaySourceVideo, PlaysAVideoFileOnceOrLooped) {
    test::TempDir dir;
    const auto video = dir.path() / "document.avi";
    {
        cv::VideoWriter writer(video.string(), cv::CAP_OPENCV_MJPEG,
                               cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0, cv::Size(64, 48));
        ASSERT_TRUE(writer.isOpened());
        for (const int level : {40, 200}) {
            writer.write(frameOfLevel(level));
        }
    }
    auto once = makeReplaySource(video, {.loop = false});
    ASSERT_TRUE(once->start().has_value());
    for (const int level : {40, 200}) {
        auto frame = once->nextFrame(100ms);
        ASSERT_TRUE(frame.has_value()) << frame.error().message;
        EXPECT_NEAR(levelOf(*frame), level, 8) << "JPEG keeps the level roughly";
        EXPECT_EQ(frame->width, 64);
    }
    EXPECT_EQ(once->nextFrame(100ms).error().code, core::Errc::NotFound);

    auto looped = makeReplaySource(video, {.loop = true});
    ASSERT_TRUE(looped->start().has_value());
    for (const int level : {40, 200, 40}) {
        auto frame = looped->nextFrame(100ms);
        ASSERT_TRUE(frame.has_value());
        EXPECT_NEAR(levelOf(*frame), level, 8);
    }
}

TEST(ReplaySourceVideo, AFileThatIsNoVideoDoesNotStart) {
    test::TempDir dir;
    std::ofstream(dir.path() / "notes.avi") << "not a video";
    auto source = makeReplaySource(dir.path() / "notes.avi");
    auto started = source->start();
    ASSERT_FALSE(started.has_value());
    EXPECT_EQ(started.error().code, core::Errc::InvalidFormat);
}

}  // namespace
}  // namespace balie::drivers::camera
