// SPDX-License-Identifier: GPL-3.0-or-later
// dlopen of the video module by absolute path, never through the library search path.
#include "video_module.h"

#include <dlfcn.h>

#include <string>
#include <system_error>

namespace balie::drivers::camera {
namespace {

core::Error moduleMissing(const std::string& why) {
    return core::Error{core::Errc::Camera, "video replay needs balie's video module: " + why};
}

}  // namespace

void ModuleVideo::Unload::operator()(void* handle) const {
    ::dlclose(handle);
}

std::vector<std::filesystem::path> videoModuleCandidates() {
    std::vector<std::filesystem::path> candidates;
    std::error_code error;
    const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        candidates.push_back(program.parent_path() / kVideoModuleFile);
    }
    candidates.emplace_back(BALIE_REPLAY_VIDEO_BUILD_MODULE);
    candidates.emplace_back(BALIE_REPLAY_VIDEO_INSTALL_MODULE);
    return candidates;
}

core::Result<ModuleVideo> openModuleVideo(const std::filesystem::path& path,
                                          const std::vector<std::filesystem::path>& candidates) {
    std::string searched;
    for (const auto& candidate : candidates) {
        std::error_code error;
        if (!std::filesystem::is_regular_file(candidate, error)) {
            searched += (searched.empty() ? "" : ", ") + candidate.string();
            continue;
        }
        std::unique_ptr<void, ModuleVideo::Unload> module(
            ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL));
        if (!module) {
            const char* why = ::dlerror();
            return tl::unexpected(moduleMissing(why != nullptr ? why : candidate.string()));
        }
        auto* open = reinterpret_cast<OpenVideoFunction>(::dlsym(module.get(), kOpenVideoSymbol));
        if (open == nullptr) {
            return tl::unexpected(
                moduleMissing(candidate.string() + " has no " + kOpenVideoSymbol));
        }
        std::unique_ptr<VideoFile> file(open(path.c_str()));
        if (!file) {
            return core::fail(core::Errc::InvalidFormat,
                              "cannot play " + path.string() + " as a video");
        }
        return ModuleVideo(std::move(module), std::move(file));
    }
    return tl::unexpected(
        moduleMissing(std::string(kVideoModuleFile) + " not found (looked for " + searched + ")"));
}

}  // namespace balie::drivers::camera
