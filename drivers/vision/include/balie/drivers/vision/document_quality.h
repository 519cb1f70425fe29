// SPDX-License-Identifier: GPL-3.0-or-later
// How well a camera frame shows a document: outline, sharpness, glare, size, tilt, and why not.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/image.h"

namespace balie::drivers::vision {

/// \brief Why a frame is not good enough to capture, most important first (the order of
/// assessDocument()'s list, and of the kiosk's hints).
enum class QualityIssue {
    NoDocument,        ///< nothing in the frame looks like a document
    NotWhollyVisible,  ///< an edge or corner is outside the frame
    TooFar,
    TooClose,
    Tilted,   ///< turned or leaning too much for a straight picture
    Glare,    ///< a light reflects on the document; DocumentQuality::glareWhere says where
    Blurred,  ///< out of focus or moving
};

/// \brief A stable key for translations and JSON: "no_document", "not_wholly_visible",
/// "too_far", "too_close", "tilted", "glare", "blurred".
std::string_view qualityIssueKey(QualityIssue issue);

/// \brief What a worker is told, in English ("Hold the document closer to the camera").
std::string_view qualityIssueText(QualityIssue issue);

struct Point {
    float x = 0.0F;
    float y = 0.0F;

    bool operator==(const Point&) const = default;
};

/// \brief Four corners, clockwise from the one nearest the frame's top-left.
using Outline = std::array<Point, 4>;

/// \brief The measures of one frame and what they mean.
struct DocumentQuality {
    std::optional<Outline> outline;  ///< in frame pixels; nullopt without a document
    /// Variance of the Laplacian of the document scaled to 800 pixels wide: higher is sharper.
    double sharpness = 0.0;
    double glare = 0.0;      ///< share of the document's area in saturated blobs, 0 to 1
    std::string glareWhere;  ///< "top", "middle" or "bottom lines" (the MRZ); empty without glare
    double coverage = 0.0;   ///< share of the frame the document takes, 0 to 1
    double turn = 0.0;       ///< degrees from upright (or from a quarter turn), 0 to 45
    /// How much shorter an edge is than the opposite one, 0 (flat) to 1: the page leans.
    double lean = 0.0;
    bool wholeVisible = false;
    std::vector<QualityIssue> issues;  ///< empty when the frame is good

    bool good() const { return outline.has_value() && issues.empty(); }
};

/// \brief Finds the document (a light quadrilateral on a darker background, or the reverse) and
/// measures it, on a copy scaled to 640 pixels wide.
/// \return the measures, or Errc::InvalidArgument for a malformed image.
core::Result<DocumentQuality> assessDocument(const core::Image& frame);

/// \brief The document cut out of \a frame along \a outline and straightened (perspective warp),
/// at most \a longSide pixels on its long side, as Bgr24.
core::Result<core::Image> cropDocument(const core::Image& frame, const Outline& outline,
                                       int longSide = 1600);

/// \brief \a image turned by 180 degrees (a document placed upside down).
core::Result<core::Image> rotateHalfTurn(const core::Image& image);

/// \brief \a image scaled to fit in \a maxWidth x \a maxHeight (never enlarged), as Rgb24.
core::Result<core::Image> scaleToRgb(const core::Image& image, int maxWidth, int maxHeight);

/// \brief \a image encoded as a baseline JPEG of \a quality (1 to 100).
core::Result<std::vector<std::uint8_t>> encodeJpeg(const core::Image& image, int quality = 85);

}  // namespace balie::drivers::vision
