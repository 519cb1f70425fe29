// SPDX-License-Identifier: GPL-3.0-or-later
// One Tesseract engine loaded with Balie's OCR-B MRZ model, reading single text lines.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::drivers::vision {

/// \brief Text of one line as the engine recognised it.
/// \brief Another character the engine considered at a place, and how sure it was of it.
struct OcrAlternative {
    char character = 0;
    float confidence = 0.0F;  ///< 0 to 1

    bool operator==(const OcrAlternative&) const = default;
};

struct OcrLine {
    std::string text;                ///< without spaces; empty when nothing was recognised
    std::vector<float> confidences;  ///< one per character of `text`, 0 to 1
    /// One list per character of `text`: the other characters the engine considered at that
    /// place (a Y read as V may still show a strong Y), surest first.
    std::vector<std::vector<OcrAlternative>> alternatives;
    float confidence = 0.0F;  ///< mean of `confidences`, 0 when `text` is empty
};

/// \brief The directory the installed product loads mrz.traineddata from (set at build time).
std::filesystem::path installedModelDirectory();

/// \brief A Tesseract engine restricted to the 37 MRZ characters, reading one line per call.
///
/// Not thread-safe: use one engine per thread. Tesseract's OpenMP threads compete with each
/// other on a small machine, so the process should run with OMP_THREAD_LIMIT=1 in its
/// environment (the OpenMP runtime reads it when it is loaded, before any engine exists).
class OcrEngine {
public:
    /// \brief Loads `<language>.traineddata` from \a modelDirectory.
    /// \return the engine, or Errc::Config when the model file is missing, Errc::Ocr when
    /// Tesseract cannot load it.
    static core::Result<OcrEngine> create(const std::filesystem::path& modelDirectory,
                                          std::string_view language = "mrz");

    OcrEngine(OcrEngine&& other) noexcept;
    OcrEngine& operator=(OcrEngine&& other) noexcept;
    OcrEngine(const OcrEngine&) = delete;
    OcrEngine& operator=(const OcrEngine&) = delete;
    ~OcrEngine();

    /// \brief Recognises \a line as one line of text (Tesseract's raw-line mode: no layout
    /// analysis). Works best with the line cropped with a margin of a fraction of its height.
    /// An image without contrast (under 32 grey levels between darkest and lightest pixel) holds
    /// no print and gives an empty line.
    /// \param[in] line a well-formed image in any core::PixelFormat; converted to grey.
    /// \return the text, or Errc::InvalidArgument for a malformed image, Errc::Ocr when
    /// Tesseract fails.
    core::Result<OcrLine> readLine(const core::Image& line);

private:
    struct Impl;
    explicit OcrEngine(std::unique_ptr<Impl> impl);

    std::unique_ptr<Impl> impl_;
};

}  // namespace balie::drivers::vision
