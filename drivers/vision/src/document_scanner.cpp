// SPDX-License-Identifier: GPL-3.0-or-later
// DocumentScanner: quality on every frame, MRZ agreement across frames, steadiness, auto-capture.
#include "balie/drivers/vision/document_scanner.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace balie::drivers::vision {
namespace {

double diagonalOf(const core::Image& frame) {
    return std::hypot(static_cast<double>(frame.width), static_cast<double>(frame.height));
}

}  // namespace

DocumentScanner::DocumentScanner(MrzReader reader, ScannerOptions options)
    : reader_(std::move(reader)), options_(options) {
}

core::Result<DocumentScanner> DocumentScanner::create(const std::filesystem::path& modelDirectory,
                                                      ScannerOptions options) {
    auto reader = MrzReader::create(modelDirectory);
    if (!reader.has_value()) {
        return tl::unexpected(reader.error());
    }
    options.agreeingFrames = std::max(options.agreeingFrames, 1);
    options.steadyFrames = std::max(options.steadyFrames, 1);
    return DocumentScanner(std::move(*reader), options);
}

void DocumentScanner::reset() {
    lastOutline_.reset();
    stillFrames_ = 0;
    agreedLines_.clear();
    agreement_ = 0;
    agreedMrz_.reset();
    agreedUpsideDown_ = false;
    waitedFrames_ = 0;
    zoneSeen_ = false;
    captured_ = false;
}

bool DocumentScanner::followsOutline(const std::optional<Outline>& outline,
                                     const core::Image& frame) {
    const bool still = [&] {
        if (!outline.has_value() || !lastOutline_.has_value()) {
            return false;
        }
        const double tolerance = options_.stillness * diagonalOf(frame);
        for (std::size_t i = 0; i < 4; ++i) {
            const Point& now = (*outline)[i];
            const Point& before = (*lastOutline_)[i];
            if (std::hypot(now.x - before.x, now.y - before.y) > tolerance) {
                return false;
            }
        }
        return true;
    }();
    lastOutline_ = outline;
    stillFrames_ = still ? stillFrames_ + 1 : (outline.has_value() ? 1 : 0);
    if (!still) {
        // A document that moves, or a new one, must be read and captured afresh.
        captured_ = false;
        waitedFrames_ = 0;
        zoneSeen_ = false;
    }
    return stillFrames_ >= options_.steadyFrames;
}

core::Result<ScanResult> DocumentScanner::scan(const core::Image& frame) {
    auto quality = assessDocument(frame);
    if (!quality.has_value()) {
        return tl::unexpected(quality.error());
    }
    ScanResult result;
    result.quality = std::move(*quality);
    result.steady = followsOutline(result.quality.outline, frame);

    auto reading = reader_.read(frame);
    if (reading.has_value()) {
        result.reading = std::move(*reading);
        zoneSeen_ = true;
    } else if (reading.error().code != core::Errc::NotFound) {
        return tl::unexpected(reading.error());
    }
    // Agreement counts only frames whose every check digit passes, whose every character matches
    // the frame before and which the engine read with confidence; a different read starts the
    // count again.
    if (result.reading.has_value() && result.reading->valid()) {
        const bool confident = result.reading->weakestCharacter >= options_.minCharacterConfidence;
        if (result.reading->lines == agreedLines_) {
            agreement_ += confident ? 1 : 0;
        } else {
            agreedLines_ = result.reading->lines;
            agreement_ = confident ? 1 : 0;
            agreedMrz_.reset();
        }
        if (agreement_ >= options_.agreeingFrames) {
            agreedMrz_ = result.reading->mrz;
            agreedUpsideDown_ = result.reading->upsideDown;
        }
        result.agreement = agreement_;
    } else if (result.reading.has_value() || !result.steady) {
        // A misread, or a moved document: the earlier frames no longer vouch for anything.
        agreedLines_.clear();
        agreement_ = 0;
        if (!result.steady) {
            agreedMrz_.reset();
        }
    }
    result.agreedMrz = agreedMrz_;

    const bool good = result.quality.good();
    if (result.steady && good && !captured_) {
        const bool zoneSeen = result.reading.has_value();
        const bool ready =
            agreedMrz_.has_value() || !zoneSeen || ++waitedFrames_ >= options_.patienceFrames;
        if (ready) {
            auto captured = capture(frame, result.quality.outline, agreedUpsideDown_);
            if (!captured.has_value()) {
                return tl::unexpected(captured.error());
            }
            result.capture = std::move(*captured);
            captured_ = true;
        }
    }
    // Steadiness grows with still frames and, when a zone is there, with agreeing frames.
    const float still = std::min(
        1.0F, static_cast<float>(stillFrames_) / static_cast<float>(options_.steadyFrames));
    const float agreed =
        agreedMrz_.has_value() || !result.reading.has_value()
            ? 1.0F
            : static_cast<float>(agreement_) / static_cast<float>(options_.agreeingFrames);
    result.steadiness = captured_ ? 1.0F : (good ? std::min(still, agreed) : 0.0F);
    return result;
}

core::Result<CapturedDocument> DocumentScanner::captureNow(const core::Image& frame) {
    auto quality = assessDocument(frame);
    if (!quality.has_value()) {
        return tl::unexpected(quality.error());
    }
    return capture(frame, quality->outline, agreedUpsideDown_);
}

core::Result<CapturedDocument> DocumentScanner::capture(const core::Image& frame,
                                                        const std::optional<Outline>& outline,
                                                        bool upsideDown) {
    auto page = outline.has_value()
                    ? cropDocument(frame, *outline, options_.pageLongSide)
                    : cropDocument(frame,
                                   Outline{Point{0.0F, 0.0F},
                                           Point{static_cast<float>(frame.width - 1), 0.0F},
                                           Point{static_cast<float>(frame.width - 1),
                                                 static_cast<float>(frame.height - 1)},
                                           Point{0.0F, static_cast<float>(frame.height - 1)}},
                                   options_.pageLongSide);
    if (!page.has_value()) {
        return tl::unexpected(page.error());
    }
    if (upsideDown && agreedMrz_.has_value()) {
        page = rotateHalfTurn(*page);
        if (!page.has_value()) {
            return tl::unexpected(page.error());
        }
    }
    auto jpeg = encodeJpeg(*page, options_.jpegQuality);
    if (!jpeg.has_value()) {
        return tl::unexpected(jpeg.error());
    }
    CapturedDocument captured;
    captured.jpeg = {page->width, page->height, std::move(*jpeg)};
    captured.page = std::move(*page);
    captured.mrz = agreedMrz_;
    captured.agreement = agreedMrz_.has_value() ? agreement_ : 0;
    return captured;
}

core::Result<StillReading> readStill(MrzReader& reader, const core::Image& image) {
    auto quality = assessDocument(image);
    if (!quality.has_value()) {
        return tl::unexpected(quality.error());
    }
    StillReading still;
    still.quality = std::move(*quality);
    auto reading = reader.read(image);
    if (reading.has_value()) {
        still.agreement = reading->valid() ? 1 : 0;
        still.reading = std::move(*reading);
    } else if (reading.error().code != core::Errc::NotFound) {
        return tl::unexpected(reading.error());
    }
    return still;
}

}  // namespace balie::drivers::vision
