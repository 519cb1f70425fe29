// SPDX-License-Identifier: GPL-3.0-or-later
// `balie ocr [--json] [--model DIR] IMAGE...`: reads the machine readable zone of still images and
// says how good each picture is.
#include <chrono>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "balie/drivers/vision/document_scanner.h"
#include "balie/drivers/vision/image_file.h"
#include "balie/drivers/vision/mrz_reader.h"
#include "command_line.h"
#include "vision_json.h"

namespace balie::cli {
namespace {

struct OcrArguments {
    bool json = false;
    std::optional<std::filesystem::path> model;
    std::vector<std::string> images;
};

core::Result<OcrArguments> parseArguments(std::span<const std::string_view> args) {
    OcrArguments parsed;
    bool onlyImages = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (onlyImages || !arg.starts_with("--")) {
            parsed.images.emplace_back(arg);
        } else if (arg == "--") {
            onlyImages = true;
        } else if (arg == "--json") {
            parsed.json = true;
        } else if (arg == "--model" && i + 1 < args.size()) {
            parsed.model = std::filesystem::path(args[++i]);
        } else {
            return core::fail(core::Errc::InvalidArgument,
                              "ocr: unknown option '" + std::string(arg) + "'");
        }
    }
    if (parsed.images.empty()) {
        return core::fail(core::Errc::InvalidArgument, "ocr needs at least one IMAGE");
    }
    return parsed;
}

void printText(std::ostream& out, const std::string& file,
               const drivers::vision::StillReading& still) {
    out << file << ": ";
    if (!still.reading.has_value()) {
        out << "no machine readable zone found\n";
    } else if (still.reading->valid()) {
        out << "valid " << core::mrzFormatName(still.reading->mrz->format) << " zone"
            << (still.reading->upsideDown ? " (upside down)" : "") << '\n';
    } else {
        out << (still.reading->mrz.has_value() ? "zone read, but a check digit fails"
                                               : "zone found, but not read as an MRZ")
            << '\n';
    }
    if (still.reading.has_value()) {
        for (const std::string& line : still.reading->lines) {
            out << "  " << line << '\n';
        }
    }
    for (const auto issue : still.quality.issues) {
        out << "  - " << drivers::vision::qualityIssueText(issue) << '\n';
    }
}

}  // namespace

int ocrRead(std::span<const std::string_view> args, Io io) {
    auto arguments = parseArguments(args);
    if (!arguments.has_value()) {
        return usageError(io.err, arguments.error().message);
    }
    auto reader = drivers::vision::MrzReader::create(
        arguments->model.value_or(drivers::vision::installedModelDirectory()));
    if (!reader.has_value()) {
        return usageError(io.err, "ocr: " + reader.error().message);
    }
    bool allValid = true;
    bool unreadable = false;
    for (const std::string& file : arguments->images) {
        const auto began = std::chrono::steady_clock::now();
        auto image = drivers::vision::loadImageFile(file);
        auto still =
            image.has_value()
                ? drivers::vision::readStill(*reader, *image)
                : core::Result<drivers::vision::StillReading>(tl::unexpected(image.error()));
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - began);
        if (!still.has_value()) {
            io.err << "balie: ocr: " << still.error().message << '\n';
            unreadable = true;
            allValid = false;
            if (arguments->json) {
                io.out << nlohmann::json{{"file", file},
                                         {"mrz", nullptr},
                                         {"valid", false},
                                         {"fields", nullptr},
                                         {"quality", nullptr},
                                         {"error", still.error().message},
                                         {"elapsed_ms", elapsed.count()}}
                              .dump()
                       << '\n';
            }
            continue;
        }
        const bool valid = still->reading.has_value() && still->reading->valid();
        allValid = allValid && valid;
        if (arguments->json) {
            nlohmann::json object = {{"file", file}};
            addReadingToJson(object, still->reading);
            object["agreement"] = still->agreement;
            object["quality"] = qualityToJson(still->quality);
            object["elapsed_ms"] = elapsed.count();
            io.out << object.dump() << '\n';
        } else {
            printText(io.out, file, *still);
        }
    }
    if (unreadable) {
        return kExitUsage;
    }
    return allValid ? kExitOk : kExitInvalid;
}

}  // namespace balie::cli
