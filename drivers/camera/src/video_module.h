// SPDX-License-Identifier: GPL-3.0-or-later
// Loading the video module (video_file.h) with dlopen, only when a video file is replayed.
#pragma once

#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

#include "balie/core/error.h"
#include "video_file.h"

namespace balie::drivers::camera {

/// \brief An open video file together with the loaded module that plays it; the module is
/// unloaded after the file is closed.
class ModuleVideo {
public:
    ModuleVideo(ModuleVideo&&) = default;
    // Assigning would unload the old module before closing the old file.
    ModuleVideo& operator=(ModuleVideo&&) = delete;

    core::Result<core::Image> nextFrame() { return file_->nextFrame(); }
    bool rewind() { return file_->rewind(); }

private:
    struct Unload {
        void operator()(void* handle) const;
    };

    ModuleVideo(std::unique_ptr<void, Unload> module, std::unique_ptr<VideoFile> file)
        : module_(std::move(module)), file_(std::move(file)) {}

    friend core::Result<ModuleVideo> openModuleVideo(
        const std::filesystem::path& path, const std::vector<std::filesystem::path>& candidates);

    std::unique_ptr<void, Unload> module_;  ///< declared first: destroyed after file_
    std::unique_ptr<VideoFile> file_;
};

/// \brief Where the module is looked for, in order: next to the running program, in the build
/// tree, in the installed library directory.
std::vector<std::filesystem::path> videoModuleCandidates();

/// \brief \a path opened with the first of \a candidates that exists.
/// \return the video, or Errc::Camera ("video replay needs balie's video module: ...") when no
/// module can be loaded, Errc::InvalidFormat when the module cannot play the file.
core::Result<ModuleVideo> openModuleVideo(
    const std::filesystem::path& path,
    const std::vector<std::filesystem::path>& candidates = videoModuleCandidates());

}  // namespace balie::drivers::camera
