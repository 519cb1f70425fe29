// SPDX-License-Identifier: GPL-3.0-or-later
// DocumentScanner: quality on every frame, MRZ agreement across frames, steadiness, auto-capture.
#include "balie/drivers/vision/document_scanner.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "balie/core/country.h"

namespace balie::drivers::vision {
namespace {

double diagonalOf(const core::Image& frame) {
    return std::hypot(static_cast<double>(frame.width), static_cast<double>(frame.height));
}

// No check digit covers the state codes: a code that no state or organisation uses is a misread.
bool knownStates(const core::Mrz& mrz) {
    return core::countryByMrzCode(mrz.issuingState) != nullptr &&
           core::countryByMrzCode(mrz.nationality) != nullptr;
}

}  // namespace

DocumentScanner::DocumentScanner(MrzReader reader, ScannerOptions options)
    : reader_(std::move(reader)), options_(options), agreement_(options.agreement) {
}

core::Result<DocumentScanner> DocumentScanner::create(const std::filesystem::path& modelDirectory,
                                                      ScannerOptions options) {
    auto reader = MrzReader::create(modelDirectory);
    if (!reader.has_value()) {
        return tl::unexpected(reader.error());
    }
    options.agreement.agreeingFrames = std::max(options.agreement.agreeingFrames, 1);
    options.steadyFrames = std::max(options.steadyFrames, 1);
    return DocumentScanner(std::move(*reader), options);
}

void DocumentScanner::reset() {
    lastOutline_.reset();
    stillFrames_ = 0;
    agreement_.clear();
    nextCut_ = 0;
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

    const int cut = nextCut_;
    nextCut_ = (nextCut_ + 1) % kLineCuts;
    auto reading = reader_.read(frame, cut);
    if (reading.has_value()) {
        result.reading = std::move(*reading);
        zoneSeen_ = true;
    } else if (reading.error().code != core::Errc::NotFound) {
        return tl::unexpected(reading.error());
    }
    // A frame confirms a zone when every check digit passes, every state code is known and the
    // engine was sure of the characters no check digit watches, with no close runner-up for any.
    const bool valid = result.reading.has_value() && result.reading->valid();
    const bool confirms = valid && knownStates(*result.reading->mrz) &&
                          result.reading->weakestUnguarded >= options_.minCharacterConfidence &&
                          result.reading->strongestRival <= options_.maxRivalConfidence;
    const auto verdict = agreement_.add(
        valid ? std::optional(ZoneRead{result.reading->lines, cut, confirms}) : std::nullopt);
    if (confirms) {
        result.agreement = verdict.confirmations;
        if (verdict.agreed) {
            agreedMrz_ = result.reading->mrz;
            agreedUpsideDown_ = result.reading->upsideDown;
            agreedFrames_ = verdict.confirmations;
        } else if (!result.steady && agreedMrz_.has_value() &&
                   agreedMrz_->lines != result.reading->lines) {
            agreedMrz_.reset();  // another document came into view
        }
    } else if (!result.steady) {
        // A moved document that no longer reads: the earlier frames no longer vouch for it.
        agreement_.clear();
        agreedMrz_.reset();
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
    const float agreed = agreedMrz_.has_value() || !result.reading.has_value()
                             ? 1.0F
                             : static_cast<float>(result.agreement) /
                                   static_cast<float>(options_.agreement.agreeingFrames);
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
    captured.agreement = agreedMrz_.has_value() ? agreedFrames_ : 0;
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
