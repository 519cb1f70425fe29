// SPDX-License-Identifier: GPL-3.0-or-later
// balie-kiosk: the touchscreen program. Reads its command line and configuration, then runs the
// kiosk until its window closes.
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "balie/sync/client/http_client.h"
#include "balie/ui/kiosk.h"
#include "demo_environment.h"
#include "kiosk_services.h"

namespace {

constexpr int kExitUsage = 2;
constexpr std::string_view kUsage =
    "usage: balie-kiosk [--demo] [--config FILE] [--window WIDTHxHEIGHT]\n"
    "                   [--screenshot-dir DIR] [--script FILE]\n";

int usageError(std::string_view message) {
    std::cerr << "balie-kiosk: " << message << '\n' << kUsage;
    return kExitUsage;
}

std::optional<balie::ui::Size> parseSize(std::string_view text) {
    std::size_t x = text.find('x');
    if (x == std::string_view::npos) {
        return std::nullopt;
    }
    balie::ui::Size size;
    auto parse = [](std::string_view part, int& value) {
        auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        return error == std::errc() && end == part.data() + part.size() && value >= 320 &&
               value <= 16384;
    };
    if (!parse(text.substr(0, x), size.width) || !parse(text.substr(x + 1), size.height)) {
        return std::nullopt;
    }
    return size;
}

// Tesseract's OpenMP runtime (libgomp) reads OMP_THREAD_LIMIT once, while it loads, before main
// runs: setting it here is too late for this process image, so the program starts itself again
// with it set. Without the limit, OCR threads would fight the UI for a small kiosk's cores.
void runWithOneOpenMpThread(char** argv) {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr) {
        return;
    }
    ::setenv("OMP_THREAD_LIMIT", "1", 1);
    ::execv("/proc/self/exe", argv);
    std::cerr << "balie-kiosk: cannot start again with OMP_THREAD_LIMIT=1: " << std::strerror(errno)
              << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    runWithOneOpenMpThread(argv);
    std::vector<std::string_view> args(argv + 1, argv + argc);
    balie::ui::KioskOptions options;
    std::optional<std::string_view> configFile;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view arg = args[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            return 0;
        }
        if (arg == "--demo") {
            options.demo = true;
            continue;
        }
        if (arg != "--config" && arg != "--window" && arg != "--screenshot-dir" &&
            arg != "--script") {
            return usageError("unknown argument '" + std::string(arg) + "'");
        }
        if (i + 1 == args.size()) {
            return usageError(std::string(arg) + " needs a value");
        }
        std::string_view value = args[++i];
        if (arg == "--config") {
            configFile = value;
        } else if (arg == "--window") {
            options.windowSize = parseSize(value);
            if (!options.windowSize) {
                return usageError("--window needs WIDTHxHEIGHT, each 320 to 16384 pixels");
            }
        } else if (arg == "--screenshot-dir") {
            options.screenshotDir = std::filesystem::path(value);
        } else {
            options.script = std::filesystem::path(value);
        }
    }
    if (configFile) {
        auto config = balie::ui::loadKioskConfig(std::filesystem::path(*configFile));
        if (!config.has_value()) {
            std::cerr << "balie-kiosk: " << config.error().message << '\n';
            return kExitUsage;
        }
        options.config = std::move(*config);
    }
    balie::sync::client::initCurl();
    try {
        // Declared first, so it outlives everything that talks to its card reader.
        std::unique_ptr<balie::app::DemoEnvironment> demo;
        if (options.demo) {
            auto started =
                balie::app::DemoEnvironment::start(balie::app::DemoPaths::find(), std::cerr);
            if (!started.has_value()) {
                std::cerr << "balie-kiosk: demo: " << started.error().message << '\n';
                return 1;
            }
            demo = std::move(*started);
            options.config = demo->configure(std::move(options.config));
            options.demoKey = demo->digitalKey();
        }
        auto services = balie::app::openServices(options.config);
        if (!services.has_value()) {
            std::cerr << "balie-kiosk: " << services.error().message << '\n';
            return 1;
        }
        return balie::ui::runKiosk(options, (*services)->view(), std::cout, std::cerr);
    } catch (const std::exception& error) {
        // Only a bug gets here: the kiosk reports failures as values.
        std::cerr << "balie-kiosk: internal error: " << error.what() << '\n';
        return 70;
    }
}
