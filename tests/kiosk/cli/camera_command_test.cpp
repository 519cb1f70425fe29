// SPDX-License-Identifier: GPL-3.0-or-later
// `balie camera list` and `balie camera capture`, without a camera and on a replayed recording.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <nlohmann/json.hpp>

#include "process.h"

namespace balie::test {
namespace {

const std::filesystem::path kData = BALIE_TEST_VISION_DATA_DIR;

class CameraCommandTest : public ::testing::Test {
protected:
    void SetUp() override {
        ::setenv("OMP_THREAD_LIMIT", "1", 1);
        std::string pattern =
            (std::filesystem::temp_directory_path() / "balie-camera-cli-XXXXXX").string();
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
    }
    void TearDown() override {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    // A recording of a document held still for a few frames.
    std::filesystem::path recording(const std::string& frame, int count) {
        const auto folder = dir_ / "recording";
        std::filesystem::create_directories(folder);
        for (int i = 0; i < count; ++i) {
            std::filesystem::copy_file(kData / frame,
                                       folder / ("frame-" + std::to_string(i) + ".jpg"));
        }
        return folder;
    }

    std::filesystem::path dir_;
};

TEST_F(CameraCommandTest, ListsNoCameraOnAMachineWithout) {
    const ProcessResult json = runProcess(BALIE_CLI_PATH, {"camera", "list", "--json"});
    EXPECT_EQ(json.exitCode, 0) << json.err;
    const auto cameras = nlohmann::json::parse(json.out);
    ASSERT_TRUE(cameras.is_array());
    if (!cameras.empty()) {
        GTEST_SKIP() << "this machine has a camera";
    }
    const ProcessResult text = runProcess(BALIE_CLI_PATH, {"camera", "list"});
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_EQ(text.out, "no camera found\n");
}

TEST_F(CameraCommandTest, CaptureWithoutCameraSaysSo) {
    const ProcessResult result =
        runProcess(BALIE_CLI_PATH, {"camera", "capture", "--device", "/dev/video-balie-missing",
                                    "--out", (dir_ / "page.jpg").string()});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.err, "balie: camera capture: no camera at /dev/video-balie-missing\n");
    EXPECT_FALSE(std::filesystem::exists(dir_ / "page.jpg"));
}

TEST_F(CameraCommandTest, CapturesTheReadPageFromAReplay) {
    const auto out = dir_ / "page.jpg";
    const ProcessResult result = runProcess(
        BALIE_CLI_PATH, {"camera", "capture", "--replay", recording("td3-easy.jpg", 4).string(),
                         "--out", out.string(), "--json", "--model", BALIE_TEST_MODEL_DIR});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto captured = nlohmann::json::parse(result.out);
    EXPECT_EQ(captured["file"], out.string());
    EXPECT_EQ(captured["agreement"], 3);
    EXPECT_EQ(captured["fields"]["document_number"], "PD1471782");
    std::ifstream jpeg(out, std::ios::binary);
    char magic[2] = {};
    jpeg.read(magic, 2);
    EXPECT_EQ(static_cast<unsigned char>(magic[0]), 0xFF);
    EXPECT_EQ(static_cast<unsigned char>(magic[1]), 0xD8);
    EXPECT_GT(std::filesystem::file_size(out), 10000U);
}

TEST_F(CameraCommandTest, CapturesTheFirstDocumentOfTheDemoRecording) {
    const auto out = dir_ / "page.jpg";
    const ProcessResult result = runProcess(
        BALIE_CLI_PATH, {"camera", "capture", "--replay", (kData / "demo").string(), "--out",
                         out.string(), "--json", "--model", BALIE_TEST_MODEL_DIR});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto captured = nlohmann::json::parse(result.out);
    EXPECT_EQ(captured["fields"]["format"], "TD3");
    EXPECT_EQ(captured["fields"]["surname"], "DE JONG");
    EXPECT_TRUE(std::filesystem::exists(out));
}

TEST_F(CameraCommandTest, AReplayWithoutAGoodPageCapturesNothing) {
    const auto out = dir_ / "page.jpg";
    const ProcessResult result = runProcess(
        BALIE_CLI_PATH, {"camera", "capture", "--replay", recording("td3-easy.jpg", 1).string(),
                         "--out", out.string(), "--model", BALIE_TEST_MODEL_DIR});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.err.find("nothing captured"), std::string::npos) << result.err;
    EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(CameraCommandTest, CaptureNeedsAnOutputFile) {
    const ProcessResult result = runProcess(BALIE_CLI_PATH, {"camera", "capture"});
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.err, "balie: camera capture needs --out FILE\n");
}

}  // namespace
}  // namespace balie::test
