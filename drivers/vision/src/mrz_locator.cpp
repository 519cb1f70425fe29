// SPDX-License-Identifier: GPL-3.0-or-later
// MRZ localisation: small dark print turned into line blobs by morphology, then grouped.
#include "balie/drivers/vision/mrz_locator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <exception>
#include <numbers>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "frame_conversion.h"
#include "gray_locator.h"

namespace balie::drivers::vision {
namespace {

// Localisation runs on a copy at most this wide: enough for 44 characters of 6+ pixels.
constexpr int kWorkWidth = 640;
// A zone line spans at least this share of the (scaled) frame width: a document held far away
// has characters too small to read anyway.
constexpr double kMinLineShare = 0.3;
// 30 characters of OCR-B are about 25 times as long as high; blobs of other print are shorter.
constexpr double kMinAspect = 10.0;
constexpr double kMaxTilt = 20.0;
// Lines of one zone: parallel, about as long, stacked 1.2 to 3.5 line heights apart.
constexpr double kMaxAngleDifference = 3.0;
constexpr double kMinLengthRatio = 0.75;
constexpr double kMinSpacing = 1.2;
constexpr double kMaxSpacing = 3.5;
constexpr double kMaxShift = 0.15;
constexpr std::size_t kMaxLines = 3;

struct Candidate {
    cv::Point2d center;
    double length = 0.0;
    double height = 0.0;
    double angle = 0.0;  // degrees, y down
};

// The rotated rectangle of a contour, with the long side taken as the text direction.
Candidate candidateOf(const std::vector<cv::Point>& contour) {
    const cv::RotatedRect box = cv::minAreaRect(contour);
    std::array<cv::Point2f, 4> corners;
    box.points(corners.data());
    const cv::Point2f edgeA = corners[1] - corners[0];
    const cv::Point2f edgeB = corners[2] - corners[1];
    const double lengthA = std::hypot(edgeA.x, edgeA.y);
    const double lengthB = std::hypot(edgeB.x, edgeB.y);
    const cv::Point2f along = lengthA >= lengthB ? edgeA : edgeB;
    double angle = std::atan2(along.y, along.x) * 180.0 / std::numbers::pi;
    // The direction of an edge is arbitrary: fold it into (-90, 90].
    if (angle > 90.0) {
        angle -= 180.0;
    } else if (angle <= -90.0) {
        angle += 180.0;
    }
    return Candidate{cv::Point2d(box.center.x, box.center.y), std::max(lengthA, lengthB),
                     std::min(lengthA, lengthB), angle};
}

bool belongsAfter(const Candidate& upper, const Candidate& lower) {
    if (std::abs(upper.angle - lower.angle) > kMaxAngleDifference) {
        return false;
    }
    const double ratio =
        std::min(upper.length, lower.length) / std::max(upper.length, lower.length);
    if (ratio < kMinLengthRatio) {
        return false;
    }
    // Offsets measured along and across the upper line's direction.
    const double radians = upper.angle * std::numbers::pi / 180.0;
    const cv::Point2d along(std::cos(radians), std::sin(radians));
    const cv::Point2d across(-along.y, along.x);
    const cv::Point2d offset = lower.center - upper.center;
    const double height = (upper.height + lower.height) / 2.0;
    const double spacing = offset.dot(across);
    return spacing >= kMinSpacing * height && spacing <= kMaxSpacing * height &&
           std::abs(offset.dot(along)) <= kMaxShift * upper.length;
}

MrzLineBox toFrame(const Candidate& candidate, double scale) {
    MrzLineBox line;
    line.centerX = static_cast<float>(candidate.center.x / scale);
    line.centerY = static_cast<float>(candidate.center.y / scale);
    line.length = static_cast<float>(candidate.length / scale);
    line.height = static_cast<float>(candidate.height / scale);
    line.angle = static_cast<float>(candidate.angle);
    const cv::Rect bounds = cv::RotatedRect(cv::Point2f(line.centerX, line.centerY),
                                            cv::Size2f(line.length, line.height), line.angle)
                                .boundingRect();
    line.bounds = Rect{bounds.x, bounds.y, bounds.width, bounds.height};
    return line;
}

}  // namespace

core::Result<MrzLocation> locateMrzInGray(const cv::Mat& gray) {
    const double scale = std::min(1.0, static_cast<double>(kWorkWidth) / gray.cols);
    cv::Mat small;
    cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    cv::GaussianBlur(small, small, cv::Size(3, 3), 0);

    // Black-hat keeps dark print smaller than the kernel and drops light paper and large shapes;
    // the horizontal gradient favours the vertical strokes of text.
    cv::Mat blackhat;
    cv::morphologyEx(small, blackhat, cv::MORPH_BLACKHAT,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(13, 7)));
    cv::Mat gradient;
    cv::Sobel(blackhat, gradient, CV_32F, 1, 0, -1);
    gradient = cv::abs(gradient);
    cv::normalize(gradient, gradient, 0, 255, cv::NORM_MINMAX);
    gradient.convertTo(gradient, CV_8U);
    // Join the characters of a line, not the lines of the zone.
    cv::morphologyEx(gradient, gradient, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(17, 3)));
    cv::Mat mask;
    cv::threshold(gradient, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 1)));

    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    std::vector<Candidate> candidates;
    for (const auto& contour : contours) {
        const Candidate candidate = candidateOf(contour);
        if (candidate.length >= kMinLineShare * small.cols && candidate.height >= 2.0 &&
            candidate.length >= kMinAspect * candidate.height &&
            std::abs(candidate.angle) <= kMaxTilt) {
            candidates.push_back(candidate);
        }
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.center.y < b.center.y; });

    // Chains of lines that fit together; the zone is the chain with most lines, then the
    // longest, then the lowest (zones sit at the bottom of documents).
    std::vector<std::size_t> best;
    double bestLength = 0.0;
    for (std::size_t first = 0; first < candidates.size(); ++first) {
        std::vector<std::size_t> chain = {first};
        for (std::size_t next = first + 1; next < candidates.size(); ++next) {
            if (belongsAfter(candidates[chain.back()], candidates[next])) {
                chain.push_back(next);
            }
        }
        if (chain.size() < 2) {
            continue;
        }
        // Four or more stacked lines: the zone is the bottom of the stack.
        if (chain.size() > kMaxLines) {
            chain.erase(chain.begin(), chain.end() - static_cast<std::ptrdiff_t>(kMaxLines));
        }
        double length = 0.0;
        for (const std::size_t index : chain) {
            length += candidates[index].length;
        }
        if (chain.size() > best.size() || (chain.size() == best.size() && length >= bestLength)) {
            best = chain;
            bestLength = length;
        }
    }
    if (best.empty()) {
        return core::fail(core::Errc::NotFound, "no machine readable zone in the frame");
    }

    MrzLocation location;
    cv::Rect band;
    for (const std::size_t index : best) {
        location.lines.push_back(toFrame(candidates[index], scale));
        const Rect& bounds = location.lines.back().bounds;
        const cv::Rect rect(bounds.x, bounds.y, bounds.width, bounds.height);
        band = band.empty() ? rect : (band | rect);
    }
    band &= cv::Rect(0, 0, gray.cols, gray.rows);
    location.band = Rect{band.x, band.y, band.width, band.height};
    return location;
}

core::Result<MrzLocation> locateMrz(const core::Image& frame) {
    try {
        auto gray = toGray(frame);
        if (!gray.has_value()) {
            return tl::unexpected(gray.error());
        }
        return locateMrzInGray(*gray);
    } catch (const std::exception& exception) {
        return core::fail(core::Errc::Ocr,
                          std::string("MRZ localisation failed: ") + exception.what());
    }
}

}  // namespace balie::drivers::vision
