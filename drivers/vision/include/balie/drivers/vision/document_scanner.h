// SPDX-License-Identifier: GPL-3.0-or-later
// DocumentScanner: a stream of frames in, guidance, an MRZ confirmed by several frames and an
// automatic capture out.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/image.h"
#include "balie/core/mrz.h"
#include "balie/core/request_store.h"
#include "balie/drivers/vision/document_quality.h"
#include "balie/drivers/vision/mrz_reader.h"
#include "balie/drivers/vision/zone_agreement.h"

namespace balie::drivers::vision {

struct ScannerOptions {
    /// How many recent frames must confirm the same zone (every check digit passing, every
    /// state code known, the engine sure of every character no check digit watches) before it
    /// is reported, and what speaks against it.
    AgreementRules agreement{};
    /// A frame's read confirms the zone only when the engine was at least this sure of every
    /// character that no check digit watches (MrzReading::weakestUnguarded). The engine is often
    /// sure of its misreads too: agreement across cuts and frames is the main safeguard.
    float minCharacterConfidence = 0.8F;
    /// ... and when no character that no check digit would tell from the one read came close
    /// (MrzReading::strongestRival).
    float maxRivalConfidence = 0.5F;
    /// Consecutive frames the outline must keep still for the document to count as steady.
    int steadyFrames = 3;
    /// How far a corner may move between frames and still count as still, as a share of the
    /// frame's diagonal.
    double stillness = 0.01;
    /// Steady, good frames on which a zone is seen but not yet agreed, after which the page is
    /// captured anyway (without a reading; the agent types the fields).
    int patienceFrames = 12;
    int jpegQuality = 85;
    int pageLongSide = 1600;
};

/// \brief A page cut out of a frame, ready for upload.
struct CapturedDocument {
    core::PageImage jpeg;          ///< the straightened page, JPEG
    core::Image page;              ///< the same page, Bgr24
    std::optional<core::Mrz> mrz;  ///< only an agreed zone whose check digits all pass
    int agreement = 0;             ///< frames that agreed on `mrz`
};

/// \brief What one frame gave, with what the frames before it confirm.
struct ScanResult {
    DocumentQuality quality;
    /// This frame's reading of the zone, when one was found (valid or not).
    std::optional<MrzReading> reading;
    /// Recent frames (AgreementRules::window), this one included, that confirm exactly
    /// the zone this frame read; 0 when this frame confirms nothing.
    int agreement = 0;
    /// The zone, once the recent frames agree on it (AgreementRules): never a zone whose
    /// check digits fail.
    std::optional<core::Mrz> agreedMrz;
    bool steady = false;
    float steadiness = 0.0F;  ///< 0 to 1: how far the automatic capture has come
    /// Set on the frame that was captured automatically (steady, good and read or given up on).
    std::optional<CapturedDocument> capture;
};

/// \brief Reads a document from consecutive frames of one camera. Single-threaded: one frame at
/// a time, Tesseract on the zone's lines only. A caller that gets frames faster than scan()
/// returns hands it only the newest (the others are skipped, not queued).
class DocumentScanner {
public:
    static core::Result<DocumentScanner> create(
        const std::filesystem::path& modelDirectory = installedModelDirectory(),
        ScannerOptions options = {});

    /// \brief Measures \a frame, reads its zone, and captures it when the time has come.
    /// \return the result, or Errc::InvalidArgument for a malformed frame, Errc::Ocr when
    /// Tesseract fails.
    core::Result<ScanResult> scan(const core::Image& frame);

    /// \brief Cuts the page out of \a frame now, whatever the guidance says (the whole frame
    /// when no outline is found), with the zone agreed so far if there is one.
    core::Result<CapturedDocument> captureNow(const core::Image& frame);

    /// \brief Forgets earlier frames: the next document starts from nothing.
    void reset();

private:
    DocumentScanner(MrzReader reader, ScannerOptions options);
    core::Result<CapturedDocument> capture(const core::Image& frame,
                                           const std::optional<Outline>& outline, bool upsideDown);
    bool followsOutline(const std::optional<Outline>& outline, const core::Image& frame);

    MrzReader reader_;
    ScannerOptions options_;
    std::optional<Outline> lastOutline_;
    int stillFrames_ = 0;
    ZoneAgreement agreement_;
    int nextCut_ = 0;  ///< the cut the next frame is read with: each frame cuts differently
    std::optional<core::Mrz> agreedMrz_;
    int agreedFrames_ = 0;
    bool agreedUpsideDown_ = false;
    int waitedFrames_ = 0;
    bool zoneSeen_ = false;  ///< a zone was found since the document last moved
    bool captured_ = false;
};

/// \brief Reads one still image: its quality and zone, the zone reported with agreement 1 (no
/// other frame confirms it).
struct StillReading {
    DocumentQuality quality;
    std::optional<MrzReading> reading;
    int agreement = 0;  ///< 1 when the reading is valid, else 0
};
core::Result<StillReading> readStill(MrzReader& reader, const core::Image& image);

}  // namespace balie::drivers::vision
