// SPDX-License-Identifier: GPL-3.0-or-later
// balie_vision_benchmark: reads generated camera frames of documents as the kiosk does (several
// frames of one document must agree) and prints read rates, false accepts and time per frame.
//
//   balie_vision_benchmark [--data DIR | --generate COUNT] [--frames N] [--doubts N]
//                          [--outnumber N] [--model DIR]
//
// --generate runs drivers/vision/training/make_camera_images.py into a temporary folder (COUNT
// frames per set); --data reads a folder it made. Each document is shown up to N + 7 times, N
// being the frames that must agree (default 3), with fresh sensor noise and a pixel of shake, as
// consecutive camera frames would differ. --doubts and --outnumber set
// AgreementRules::toleratedDoubts and AgreementRules::outnumbering.
// BALIE_BENCHMARK_CONFIDENCE=1 also prints the weakest confidence in a character no check digit
// watches of each valid single-frame read, right or wrong (how
// ScannerOptions::minCharacterConfidence was chosen). BALIE_BENCHMARK_MISSES=1 prints, for each
// readable document no frames agreed on and each document read wrong, what each frame read and
// how sure the engine was.
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "balie/core/mrz.h"
#include "balie/drivers/vision/document_scanner.h"
#include "balie/drivers/vision/image_file.h"

namespace {

namespace vision = balie::drivers::vision;
using balie::core::Image;

struct Truth {
    std::string file;
    std::string set;
    std::string kind;
    bool valid = true;
    std::vector<std::string> lines;
};

struct Tally {
    int documents = 0;
    int readable = 0;     ///< documents whose check digits are right
    int exactAgreed = 0;  ///< readable documents whose agreed zone is exactly the truth
    int exactSingle = 0;  ///< readable documents read exactly and valid from one frame
    int fields = 0;       ///< fields compared
    int fieldsRight = 0;
    int wrongAccepted = 0;     ///< an agreed zone that differs from the truth
    int brokenAccepted = 0;    ///< an agreed zone for a document with a broken check digit
    int singleWrongValid = 0;  ///< one frame alone read a wrong zone whose check digits pass
    std::vector<double> milliseconds;
};

std::vector<Truth> readTruth(const std::filesystem::path& folder) {
    std::vector<Truth> truths;
    std::ifstream file(folder / "truth.txt");
    for (std::string line; std::getline(file, line);) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream words(line);
        Truth truth;
        int valid = 1;
        words >> truth.file >> truth.set >> truth.kind >> valid;
        truth.valid = valid == 1;
        for (std::string mrzLine; words >> mrzLine;) {
            truth.lines.push_back(mrzLine);
        }
        truths.push_back(std::move(truth));
    }
    return truths;
}

// The same frame as the camera's next one would show it: new sensor noise, a pixel of shake.
Image nextCameraFrame(const Image& frame, int index) {
    if (index == 0) {
        return frame;
    }
    const cv::Mat original(frame.height, frame.width, CV_8UC3,
                           const_cast<std::uint8_t*>(frame.bytes.data()),
                           static_cast<std::size_t>(frame.stride));
    cv::Mat shaken;
    const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, index % 2, 0, 1, (index + 1) % 2);
    cv::warpAffine(original, shaken, shift, original.size(), cv::INTER_LINEAR,
                   cv::BORDER_REPLICATE);
    cv::Mat noise(shaken.size(), CV_16SC3);
    cv::theRNG().state = static_cast<std::uint64_t>(index) * 7919U;
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(3));
    cv::Mat noisy;
    shaken.convertTo(noisy, CV_16SC3);
    noisy += noise;
    noisy.convertTo(shaken, CV_8UC3);
    Image next = frame;
    for (int row = 0; row < shaken.rows; ++row) {
        std::copy(shaken.ptr(row), shaken.ptr(row) + frame.width * 3,
                  next.bytes.begin() + static_cast<std::ptrdiff_t>(row) * frame.stride);
    }
    return next;
}

std::vector<std::string> fieldsOf(const balie::core::Mrz& mrz) {
    return {mrz.documentCode,   mrz.issuingState,
            mrz.documentNumber, mrz.birthDate,
            mrz.expiryDate,     std::string(1, mrz.sex),
            mrz.nationality,    mrz.surname(),
            mrz.givenNames(),   mrz.optionalData + "|" + mrz.optionalData2};
}

// CPU time of this thread: the cost of a frame on one core, whatever else loads the machine.
double threadCpuMilliseconds() {
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1.0e6;
}

double percentile(std::vector<double> values, double share) {
    if (values.empty()) {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(share * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(at, values.size() - 1)];
}

std::string percent(int part, int whole) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", whole == 0 ? 0.0 : 100.0 * part / whole);
    return text;
}

void run(const std::filesystem::path& folder, const std::filesystem::path& model,
         const vision::ScannerOptions& options) {
    const int frames = options.agreement.agreeingFrames;
    const auto truths = readTruth(folder);
    if (truths.empty()) {
        std::cerr << "no frames in " << folder << "/truth.txt\n";
        std::exit(2);
    }
    auto scanner = vision::DocumentScanner::create(model, options);
    auto reader = vision::MrzReader::create(model);
    if (!scanner.has_value() || !reader.has_value()) {
        std::cerr << "cannot load the model from " << model << '\n';
        std::exit(2);
    }
    std::map<std::string, Tally> tallies;
    const bool misses = std::getenv("BALIE_BENCHMARK_MISSES") != nullptr;
    for (const Truth& truth : truths) {
        auto frame = vision::loadImageFile(folder / truth.file);
        if (!frame.has_value()) {
            std::cerr << frame.error().message << '\n';
            continue;
        }
        Tally& tally = tallies[truth.set];
        ++tally.documents;
        tally.readable += truth.valid ? 1 : 0;
        scanner->reset();
        std::optional<balie::core::Mrz> agreed;
        std::optional<balie::core::Mrz> firstRead;
        std::vector<std::string> frameNotes;
        // Up to 7 frames more than agreement needs (a second of a camera at the scanner's pace).
        for (int index = 0; index < frames + 7 && !agreed.has_value(); ++index) {
            const Image shown = nextCameraFrame(*frame, index);
            const double began = threadCpuMilliseconds();
            auto result = scanner->scan(shown);
            tally.milliseconds.push_back(threadCpuMilliseconds() - began);
            if (!result.has_value()) {
                continue;
            }
            if (index == 0 && result->reading.has_value()) {
                const auto& reading = *result->reading;
                firstRead = reading.mrz;
                const bool exact = reading.lines == truth.lines;
                if (reading.valid() && exact && truth.valid) {
                    ++tally.exactSingle;
                }
                if (reading.valid() && (!exact || !truth.valid)) {
                    ++tally.singleWrongValid;
                }
                if (std::getenv("BALIE_BENCHMARK_CONFIDENCE") != nullptr && reading.valid()) {
                    std::fprintf(stderr, "confidence %s %.3f %.3f\n", exact ? "right" : "wrong",
                                 static_cast<double>(reading.weakestUnguarded),
                                 static_cast<double>(reading.confidence));
                }
            }
            agreed = result->agreedMrz;
            if (misses && result->reading.has_value()) {
                const auto& reading = *result->reading;
                std::ostringstream line;
                line << "  frame " << index << (reading.valid() ? " valid" : " broken")
                     << " weakest " << reading.weakestUnguarded << " rival "
                     << reading.strongestRival << ':';
                for (std::size_t i = 0; i < reading.lines.size(); ++i) {
                    const bool right = i < truth.lines.size() && reading.lines[i] == truth.lines[i];
                    line << ' ' << (right ? "=" : reading.lines[i]);
                }
                frameNotes.push_back(line.str());
            }
        }
        const bool wrong = agreed.has_value() && (!truth.valid || agreed->lines != truth.lines);
        if (misses && ((truth.valid && !agreed.has_value()) || wrong)) {
            std::cerr << truth.file << " (" << truth.set << ") "
                      << (wrong ? "wrongly agreed" : "not agreed") << "; truth";
            for (const auto& mrzLine : truth.lines) {
                std::cerr << ' ' << mrzLine;
            }
            std::cerr << '\n';
            for (const auto& note : frameNotes) {
                std::cerr << note << '\n';
            }
        }
        if (agreed.has_value()) {
            if (!truth.valid) {
                ++tally.brokenAccepted;
                std::cerr << truth.file << ": broken check digit reported valid\n";
            } else if (agreed->lines != truth.lines) {
                ++tally.wrongAccepted;
                std::cerr << truth.file << ": wrong zone agreed: " << agreed->lines[0] << " ...\n";
            } else {
                ++tally.exactAgreed;
            }
        }
        if (truth.valid) {
            const auto expected = balie::core::parseMrzLines(truth.lines);
            const auto& got = agreed.has_value() ? agreed : firstRead;
            if (expected.has_value()) {
                const auto want = fieldsOf(*expected);
                const auto have = got.has_value() ? fieldsOf(*got) : std::vector<std::string>{};
                for (std::size_t i = 0; i < want.size(); ++i) {
                    ++tally.fields;
                    tally.fieldsRight += i < have.size() && have[i] == want[i] ? 1 : 0;
                }
            }
        }
    }
    std::printf(
        "| set | frames | exact, %d frames agreeing | exact, 1 frame | fields right | "
        "wrong zone accepted | broken check accepted | median CPU ms/frame | p95 CPU ms/frame |\n",
        frames);
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (const char* set : {"easy", "medium", "hard"}) {
        const auto found = tallies.find(set);
        if (found == tallies.end()) {
            continue;
        }
        const Tally& tally = found->second;
        std::printf("| %s | %d | %s | %s | %s | %d | %d | %.0f | %.0f |\n", set, tally.documents,
                    percent(tally.exactAgreed, tally.readable).c_str(),
                    percent(tally.exactSingle, tally.readable).c_str(),
                    percent(tally.fieldsRight, tally.fields).c_str(), tally.wrongAccepted,
                    tally.brokenAccepted, percentile(tally.milliseconds, 0.5),
                    percentile(tally.milliseconds, 0.95));
        if (tally.singleWrongValid > 0) {
            std::fprintf(stderr, "%s: %d single frames read a wrong zone whose check digits pass\n",
                         set, tally.singleWrongValid);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::optional<std::filesystem::path> data;
    int generate = 0;
    vision::ScannerOptions options;
    std::filesystem::path model = BALIE_BENCHMARK_MODEL_DIR;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--data") {
            data = argv[i + 1];
        } else if (option == "--generate") {
            generate = std::atoi(argv[i + 1]);
        } else if (option == "--frames") {
            options.agreement.agreeingFrames = std::max(1, std::atoi(argv[i + 1]));
        } else if (option == "--doubts") {
            options.agreement.toleratedDoubts = std::max(0, std::atoi(argv[i + 1]));
        } else if (option == "--outnumber") {
            options.agreement.outnumbering = std::max(0, std::atoi(argv[i + 1]));
        } else if (option == "--model") {
            model = argv[i + 1];
        } else {
            std::cerr << "usage: balie_vision_benchmark [--data DIR | --generate COUNT] "
                         "[--frames N] [--doubts N] [--outnumber N] [--model DIR]\n";
            return 2;
        }
    }
    if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
        std::cerr << "run with OMP_THREAD_LIMIT=1: the product runs Tesseract on one thread\n";
        return 2;
    }
    std::optional<std::filesystem::path> generated;
    if (!data.has_value()) {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "balie-vision-benchmark-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::cerr << "cannot make a temporary folder\n";
            return 2;
        }
        generated = pattern;
        data = generated;
        const std::string command = std::string("/usr/bin/python3 ") + BALIE_BENCHMARK_GENERATOR +
                                    " --output " + pattern + " --count " +
                                    std::to_string(generate > 0 ? generate : 100);
        std::cerr << "generating frames: " << command << '\n';
        if (std::system(command.c_str()) != 0) {
            std::cerr << "the generator failed\n";
            return 2;
        }
    }
    run(*data, model, options);
    if (generated.has_value()) {
        std::error_code ignored;
        std::filesystem::remove_all(*generated, ignored);
    }
    return 0;
}
