// SPDX-License-Identifier: GPL-3.0-or-later
// V4L2 capture: query, pick a format, map buffers, stream, and reopen a device that came back.
#include "balie/drivers/camera/v4l2_source.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <linux/videodev2.h>

#include "balie/drivers/image_codec/image_codec.h"
#include "unique_fd.h"

namespace balie::drivers::camera {
namespace {

constexpr int kPreferredWidth = 1280;
constexpr int kPreferredHeight = 720;
constexpr unsigned kBufferCount = 4;

// ioctl() retried when a signal interrupts it.
int xioctl(int fd, unsigned long request, void* argument) {
    int result = 0;
    do {
        result = ::ioctl(fd, request, argument);
    } while (result == -1 && errno == EINTR);
    return result;
}

std::string errnoText(int error) {
    return std::system_category().message(error);
}

core::Error cameraError(const std::string& what, int error) {
    return core::Error{core::Errc::Camera, what + ": " + errnoText(error), error};
}

std::string cardName(const v4l2_capability& capability) {
    const auto* card = reinterpret_cast<const char*>(capability.card);
    return std::string(card, strnlen(card, sizeof capability.card));
}

// The capabilities of the device behind the open descriptor, or why it is not a capture device.
core::Result<v4l2_capability> captureCapability(int fd, const std::string& path) {
    v4l2_capability capability{};
    if (xioctl(fd, VIDIOC_QUERYCAP, &capability) == -1) {
        return core::fail(core::Errc::NotFound, path + " is not a video device");
    }
    const std::uint32_t caps = (capability.capabilities & V4L2_CAP_DEVICE_CAPS) != 0
                                   ? capability.device_caps
                                   : capability.capabilities;
    if ((caps & V4L2_CAP_VIDEO_CAPTURE) == 0) {
        return core::fail(core::Errc::NotFound, path + " does not capture video");
    }
    if ((caps & V4L2_CAP_STREAMING) == 0) {
        return core::fail(core::Errc::Camera, path + " cannot stream");
    }
    return capability;
}

core::Result<UniqueFd> openDevice(const std::filesystem::path& path) {
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC));
    if (!fd.valid()) {
        const int error = errno;
        if (error == ENOENT || error == ENODEV || error == ENXIO) {
            return core::fail(core::Errc::NotFound, "no camera at " + path.string());
        }
        return tl::unexpected(cameraError("cannot open " + path.string(), error));
    }
    return fd;
}

class V4l2Source final : public core::FrameSource {
public:
    explicit V4l2Source(std::filesystem::path path) : path_(std::move(path)) {}
    ~V4l2Source() override { stop(); }

    core::Result<void> start() override {
        stop();
        wanted_ = true;
        return open();
    }

    core::Result<core::Image> nextFrame(std::chrono::milliseconds timeout) override {
        if (!wanted_) {
            return core::fail(core::Errc::InvalidState, "the camera is not started");
        }
        if (!fd_.valid()) {
            // Unplugged earlier: try again, quietly failing while it is still away.
            if (auto reopened = open(); !reopened.has_value()) {
                return core::fail(core::Errc::Camera,
                                  "the camera " + path_.string() + " is not connected");
            }
        }
        auto frame = grab(timeout);
        if (!frame.has_value() && frame.error().native != ETIMEDOUT &&
            frame.error().code == core::Errc::Camera) {
            close();
            return core::fail(core::Errc::Camera,
                              "the camera " + path_.string() + " was disconnected");
        }
        return frame;
    }

    void stop() override {
        wanted_ = false;
        close();
    }

    std::string description() const override { return path_.string(); }

private:
    core::Result<void> open() {
        auto fd = openDevice(path_);
        if (!fd.has_value()) {
            return tl::unexpected(fd.error());
        }
        fd_ = std::move(*fd);
        auto configured = configure();
        if (!configured.has_value()) {
            close();
        }
        return configured;
    }

    core::Result<void> configure() {
        if (auto capability = captureCapability(fd_.get(), path_.string());
            !capability.has_value()) {
            return tl::unexpected(capability.error());
        }
        auto format = chooseFormat();
        if (!format.has_value()) {
            return tl::unexpected(format.error());
        }
        v4l2_requestbuffers request{};
        request.count = kBufferCount;
        request.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        request.memory = V4L2_MEMORY_MMAP;
        if (xioctl(fd_.get(), VIDIOC_REQBUFS, &request) == -1 || request.count == 0) {
            return tl::unexpected(cameraError("cannot get buffers from " + path_.string(), errno));
        }
        for (std::uint32_t index = 0; index < request.count; ++index) {
            v4l2_buffer buffer{};
            buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            buffer.memory = V4L2_MEMORY_MMAP;
            buffer.index = index;
            if (xioctl(fd_.get(), VIDIOC_QUERYBUF, &buffer) == -1) {
                return tl::unexpected(cameraError("cannot query a buffer", errno));
            }
            void* address = ::mmap(nullptr, buffer.length, PROT_READ | PROT_WRITE, MAP_SHARED,
                                   fd_.get(), static_cast<off_t>(buffer.m.offset));
            if (address == MAP_FAILED) {
                return tl::unexpected(cameraError("cannot map a buffer", errno));
            }
            buffers_.emplace_back(address, buffer.length);
            if (xioctl(fd_.get(), VIDIOC_QBUF, &buffer) == -1) {
                return tl::unexpected(cameraError("cannot queue a buffer", errno));
            }
        }
        v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(fd_.get(), VIDIOC_STREAMON, &type) == -1) {
            return tl::unexpected(cameraError("cannot start " + path_.string(), errno));
        }
        streaming_ = true;
        return {};
    }

    // YUYV when offered (no decoding), else MJPEG; the size nearest the preferred one.
    core::Result<void> chooseFormat() {
        std::vector<std::uint32_t> offered;
        v4l2_fmtdesc description{};
        description.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        while (xioctl(fd_.get(), VIDIOC_ENUM_FMT, &description) == 0) {
            offered.push_back(description.pixelformat);
            ++description.index;
        }
        const auto offers = [&offered](std::uint32_t code) {
            return std::find(offered.begin(), offered.end(), code) != offered.end();
        };
        std::uint32_t pixelFormat = 0;
        if (offers(V4L2_PIX_FMT_YUYV)) {
            pixelFormat = V4L2_PIX_FMT_YUYV;
        } else if (offers(V4L2_PIX_FMT_MJPEG)) {
            pixelFormat = V4L2_PIX_FMT_MJPEG;
        } else {
            return core::fail(core::Errc::Camera,
                              path_.string() + " offers neither YUYV nor MJPEG frames");
        }
        v4l2_format format{};
        format.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        format.fmt.pix.width = kPreferredWidth;
        format.fmt.pix.height = kPreferredHeight;
        format.fmt.pix.pixelformat = pixelFormat;
        format.fmt.pix.field = V4L2_FIELD_NONE;
        if (xioctl(fd_.get(), VIDIOC_S_FMT, &format) == -1) {
            return tl::unexpected(cameraError("cannot set the format of " + path_.string(), errno));
        }
        pixelFormat_ = format.fmt.pix.pixelformat;
        width_ = static_cast<int>(format.fmt.pix.width);
        height_ = static_cast<int>(format.fmt.pix.height);
        bytesPerLine_ = static_cast<int>(format.fmt.pix.bytesperline);
        if (bytesPerLine_ == 0) {
            bytesPerLine_ = width_ * 2;
        }
        return {};
    }

    core::Result<core::Image> grab(std::chrono::milliseconds timeout) {
        pollfd waiting{fd_.get(), POLLIN, 0};
        int ready = 0;
        do {
            ready = ::poll(&waiting, 1, static_cast<int>(timeout.count()));
        } while (ready == -1 && errno == EINTR);
        if (ready == 0) {
            return tl::unexpected(core::Error{
                core::Errc::Camera, "no frame from " + path_.string() + " in time", ETIMEDOUT});
        }
        if (ready == -1 || (waiting.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) {
            return tl::unexpected(
                cameraError(path_.string() + " failed", ready == -1 ? errno : ENODEV));
        }
        v4l2_buffer buffer{};
        buffer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        buffer.memory = V4L2_MEMORY_MMAP;
        if (xioctl(fd_.get(), VIDIOC_DQBUF, &buffer) == -1) {
            return tl::unexpected(cameraError("cannot take a frame from " + path_.string(), errno));
        }
        auto image = convert(buffers_.at(buffer.index), buffer.bytesused);
        if (xioctl(fd_.get(), VIDIOC_QBUF, &buffer) == -1) {
            return tl::unexpected(cameraError("cannot give a buffer back", errno));
        }
        return image;
    }

    core::Result<core::Image> convert(const Mapping& mapping, std::uint32_t bytesUsed) const {
        const std::size_t used = std::min<std::size_t>(bytesUsed, mapping.size());
        if (pixelFormat_ == V4L2_PIX_FMT_MJPEG) {
            auto decoded = image_codec::decodeImage(
                std::span(reinterpret_cast<const std::uint8_t*>(mapping.data()), used));
            if (!decoded.has_value()) {
                return core::fail(core::Errc::InvalidFormat,
                                  "a broken MJPEG frame was skipped: " + decoded.error().message);
            }
            return decoded;
        }
        core::Image image;
        image.width = width_;
        image.height = height_;
        image.stride = bytesPerLine_;
        image.format = core::PixelFormat::Yuyv;
        const auto* first = reinterpret_cast<const std::uint8_t*>(mapping.data());
        image.bytes.assign(first, first + used);
        if (!image.isWellFormed()) {
            return core::fail(core::Errc::InvalidFormat, "a short YUYV frame was skipped");
        }
        return image;
    }

    void close() {
        if (streaming_) {
            v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
            xioctl(fd_.get(), VIDIOC_STREAMOFF, &type);
            streaming_ = false;
        }
        buffers_.clear();
        fd_.reset();
    }

    std::filesystem::path path_;
    bool wanted_ = false;
    bool streaming_ = false;
    UniqueFd fd_;
    std::vector<Mapping> buffers_;
    std::uint32_t pixelFormat_ = 0;
    int width_ = 0;
    int height_ = 0;
    int bytesPerLine_ = 0;
};

}  // namespace

std::vector<core::CameraInfo> listV4l2Cameras() {
    std::vector<std::filesystem::path> devices;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/dev", error)) {
        if (entry.path().filename().string().starts_with("video")) {
            devices.push_back(entry.path());
        }
    }
    std::sort(devices.begin(), devices.end());
    std::vector<core::CameraInfo> cameras;
    for (const auto& device : devices) {
        auto fd = openDevice(device);
        if (!fd.has_value()) {
            continue;
        }
        if (auto capability = captureCapability(fd->get(), device.string());
            capability.has_value()) {
            cameras.push_back({"v4l2:" + device.string(), cardName(*capability)});
        }
    }
    return cameras;
}

std::unique_ptr<core::FrameSource> makeV4l2Source(const std::filesystem::path& device) {
    return std::make_unique<V4l2Source>(device);
}

}  // namespace balie::drivers::camera
