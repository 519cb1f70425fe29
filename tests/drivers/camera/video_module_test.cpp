// SPDX-License-Identifier: GPL-3.0-or-later
#include "video_module.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "temp_dir.h"

namespace balie::drivers::camera {
namespace {

constexpr const char* kModuleMissing = "video replay needs balie's video module";

TEST(VideoModuleTest, TheBuildTreeHasTheModule) {
    const auto candidates = videoModuleCandidates();
    EXPECT_TRUE(std::any_of(candidates.begin(), candidates.end(), [](const auto& candidate) {
        return std::filesystem::is_regular_file(candidate);
    }));
}

TEST(VideoModuleTest, WithoutTheModuleAVideoIsAClearError) {
    test::TempDir dir;
    std::ofstream(dir.path() / "document.avi") << "a video";
    auto video = openModuleVideo(dir.path() / "document.avi", {dir.path() / kVideoModuleFile});
    ASSERT_FALSE(video.has_value());
    EXPECT_EQ(video.error().code, core::Errc::Camera);
    EXPECT_NE(video.error().message.find(kModuleMissing), std::string::npos);
    EXPECT_NE(video.error().message.find(dir.path().string()), std::string::npos)
        << "the message says where the module was looked for";
}

TEST(VideoModuleTest, AModuleThatDoesNotLoadIsAClearError) {
    test::TempDir dir;
    std::ofstream(dir.path() / "document.avi") << "a video";
    std::ofstream(dir.path() / kVideoModuleFile) << "no shared object";
    auto video = openModuleVideo(dir.path() / "document.avi", {dir.path() / kVideoModuleFile});
    ASSERT_FALSE(video.has_value());
    EXPECT_EQ(video.error().code, core::Errc::Camera);
    EXPECT_NE(video.error().message.find(kModuleMissing), std::string::npos);
}

}  // namespace
}  // namespace balie::drivers::camera
