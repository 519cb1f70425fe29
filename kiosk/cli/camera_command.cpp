// SPDX-License-Identifier: GPL-3.0-or-later
// `balie camera list [--json]` and `balie camera capture [--device ID|--replay PATH] --out FILE`:
// the cameras of this machine, and one page captured as the kiosk captures it.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "balie/drivers/camera/camera.h"
#include "balie/drivers/camera/replay_source.h"
#include "balie/drivers/vision/document_scanner.h"
#include "command_line.h"
#include "mrz_json.h"
#include "vision_json.h"

namespace balie::cli {
namespace {

using namespace std::chrono_literals;

constexpr auto kFrameTimeout = 2s;

struct CaptureArguments {
    bool json = false;
    std::string device;
    std::optional<std::filesystem::path> replay;
    std::filesystem::path out;
    std::chrono::milliseconds timeout = 30s;
    std::optional<std::filesystem::path> model;
};

core::Result<CaptureArguments> parseCaptureArguments(std::span<const std::string_view> args) {
    CaptureArguments parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        const bool hasValue = i + 1 < args.size();
        if (arg == "--json") {
            parsed.json = true;
        } else if (arg == "--device" && hasValue) {
            parsed.device = std::string(args[++i]);
        } else if (arg == "--replay" && hasValue) {
            parsed.replay = std::filesystem::path(args[++i]);
        } else if (arg == "--out" && hasValue) {
            parsed.out = std::filesystem::path(args[++i]);
        } else if (arg == "--model" && hasValue) {
            parsed.model = std::filesystem::path(args[++i]);
        } else if (arg == "--timeout" && hasValue) {
            const std::string seconds(args[++i]);
            char* end = nullptr;
            const double value = std::strtod(seconds.c_str(), &end);
            if (end == seconds.c_str() || *end != '\0' || !(value > 0.0) || value > 3600.0) {
                return core::fail(core::Errc::InvalidArgument,
                                  "camera capture: --timeout takes seconds, up to 3600");
            }
            parsed.timeout = std::chrono::milliseconds(static_cast<long>(value * 1000.0));
        } else {
            return core::fail(
                core::Errc::InvalidArgument,
                "camera capture: unknown or incomplete option '" + std::string(arg) + "'");
        }
    }
    if (parsed.out.empty()) {
        return core::fail(core::Errc::InvalidArgument, "camera capture needs --out FILE");
    }
    if (parsed.replay.has_value() && !parsed.device.empty()) {
        return core::fail(core::Errc::InvalidArgument,
                          "camera capture takes --device or --replay, not both");
    }
    return parsed;
}

core::Result<std::unique_ptr<core::FrameSource>> openSource(const CaptureArguments& arguments) {
    if (arguments.replay.has_value()) {
        return drivers::camera::makeReplaySource(*arguments.replay, {.loop = false});
    }
    return drivers::camera::openCamera(arguments.device);
}

bool writeFile(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
    file.close();
    return static_cast<bool>(file);
}

void report(Io io, const CaptureArguments& arguments,
            const drivers::vision::CapturedDocument& captured) {
    if (arguments.json) {
        io.out << nlohmann::json{{"file", arguments.out.string()},
                                 {"width", captured.jpeg.width},
                                 {"height", captured.jpeg.height},
                                 {"mrz", captured.mrz.has_value()
                                             ? nlohmann::json(captured.mrz->lines)
                                             : nlohmann::json(nullptr)},
                                 {"agreement", captured.agreement},
                                 {"fields", captured.mrz.has_value() ? mrzToJson(*captured.mrz)
                                                                     : nlohmann::json(nullptr)}}
                      .dump()
               << '\n';
        return;
    }
    io.out << "captured " << captured.jpeg.width << 'x' << captured.jpeg.height << " to "
           << arguments.out.string() << '\n';
    if (captured.mrz.has_value()) {
        io.out << "MRZ agreed by " << captured.agreement << " frames:\n";
        for (const std::string& line : captured.mrz->lines) {
            io.out << "  " << line << '\n';
        }
    } else {
        io.out << "no MRZ confirmed: the fields must be typed\n";
    }
}

}  // namespace

int cameraList(std::span<const std::string_view> args, Io io) {
    CommandLine commandLine(args, {"--json"});
    if (!commandLine.unknownFlag().empty()) {
        return usageError(
            io.err, "camera list: unknown option '" + std::string(commandLine.unknownFlag()) + "'");
    }
    if (!commandLine.positional().empty()) {
        return usageError(io.err, "camera list takes no arguments");
    }
    const std::vector<core::CameraInfo> cameras = drivers::camera::listCameras();
    if (commandLine.has("--json")) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& camera : cameras) {
            list.push_back({{"id", camera.id}, {"name", camera.name}});
        }
        io.out << list.dump() << '\n';
    } else if (cameras.empty()) {
        io.out << "no camera found\n";
    } else {
        for (const auto& camera : cameras) {
            io.out << camera.id << "  " << camera.name << '\n';
        }
    }
    return kExitOk;
}

int cameraCapture(std::span<const std::string_view> args, Io io) {
    auto arguments = parseCaptureArguments(args);
    if (!arguments.has_value()) {
        return usageError(io.err, arguments.error().message);
    }
    auto source = openSource(*arguments);
    if (!source.has_value()) {
        return usageError(io.err, "camera capture: " + source.error().message);
    }
    if (auto started = (*source)->start(); !started.has_value()) {
        return usageError(io.err, "camera capture: " + started.error().message);
    }
    auto scanner = drivers::vision::DocumentScanner::create(
        arguments->model.value_or(drivers::vision::installedModelDirectory()));
    if (!scanner.has_value()) {
        return usageError(io.err, "camera capture: " + scanner.error().message);
    }
    const auto deadline = std::chrono::steady_clock::now() + arguments->timeout;
    std::string lastProblem = "no good, steady document was seen";
    while (std::chrono::steady_clock::now() < deadline) {
        auto frame = (*source)->nextFrame(kFrameTimeout);
        if (!frame.has_value()) {
            if (frame.error().code == core::Errc::NotFound) {
                lastProblem = "the recording ended before a good, steady document was seen";
                break;
            }
            // Undecodable frames are skipped; an unplugged camera may come back before the end.
            io.err << "balie: camera capture: " << frame.error().message << '\n';
            continue;
        }
        auto scanned = scanner->scan(*frame);
        if (!scanned.has_value()) {
            io.err << "balie: camera capture: " << scanned.error().message << '\n';
            continue;
        }
        if (!scanned->quality.issues.empty()) {
            lastProblem =
                std::string(drivers::vision::qualityIssueText(scanned->quality.issues.front()));
        }
        if (scanned->capture.has_value()) {
            if (!writeFile(arguments->out, scanned->capture->jpeg.encoded)) {
                return usageError(io.err,
                                  "camera capture: cannot write " + arguments->out.string());
            }
            report(io, *arguments, *scanned->capture);
            return kExitOk;
        }
    }
    io.err << "balie: camera capture: nothing captured: " << lastProblem << '\n';
    return kExitInvalid;
}

}  // namespace balie::cli
