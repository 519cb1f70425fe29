// SPDX-License-Identifier: GPL-3.0-or-later
// libcamera capture: one shared camera manager, a viewfinder stream, requests recycled as frames
// are taken.
#include "balie/drivers/camera/libcamera_source.h"

#include <libcamera/libcamera.h>
#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "unique_fd.h"

namespace balie::drivers::camera {
namespace {

constexpr unsigned kPreferredWidth = 1280;
constexpr unsigned kPreferredHeight = 720;

// libcamera allows one manager per process: share it between listing and streaming.
std::shared_ptr<libcamera::CameraManager> sharedManager() {
    static std::mutex mutex;
    static std::weak_ptr<libcamera::CameraManager> shared;
    const std::lock_guard lock(mutex);
    if (auto manager = shared.lock()) {
        return manager;
    }
    // Its informational log lines would bury the product's own messages, unless asked for.
    if (std::getenv("LIBCAMERA_LOG_LEVELS") == nullptr) {
        libcamera::logSetTarget(libcamera::LoggingTargetNone);
    }
    auto manager = std::make_shared<libcamera::CameraManager>();
    if (manager->start() != 0) {
        return nullptr;
    }
    shared = manager;
    return manager;
}

std::string cameraName(const libcamera::Camera& camera) {
    const auto model = camera.properties().get(libcamera::properties::Model);
    return model.has_value() ? *model : camera.id();
}

class LibcameraSource final : public core::FrameSource {
public:
    explicit LibcameraSource(std::string id) : id_(std::move(id)) {}
    ~LibcameraSource() override { stop(); }

    core::Result<void> start() override {
        stop();
        manager_ = sharedManager();
        if (manager_ == nullptr) {
            return core::fail(core::Errc::Camera, "libcamera cannot start");
        }
        camera_ = id_.empty() ? (manager_->cameras().empty() ? nullptr : manager_->cameras()[0])
                              : manager_->get(id_);
        if (camera_ == nullptr) {
            return core::fail(core::Errc::NotFound,
                              id_.empty() ? "no camera: libcamera finds none"
                                          : "no camera: libcamera has no camera " + id_);
        }
        if (camera_->acquire() != 0) {
            camera_.reset();
            return core::fail(core::Errc::Camera, "the camera is in use by another program");
        }
        auto configured = configure();
        if (!configured.has_value()) {
            stop();
        }
        return configured;
    }

    core::Result<core::Image> nextFrame(std::chrono::milliseconds timeout) override {
        if (camera_ == nullptr) {
            return core::fail(core::Errc::InvalidState, "the camera is not started");
        }
        std::unique_lock lock(mutex_);
        if (!ready_.wait_for(lock, timeout, [this] { return !completed_.empty() || unplugged_; })) {
            return tl::unexpected(
                core::Error{core::Errc::Camera, "no frame from the camera in time", ETIMEDOUT});
        }
        if (unplugged_) {
            lock.unlock();
            stop();
            return core::fail(core::Errc::Camera, "the camera was disconnected");
        }
        libcamera::Request* request = completed_.front();
        completed_.pop_front();
        lock.unlock();
        core::Image image = copyFrame(*request);
        request->reuse(libcamera::Request::ReuseBuffers);
        camera_->queueRequest(request);
        if (!image.isWellFormed()) {
            return core::fail(core::Errc::InvalidFormat, "a short frame was skipped");
        }
        return image;
    }

    void stop() override {
        if (camera_ != nullptr) {
            if (started_) {
                camera_->stop();
                started_ = false;
            }
            camera_->requestCompleted.disconnect(this);
            camera_->disconnected.disconnect(this);
            requests_.clear();
            mappings_.clear();
            allocator_.reset();
            camera_->release();
            camera_.reset();
        }
        const std::lock_guard lock(mutex_);
        completed_.clear();
        unplugged_ = false;
    }

    std::string description() const override {
        return "libcamera " + (id_.empty() ? std::string("camera") : id_);
    }

private:
    core::Result<void> configure() {
        config_ = camera_->generateConfiguration({libcamera::StreamRole::Viewfinder});
        if (config_ == nullptr || config_->empty()) {
            return core::fail(core::Errc::Camera, "the camera offers no video stream");
        }
        libcamera::StreamConfiguration& stream = config_->at(0);
        // libcamera's RGB888 is stored blue, green, red: Bgr24.
        stream.pixelFormat = libcamera::formats::RGB888;
        stream.size = {kPreferredWidth, kPreferredHeight};
        if (config_->validate() == libcamera::CameraConfiguration::Invalid ||
            stream.pixelFormat != libcamera::formats::RGB888) {
            return core::fail(core::Errc::Camera, "the camera cannot deliver RGB frames");
        }
        if (camera_->configure(config_.get()) != 0) {
            return core::fail(core::Errc::Camera, "the camera refuses its configuration");
        }
        allocator_ = std::make_unique<libcamera::FrameBufferAllocator>(camera_);
        if (allocator_->allocate(stream.stream()) < 0) {
            return core::fail(core::Errc::Camera, "cannot allocate frame buffers");
        }
        for (const auto& buffer : allocator_->buffers(stream.stream())) {
            const libcamera::FrameBuffer::Plane& plane = buffer->planes()[0];
            const std::size_t length = plane.offset + plane.length;
            void* address = ::mmap(nullptr, length, PROT_READ, MAP_SHARED, plane.fd.get(), 0);
            if (address == MAP_FAILED) {
                return core::fail(core::Errc::Camera, "cannot map a frame buffer");
            }
            mappings_.emplace(buffer.get(), Mapping(address, length));
            std::unique_ptr<libcamera::Request> request = camera_->createRequest();
            if (request == nullptr || request->addBuffer(stream.stream(), buffer.get()) != 0) {
                return core::fail(core::Errc::Camera, "cannot prepare a capture request");
            }
            requests_.push_back(std::move(request));
        }
        camera_->requestCompleted.connect(this, &LibcameraSource::completed);
        camera_->disconnected.connect(this, &LibcameraSource::disconnected);
        if (camera_->start() != 0) {
            return core::fail(core::Errc::Camera, "the camera does not start");
        }
        started_ = true;
        for (const auto& request : requests_) {
            camera_->queueRequest(request.get());
        }
        return {};
    }

    // Called on libcamera's thread.
    void completed(libcamera::Request* request) {
        if (request->status() == libcamera::Request::RequestCancelled) {
            return;
        }
        const std::lock_guard lock(mutex_);
        completed_.push_back(request);
        ready_.notify_one();
    }

    void disconnected() {
        const std::lock_guard lock(mutex_);
        unplugged_ = true;
        ready_.notify_one();
    }

    core::Image copyFrame(libcamera::Request& request) const {
        const libcamera::StreamConfiguration& stream = config_->at(0);
        libcamera::FrameBuffer* buffer = request.buffers().begin()->second;
        const Mapping& mapping = mappings_.at(buffer);
        const libcamera::FrameBuffer::Plane& plane = buffer->planes()[0];
        core::Image image;
        image.width = static_cast<int>(stream.size.width);
        image.height = static_cast<int>(stream.size.height);
        image.stride = static_cast<int>(stream.stride);
        image.format = core::PixelFormat::Bgr24;
        const auto* first = reinterpret_cast<const std::uint8_t*>(mapping.data()) + plane.offset;
        const std::size_t used =
            std::min<std::size_t>(buffer->metadata().planes()[0].bytesused, plane.length);
        image.bytes.assign(first, first + used);
        return image;
    }

    std::string id_;
    std::shared_ptr<libcamera::CameraManager> manager_;
    std::shared_ptr<libcamera::Camera> camera_;
    std::unique_ptr<libcamera::CameraConfiguration> config_;
    std::unique_ptr<libcamera::FrameBufferAllocator> allocator_;
    std::map<const libcamera::FrameBuffer*, Mapping> mappings_;
    std::vector<std::unique_ptr<libcamera::Request>> requests_;
    bool started_ = false;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<libcamera::Request*> completed_;
    bool unplugged_ = false;
};

}  // namespace

bool libcameraAvailable() {
    return true;
}

core::Result<std::vector<core::CameraInfo>> listLibcameraCameras() {
    const auto manager = sharedManager();
    if (manager == nullptr) {
        return core::fail(core::Errc::Camera, "libcamera cannot start");
    }
    std::vector<core::CameraInfo> cameras;
    for (const auto& camera : manager->cameras()) {
        cameras.push_back({"libcamera:" + camera->id(), cameraName(*camera)});
    }
    return cameras;
}

std::unique_ptr<core::FrameSource> makeLibcameraSource(std::string id) {
    return std::make_unique<LibcameraSource>(std::move(id));
}

}  // namespace balie::drivers::camera
