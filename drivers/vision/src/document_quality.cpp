// SPDX-License-Identifier: GPL-3.0-or-later
// Document outline by contrast with the background, then sharpness, glare, size and tilt measured
// on the straightened document.
#include "balie/drivers/vision/document_quality.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "balie/drivers/image_codec/image_codec.h"
#include "frame_conversion.h"

namespace balie::drivers::vision {
namespace {

constexpr int kWorkWidth = 640;
// The straightened document is measured at this width, so sharpness compares across distances.
constexpr int kMeasureWidth = 800;
// A blob smaller than this share of the frame is no document.
constexpr double kMinDocumentShare = 0.04;
constexpr double kTooFarShare = 0.15;
constexpr double kTooCloseShare = 0.85;
// Degrees of turn from upright, and how much shorter one edge may be than the opposite one (a page
// leaning away from the camera), beyond which a picture of the page is no longer straight.
constexpr double kMaxTurn = 12.0;
constexpr double kMaxLean = 0.12;
// Variance of the Laplacian below which print is too soft to read (on the synthetic frames: sharp
// 450-830, the slightly blurred and noisy "medium" ones 60-120, Gaussian blur of sigma 2 about 37,
// of sigma 3 about 12).
constexpr double kMinSharpness = 30.0;
// Saturated pixels, and the share of the document's area they must cover to matter.
constexpr int kSaturated = 248;
constexpr double kMinGlareShare = 0.002;
// Pixels from the frame's edge within which a corner counts as cut off.
constexpr double kEdgeMargin = 2.0;

double distance(const cv::Point2f& a, const cv::Point2f& b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

// Corners clockwise (y down) starting with the one nearest the top-left.
std::vector<cv::Point2f> orderCorners(std::vector<cv::Point2f> corners) {
    cv::Point2f centre(0.0F, 0.0F);
    for (const auto& corner : corners) {
        centre += corner * 0.25F;
    }
    std::sort(corners.begin(), corners.end(), [&centre](const auto& a, const auto& b) {
        return std::atan2(a.y - centre.y, a.x - centre.x) <
               std::atan2(b.y - centre.y, b.x - centre.x);
    });
    const auto first =
        std::min_element(corners.begin(), corners.end(),
                         [](const auto& a, const auto& b) { return a.x + a.y < b.x + b.y; });
    std::rotate(corners.begin(), first, corners.end());
    return corners;
}

// The largest blob of \a mask as four corners, or nothing when it is too small.
std::optional<std::vector<cv::Point2f>> quadrilateralOf(const cv::Mat& mask) {
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    const auto largest = std::max_element(
        contours.begin(), contours.end(),
        [](const auto& a, const auto& b) { return cv::contourArea(a) < cv::contourArea(b); });
    if (largest == contours.end() ||
        cv::contourArea(*largest) < kMinDocumentShare * mask.rows * mask.cols) {
        return std::nullopt;
    }
    std::vector<cv::Point> hull;
    cv::convexHull(*largest, hull);
    std::vector<cv::Point> polygon;
    cv::approxPolyDP(hull, polygon, 0.02 * cv::arcLength(hull, true), true);
    std::vector<cv::Point2f> corners;
    if (polygon.size() == 4) {
        for (const auto& point : polygon) {
            corners.emplace_back(static_cast<float>(point.x), static_cast<float>(point.y));
        }
    } else {
        // Rounded corners or a cut-off edge: the tightest rotated rectangle stands in.
        cv::Point2f box[4];
        cv::minAreaRect(hull).points(box);
        corners.assign(box, box + 4);
    }
    return orderCorners(std::move(corners));
}

// The document's outline in work pixels: the lighter region against the background, or the
// darker one when the light region is the background (it then touches every edge).
std::optional<std::vector<cv::Point2f>> findOutline(const cv::Mat& small) {
    cv::Mat blurred;
    cv::GaussianBlur(small, blurred, cv::Size(5, 5), 0);
    cv::Mat mask;
    cv::threshold(blurred, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 7));
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, kernel);
    auto outline = quadrilateralOf(mask);
    if (outline.has_value() && cv::contourArea(*outline) > 0.95 * small.rows * small.cols) {
        cv::bitwise_not(mask, mask);
        cv::morphologyEx(mask, mask, cv::MORPH_OPEN, kernel);
        outline = quadrilateralOf(mask);
    }
    return outline;
}

cv::Mat straighten(const cv::Mat& image, const std::vector<cv::Point2f>& corners, int width,
                   int height) {
    const std::vector<cv::Point2f> target = {
        {0.0F, 0.0F},
        {static_cast<float>(width - 1), 0.0F},
        {static_cast<float>(width - 1), static_cast<float>(height - 1)},
        {0.0F, static_cast<float>(height - 1)}};
    cv::Mat straight;
    cv::warpPerspective(image, straight, cv::getPerspectiveTransform(corners, target),
                        cv::Size(width, height), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return straight;
}

// Width and height of the document as the longer of each pair of opposite edges.
cv::Size2d edgeSize(const std::vector<cv::Point2f>& corners) {
    return {std::max(distance(corners[0], corners[1]), distance(corners[3], corners[2])),
            std::max(distance(corners[1], corners[2]), distance(corners[0], corners[3]))};
}

double turnOf(const std::vector<cv::Point2f>& corners) {
    const cv::Point2f top = corners[1] - corners[0];
    const double turn = std::fmod(std::abs(std::atan2(top.y, top.x) * 180.0 / CV_PI), 90.0);
    return std::min(turn, 90.0 - turn);
}

double leanOf(const std::vector<cv::Point2f>& corners) {
    double lean = 0.0;
    for (std::size_t edge = 0; edge < 2; ++edge) {
        const double a = distance(corners[edge], corners[edge + 1]);
        const double b = distance(corners[(edge + 3) % 4], corners[edge + 2]);
        lean = std::max(lean, 1.0 - std::min(a, b) / std::max({a, b, 1.0}));
    }
    return lean;
}

void measureGlare(const cv::Mat& straight, DocumentQuality& quality) {
    cv::Mat saturated;
    cv::threshold(straight, saturated, kSaturated - 1, 255, cv::THRESH_BINARY);
    cv::morphologyEx(saturated, saturated, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(saturated, labels, stats, centroids);
    const double area = static_cast<double>(straight.rows) * straight.cols;
    double glare = 0.0;
    double largest = 0.0;
    double largestY = 0.0;
    for (int label = 1; label < count; ++label) {
        const double blob = stats.at<int>(label, cv::CC_STAT_AREA);
        if (blob < kMinGlareShare * area) {
            continue;
        }
        glare += blob;
        if (blob > largest) {
            largest = blob;
            largestY = centroids.at<double>(label, 1) / straight.rows;
        }
    }
    quality.glare = glare / area;
    if (largest > 0.0) {
        // The machine readable zone fills the lowest third of every ICAO document.
        quality.glareWhere = largestY > 0.66 ? "bottom lines" : largestY < 0.33 ? "top" : "middle";
    }
}

bool touchesEdge(const std::vector<cv::Point2f>& corners, const cv::Size& size) {
    return std::any_of(corners.begin(), corners.end(), [&size](const cv::Point2f& corner) {
        return corner.x < kEdgeMargin || corner.y < kEdgeMargin ||
               corner.x > size.width - 1 - kEdgeMargin || corner.y > size.height - 1 - kEdgeMargin;
    });
}

DocumentQuality assessGray(const cv::Mat& gray) {
    DocumentQuality quality;
    const double scale = std::min(1.0, static_cast<double>(kWorkWidth) / gray.cols);
    cv::Mat small;
    cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    const auto found = findOutline(small);
    if (!found.has_value()) {
        quality.issues.push_back(QualityIssue::NoDocument);
        return quality;
    }
    const std::vector<cv::Point2f>& corners = *found;
    Outline outline;
    for (std::size_t i = 0; i < 4; ++i) {
        outline[i] = {static_cast<float>(corners[i].x / scale),
                      static_cast<float>(corners[i].y / scale)};
    }
    quality.outline = outline;
    quality.coverage = cv::contourArea(corners) / (static_cast<double>(small.rows) * small.cols);
    quality.wholeVisible = !touchesEdge(corners, small.size());
    quality.turn = turnOf(corners);
    quality.lean = leanOf(corners);

    std::vector<cv::Point2f> full;
    for (const Point& corner : outline) {
        full.emplace_back(corner.x, corner.y);
    }
    const cv::Size2d size = edgeSize(full);
    const int height = std::max(
        1, static_cast<int>(std::lround(kMeasureWidth * size.height / std::max(size.width, 1.0))));
    const cv::Mat straight = straighten(gray, full, kMeasureWidth, height);
    cv::Mat laplacian;
    cv::Laplacian(straight, laplacian, CV_64F);
    cv::Scalar mean;
    cv::Scalar deviation;
    cv::meanStdDev(laplacian, mean, deviation);
    quality.sharpness = deviation[0] * deviation[0];
    measureGlare(straight, quality);

    if (!quality.wholeVisible) {
        quality.issues.push_back(quality.coverage > 0.6 ? QualityIssue::TooClose
                                                        : QualityIssue::NotWhollyVisible);
    } else if (quality.coverage < kTooFarShare) {
        quality.issues.push_back(QualityIssue::TooFar);
    } else if (quality.coverage > kTooCloseShare) {
        quality.issues.push_back(QualityIssue::TooClose);
    }
    if (quality.turn > kMaxTurn || quality.lean > kMaxLean) {
        quality.issues.push_back(QualityIssue::Tilted);
    }
    if (!quality.glareWhere.empty()) {
        quality.issues.push_back(QualityIssue::Glare);
    }
    if (quality.sharpness < kMinSharpness) {
        quality.issues.push_back(QualityIssue::Blurred);
    }
    return quality;
}

}  // namespace

std::string_view qualityIssueKey(QualityIssue issue) {
    switch (issue) {
        case QualityIssue::NoDocument:
            return "no_document";
        case QualityIssue::NotWhollyVisible:
            return "not_wholly_visible";
        case QualityIssue::TooFar:
            return "too_far";
        case QualityIssue::TooClose:
            return "too_close";
        case QualityIssue::Tilted:
            return "tilted";
        case QualityIssue::Glare:
            return "glare";
        case QualityIssue::Blurred:
            return "blurred";
    }
    return "unknown";
}

std::string_view qualityIssueText(QualityIssue issue) {
    switch (issue) {
        case QualityIssue::NoDocument:
            return "Place the document under the camera";
        case QualityIssue::NotWhollyVisible:
            return "Show the whole page: a corner or edge is outside the picture";
        case QualityIssue::TooFar:
            return "Hold the document closer to the camera";
        case QualityIssue::TooClose:
            return "Hold the document further from the camera";
        case QualityIssue::Tilted:
            return "Lay the document flat and straight";
        case QualityIssue::Glare:
            return "Light reflects on the document: tilt it slightly or move away from the lamp";
        case QualityIssue::Blurred:
            return "The picture is blurred: hold the document still";
    }
    return "";
}

core::Result<DocumentQuality> assessDocument(const core::Image& frame) {
    try {
        auto gray = toGray(frame);
        if (!gray.has_value()) {
            return tl::unexpected(gray.error());
        }
        return assessGray(*gray);
    } catch (const std::exception& exception) {
        return core::fail(core::Errc::InvalidArgument,
                          std::string("cannot measure the frame: ") + exception.what());
    }
}

core::Result<core::Image> cropDocument(const core::Image& frame, const Outline& outline,
                                       int longSide) {
    try {
        auto bgr = toBgr(frame);
        if (!bgr.has_value()) {
            return tl::unexpected(bgr.error());
        }
        std::vector<cv::Point2f> corners;
        for (const Point& corner : outline) {
            corners.emplace_back(corner.x, corner.y);
        }
        const cv::Size2d size = edgeSize(corners);
        const double scale = std::min(1.0, longSide / std::max({size.width, size.height, 1.0}));
        const int width = std::max(1, static_cast<int>(std::lround(size.width * scale)));
        const int height = std::max(1, static_cast<int>(std::lround(size.height * scale)));
        return toImage(straighten(*bgr, corners, width, height), core::PixelFormat::Bgr24);
    } catch (const std::exception& exception) {
        return core::fail(core::Errc::InvalidArgument,
                          std::string("cannot crop the document: ") + exception.what());
    }
}

core::Result<core::Image> rotateHalfTurn(const core::Image& image) {
    auto bgr = toBgr(image);
    if (!bgr.has_value()) {
        return tl::unexpected(bgr.error());
    }
    cv::Mat turned;
    cv::rotate(*bgr, turned, cv::ROTATE_180);
    return toImage(turned, core::PixelFormat::Bgr24);
}

core::Result<core::Image> scaleToRgb(const core::Image& image, int maxWidth, int maxHeight) {
    try {
        auto bgr = toBgr(image);
        if (!bgr.has_value()) {
            return tl::unexpected(bgr.error());
        }
        const double scale = std::min({1.0, static_cast<double>(maxWidth) / bgr->cols,
                                       static_cast<double>(maxHeight) / bgr->rows});
        cv::Mat scaled;
        cv::resize(*bgr, scaled,
                   cv::Size(std::max(1, static_cast<int>(bgr->cols * scale)),
                            std::max(1, static_cast<int>(bgr->rows * scale))),
                   0.0, 0.0, cv::INTER_AREA);
        cv::Mat rgb;
        cv::cvtColor(scaled, rgb, cv::COLOR_BGR2RGB);
        return toImage(rgb, core::PixelFormat::Rgb24);
    } catch (const std::exception& exception) {
        return core::fail(core::Errc::InvalidArgument,
                          std::string("cannot scale the image: ") + exception.what());
    }
}

core::Result<std::vector<std::uint8_t>> encodeJpeg(const core::Image& image, int quality) {
    // The codec takes the layouts libjpeg reads as they are; YUYV goes through BGR first.
    if (image.format != core::PixelFormat::Yuyv) {
        return image_codec::encodeJpeg(image, quality);
    }
    try {
        auto bgr = toBgr(image);
        if (!bgr.has_value()) {
            return tl::unexpected(bgr.error());
        }
        return image_codec::encodeJpeg(toImage(*bgr, core::PixelFormat::Bgr24), quality);
    } catch (const std::exception& exception) {
        return core::fail(core::Errc::InvalidArgument,
                          std::string("cannot encode the image: ") + exception.what());
    }
}

}  // namespace balie::drivers::vision
