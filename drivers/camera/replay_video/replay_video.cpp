// SPDX-License-Identifier: GPL-3.0-or-later
// balie_replay_video: video files played with OpenCV's videoio, behind video_file.h.
#include <exception>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "cv_image.h"
#include "video_file.h"

namespace balie::drivers::camera {
namespace {

// Turns a decoded frame of any channel count into Bgr24.
core::Image bgrOf(const cv::Mat& decoded) {
    if (decoded.channels() == 3) {
        return toBgrImage(decoded);
    }
    cv::Mat bgr;
    cv::cvtColor(decoded, bgr, decoded.channels() == 4 ? cv::COLOR_BGRA2BGR : cv::COLOR_GRAY2BGR);
    return toBgrImage(bgr);
}

class OpenCvVideoFile final : public VideoFile {
public:
    explicit OpenCvVideoFile(std::string path) : path_(std::move(path)) {}

    // FFmpeg reads the usual files, OpenCV's own reader its MJPEG AVI files; other backends
    // (GStreamer, image sequences) are left out: they would read a file name as a pipeline or a
    // pattern.
    bool rewind() override {
        try {
            for (const int backend : {cv::CAP_FFMPEG, cv::CAP_OPENCV_MJPEG}) {
                if (capture_.open(path_, backend) && capture_.isOpened()) {
                    return true;
                }
            }
        } catch (const std::exception&) {
            // Reported as a file that cannot be played.
        }
        return false;
    }

    core::Result<core::Image> nextFrame() override {
        try {
            cv::Mat decoded;
            if (!capture_.read(decoded) || decoded.empty()) {
                return core::fail(core::Errc::NotFound, "end of the video");
            }
            return bgrOf(decoded);
        } catch (const std::exception& exception) {
            return core::fail(core::Errc::InvalidFormat, exception.what());
        }
    }

private:
    std::string path_;
    cv::VideoCapture capture_;
};

}  // namespace
}  // namespace balie::drivers::camera

extern "C" balie::drivers::camera::VideoFile* balie_replay_video_open(const char* path);
static_assert(
    std::is_same_v<decltype(&balie_replay_video_open), balie::drivers::camera::OpenVideoFunction>);

extern "C" balie::drivers::camera::VideoFile* balie_replay_video_open(const char* path) {
    try {
        auto file = std::make_unique<balie::drivers::camera::OpenCvVideoFile>(path);
        return file->rewind() ? file.release() : nullptr;
    } catch (const std::exception&) {
        return nullptr;
    }
}
