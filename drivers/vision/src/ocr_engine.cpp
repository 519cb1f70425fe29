// SPDX-License-Identifier: GPL-3.0-or-later
// Tesseract behind OcrEngine: owns the API object, feeds it grey line images, collects symbols.
#include "balie/drivers/vision/ocr_engine.h"

#include <tesseract/baseapi.h>
#include <tesseract/publictypes.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>
#include <string>
#include <system_error>
#include <utility>

#include <opencv2/core.hpp>

#include "frame_conversion.h"

namespace balie::drivers::vision {
namespace {

// Tesseract hands out text as new[]-allocated C strings.
using TesseractText = std::unique_ptr<char[]>;

struct ApiDeleter {
    void operator()(tesseract::TessBaseAPI* api) const {
        api->End();
        delete api;
    }
};
using TesseractApi = std::unique_ptr<tesseract::TessBaseAPI, ApiDeleter>;

constexpr const char* kMrzAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
// The line crops carry no resolution; the LSTM scales every line to its own input height anyway,
// so any plausible value only keeps Tesseract from guessing (and warning about) one.
constexpr int kAssumedDpi = 300;
// Grey levels between the darkest and lightest pixel below which a line holds no print.
constexpr double kMinContrast = 32.0;

// The other characters the engine considered at the place of the symbol under \a symbols, which
// it read as \a chosen, surest first.
std::vector<OcrAlternative> alternativesOf(const tesseract::ResultIterator& symbols,
                                           const char* chosen) {
    std::vector<OcrAlternative> alternatives;
    tesseract::ChoiceIterator choices(symbols);
    do {
        const char* text = choices.GetUTF8Text();
        if (text != nullptr && text[0] != '\0' && text[1] == '\0' &&
            std::strcmp(text, chosen) != 0) {
            alternatives.push_back({text[0], choices.Confidence() / 100.0F});
        }
    } while (choices.Next());
    std::sort(alternatives.begin(), alternatives.end(),
              [](const OcrAlternative& a, const OcrAlternative& b) {
                  return a.confidence > b.confidence;
              });
    return alternatives;
}

}  // namespace

struct OcrEngine::Impl {
    TesseractApi api;
};

std::filesystem::path installedModelDirectory() {
    return BALIE_VISION_MODEL_INSTALL_DIR;
}

OcrEngine::OcrEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
}
OcrEngine::OcrEngine(OcrEngine&& other) noexcept = default;
OcrEngine& OcrEngine::operator=(OcrEngine&& other) noexcept = default;
OcrEngine::~OcrEngine() = default;

core::Result<OcrEngine> OcrEngine::create(const std::filesystem::path& modelDirectory,
                                          std::string_view language) {
    const std::string name(language);
    const auto modelFile = modelDirectory / (name + ".traineddata");
    std::error_code error;
    if (!std::filesystem::is_regular_file(modelFile, error)) {
        return core::fail(core::Errc::Config, "OCR model not found: " + modelFile.string());
    }
    TesseractApi api(new tesseract::TessBaseAPI());
    // No dictionaries: MRZ lines are not words, and the model carries none.
    // Print is dark on light: reading a doubtful line a second time inverted only costs time.
    // Choice mode 2 keeps the LSTM's runner-up for every character.
    const std::vector<std::string> names = {"load_system_dawg", "load_freq_dawg",
                                            "tessedit_char_whitelist", "tessedit_do_invert",
                                            "lstm_choice_mode"};
    const std::vector<std::string> values = {"0", "0", kMrzAlphabet, "0", "2"};
    if (api->Init(modelDirectory.c_str(), name.c_str(), tesseract::OEM_LSTM_ONLY, nullptr, 0,
                  &names, &values, false) != 0) {
        return core::fail(core::Errc::Ocr, "Tesseract cannot load " + modelFile.string());
    }
    api->SetPageSegMode(tesseract::PSM_RAW_LINE);
    auto impl = std::make_unique<Impl>();
    impl->api = std::move(api);
    return OcrEngine(std::move(impl));
}

core::Result<OcrLine> OcrEngine::readLine(const core::Image& line) {
    try {
        auto gray = toGray(line);
        if (!gray.has_value()) {
            return tl::unexpected(gray.error());
        }
        // Without contrast there is no print; the LSTM would still see a filler in the grain.
        double darkest = 0.0;
        double lightest = 0.0;
        cv::minMaxLoc(*gray, &darkest, &lightest);
        if (lightest - darkest < kMinContrast) {
            return OcrLine{};
        }
        auto& api = *impl_->api;
        api.SetImage(gray->data, gray->cols, gray->rows, 1, static_cast<int>(gray->step));
        api.SetSourceResolution(kAssumedDpi);
        if (api.Recognize(nullptr) != 0) {
            api.Clear();
            return core::fail(core::Errc::Ocr, "Tesseract could not recognise the line");
        }
        OcrLine result;
        std::unique_ptr<tesseract::ResultIterator> symbols(api.GetIterator());
        if (symbols != nullptr && !symbols->Empty(tesseract::RIL_SYMBOL)) {
            do {
                const TesseractText text(symbols->GetUTF8Text(tesseract::RIL_SYMBOL));
                if (text == nullptr) {
                    continue;
                }
                const float confidence = symbols->Confidence(tesseract::RIL_SYMBOL) / 100.0F;
                const auto alternatives = alternativesOf(*symbols, text.get());
                for (const char* c = text.get(); *c != '\0'; ++c) {
                    if (std::isspace(static_cast<unsigned char>(*c)) == 0) {
                        result.text.push_back(*c);
                        result.confidences.push_back(confidence);
                        result.alternatives.push_back(alternatives);
                    }
                }
            } while (symbols->Next(tesseract::RIL_SYMBOL));
        }
        api.Clear();
        if (!result.confidences.empty()) {
            float sum = 0.0F;
            for (const float confidence : result.confidences) {
                sum += confidence;
            }
            result.confidence = sum / static_cast<float>(result.confidences.size());
        }
        return result;
    } catch (const std::exception& exception) {
        return core::fail(core::Errc::Ocr, std::string("OCR failed: ") + exception.what());
    }
}

}  // namespace balie::drivers::vision
