// SPDX-License-Identifier: GPL-3.0-or-later
// ReplaySource: image folders and video files played back as a camera would stream them.
#include "balie/drivers/camera/replay_source.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "cv_image.h"

namespace balie::drivers::camera {
namespace {

using Clock = std::chrono::steady_clock;

// Turns a decoded frame of any channel count into Bgr24.
core::Image bgrOf(const cv::Mat& decoded) {
    if (decoded.channels() == 3) {
        return toBgrImage(decoded);
    }
    cv::Mat bgr;
    cv::cvtColor(decoded, bgr, decoded.channels() == 4 ? cv::COLOR_BGRA2BGR : cv::COLOR_GRAY2BGR);
    return toBgrImage(bgr);
}

class ReplaySource final : public core::FrameSource {
public:
    ReplaySource(std::filesystem::path path, ReplayOptions options)
        : path_(std::move(path)), options_(options) {}

    core::Result<void> start() override {
        stop();
        std::error_code error;
        if (std::filesystem::is_directory(path_, error)) {
            for (const auto& entry : std::filesystem::directory_iterator(path_, error)) {
                if (entry.is_regular_file(error)) {
                    files_.push_back(entry.path());
                }
            }
            if (error) {
                return core::fail(core::Errc::NotFound,
                                  "cannot list " + path_.string() + ": " + error.message());
            }
            if (files_.empty()) {
                return core::fail(core::Errc::NotFound, "no images in " + path_.string());
            }
            std::sort(files_.begin(), files_.end());
        } else if (std::filesystem::is_regular_file(path_, error)) {
            video_.emplace();
            if (!openVideo()) {
                video_.reset();
                return core::fail(core::Errc::InvalidFormat,
                                  "cannot play " + path_.string() + " as a video");
            }
        } else {
            return core::fail(core::Errc::NotFound, "no such folder or video: " + path_.string());
        }
        started_ = true;
        due_ = Clock::now();
        return {};
    }

    core::Result<core::Image> nextFrame(std::chrono::milliseconds /*timeout*/) override {
        if (!started_) {
            return core::fail(core::Errc::InvalidState, "the replay is not started");
        }
        keepPace();
        try {
            return video_.has_value() ? nextVideoFrame() : nextFileFrame();
        } catch (const std::exception& exception) {
            return core::fail(
                core::Errc::InvalidFormat,
                "cannot decode a frame of " + path_.string() + ": " + exception.what());
        }
    }

    void stop() override {
        started_ = false;
        files_.clear();
        next_ = 0;
        shown_.reset();
        timesShown_ = 0;
        video_.reset();
    }

    std::string description() const override { return "replay of " + path_.string(); }

private:
    // FFmpeg reads the usual files, OpenCV's own reader its MJPEG AVI files; other backends
    // (GStreamer, image sequences) are left out: they would read a file name as a pipeline or a
    // pattern.
    bool openVideo() {
        for (const int backend : {cv::CAP_FFMPEG, cv::CAP_OPENCV_MJPEG}) {
            if (video_->open(path_.string(), backend) && video_->isOpened()) {
                return true;
            }
        }
        return false;
    }

    // Waits until the next frame is due, as a camera delivers at its own rate.
    void keepPace() {
        if (options_.framesPerSecond <= 0.0) {
            return;
        }
        std::this_thread::sleep_until(due_);
        const auto period = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(1.0 / options_.framesPerSecond));
        due_ = std::max(due_ + period, Clock::now());
    }

    int framesPerImage() const {
        const double frames = options_.framesPerSecond * options_.secondsPerImage;
        return std::max(1, static_cast<int>(frames + 0.5));
    }

    core::Result<core::Image> nextFileFrame() {
        if (shown_ && timesShown_ < framesPerImage()) {
            ++timesShown_;
            return *shown_;
        }
        if (next_ == files_.size()) {
            if (!options_.loop) {
                return core::fail(core::Errc::NotFound, "end of " + path_.string());
            }
            next_ = 0;
        }
        const std::filesystem::path& file = files_[next_++];
        const cv::Mat decoded = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
        if (decoded.empty() || decoded.depth() != CV_8U) {
            return core::fail(core::Errc::InvalidFormat,
                              "skipped " + file.string() + ": not an image");
        }
        shown_ = bgrOf(decoded);
        timesShown_ = 1;
        return *shown_;
    }

    core::Result<core::Image> nextVideoFrame() {
        cv::Mat decoded;
        if (!video_->read(decoded) || decoded.empty()) {
            // The end of the file; a video without any frame must not loop for ever.
            if (!options_.loop || !playedAFrame_ || !openVideo() || !video_->read(decoded) ||
                decoded.empty()) {
                return core::fail(core::Errc::NotFound, "end of " + path_.string());
            }
        }
        playedAFrame_ = true;
        return bgrOf(decoded);
    }

    std::filesystem::path path_;
    ReplayOptions options_;
    bool started_ = false;
    std::vector<std::filesystem::path> files_;
    std::size_t next_ = 0;
    std::optional<core::Image> shown_;  ///< the image in front of the camera now
    int timesShown_ = 0;
    std::optional<cv::VideoCapture> video_;
    bool playedAFrame_ = false;
    Clock::time_point due_;
};

}  // namespace

std::unique_ptr<core::FrameSource> makeReplaySource(const std::filesystem::path& path,
                                                    ReplayOptions options) {
    return std::make_unique<ReplaySource>(path, options);
}

}  // namespace balie::drivers::camera
