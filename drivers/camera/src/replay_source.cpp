// SPDX-License-Identifier: GPL-3.0-or-later
// ReplaySource: image folders and video files played back as a camera would stream them.
#include "balie/drivers/camera/replay_source.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "balie/drivers/image_codec/image_codec.h"
#include "video_module.h"

namespace balie::drivers::camera {
namespace {

using Clock = std::chrono::steady_clock;

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
            auto video = openModuleVideo(path_);
            if (!video.has_value()) {
                return tl::unexpected(video.error());
            }
            video_.emplace(std::move(*video));
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
        return video_.has_value() ? nextVideoFrame() : nextFileFrame();
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
        auto decoded = image_codec::readImageFile(file);
        if (!decoded.has_value()) {
            return core::fail(core::Errc::InvalidFormat, "skipped " + decoded.error().message);
        }
        shown_ = std::move(*decoded);
        timesShown_ = 1;
        return *shown_;
    }

    core::Result<core::Image> nextVideoFrame() {
        auto frame = video_->nextFrame();
        // At the end of the file; a video without any frame must not loop for ever.
        if (!frame.has_value() && frame.error().code == core::Errc::NotFound && options_.loop &&
            playedAFrame_ && video_->rewind()) {
            frame = video_->nextFrame();
        }
        if (!frame.has_value()) {
            if (frame.error().code == core::Errc::NotFound) {
                return core::fail(core::Errc::NotFound, "end of " + path_.string());
            }
            return core::fail(frame.error().code, "cannot decode a frame of " + path_.string() +
                                                      ": " + frame.error().message);
        }
        playedAFrame_ = true;
        return frame;
    }

    std::filesystem::path path_;
    ReplayOptions options_;
    bool started_ = false;
    std::vector<std::filesystem::path> files_;
    std::size_t next_ = 0;
    std::optional<core::Image> shown_;  ///< the image in front of the camera now
    int timesShown_ = 0;
    std::optional<ModuleVideo> video_;
    bool playedAFrame_ = false;
    Clock::time_point due_;
};

}  // namespace

std::unique_ptr<core::FrameSource> makeReplaySource(const std::filesystem::path& path,
                                                    ReplayOptions options) {
    return std::make_unique<ReplaySource>(path, options);
}

}  // namespace balie::drivers::camera
