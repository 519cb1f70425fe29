// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the machine readable zone of one camera frame: locate, cut lines, OCR, correct, parse.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/image.h"
#include "balie/core/mrz.h"
#include "balie/drivers/vision/mrz_locator.h"
#include "balie/drivers/vision/ocr_engine.h"

namespace balie::drivers::vision {

/// \brief What one frame gave.
struct MrzReading {
    Rect band;                          ///< where the zone was found in the frame
    std::vector<std::string> rawLines;  ///< as the OCR engine returned them
    std::vector<std::string> lines;     ///< after correctMrzLines()
    int corrections = 0;                ///< characters the correction changed
    /// Lowest per-line mean character confidence, 0 to 1: the weakest line bounds the read.
    float confidence = 0.0F;
    /// How far the read can be trusted where a misread would pass every check digit (mrzDoubt());
    /// both 0 when the lines do not form a zone.
    float weakestUnguarded = 0.0F;
    float strongestRival = 0.0F;
    /// The zone parsed from `lines`, or nullopt when they do not form an MRZ.
    std::optional<core::Mrz> mrz;
    /// The zone was read from the frame turned by 180 degrees: the document lay upside down.
    bool upsideDown = false;

    /// \brief True when the lines parse as an MRZ and every check digit passes. A single frame
    /// can still be wrong where no check digit looks (names, sex, codes): agreement across
    /// frames has to confirm a read before it is trusted.
    bool valid() const { return mrz.has_value() && mrz->valid(); }
};

/// \brief The number of ways MrzReader::read() can cut the lines out of a frame.
inline constexpr int kLineCuts = 3;

/// \brief Reads MRZs from frames with one OCR engine. Not thread-safe: one reader per thread.
class MrzReader {
public:
    /// \brief Loads the model mrz.traineddata from \a modelDirectory.
    /// \return the reader, or the error of OcrEngine::create().
    static core::Result<MrzReader> create(
        const std::filesystem::path& modelDirectory = installedModelDirectory());

    /// \brief Finds and reads the zone in \a frame. A zone that is found but misread is not an
    /// error: the reading then has valid() false. When the lines fail a check, they are read again
    /// turned by 180 degrees, for a document lying upside down; once a side passes, the next
    /// frame is read that way up first.
    /// \param cut which of the kLineCuts margins the lines are cut with (modulo kLineCuts): the
    /// engine misreads a line differently at another scale, so frames read with different cuts
    /// that agree confirm each other better than frames read alike.
    /// \return the reading, or Errc::InvalidArgument for a malformed frame, Errc::NotFound when
    /// no zone is in the frame, Errc::Ocr when Tesseract fails.
    core::Result<MrzReading> read(const core::Image& frame, int cut = 0);

private:
    explicit MrzReader(OcrEngine engine);

    OcrEngine engine_;
    bool lastUpsideDown_ = false;  ///< the last zone to pass its checks was read turned around
};

}  // namespace balie::drivers::vision
