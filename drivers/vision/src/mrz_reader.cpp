// SPDX-License-Identifier: GPL-3.0-or-later
// MrzReader: locate the zone, cut each line upright with a measured margin, OCR, correct, parse.
#include "balie/drivers/vision/mrz_reader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <exception>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "balie/drivers/vision/mrz_correction.h"
#include "balie/drivers/vision/mrz_doubt.h"
#include "frame_conversion.h"
#include "gray_locator.h"

namespace balie::drivers::vision {
namespace {

// The first cut reaches this far (in line heights) above and below the line, so that the text
// rows can be measured even when the localisation blob is off by a few pixels.
constexpr double kSearchMargin = 0.6;
// Paper kept around the text, in line heights: the model was trained on margins of 0 to 0.6 line
// heights above and below and 0.1 to 2.5 character widths at the ends. Each cut shows the engine
// the text at another scale and place, so that its misreads differ from cut to cut.
struct Margins {
    double vertical;
    double horizontal;
};
constexpr std::array<Margins, kLineCuts> kCuts = {Margins{0.5, 0.7}, Margins{0.6, 1.0},
                                                  Margins{0.4, 0.6}};
// The tallest line cut handed to the engine, margins included (the model was trained on text
// 11 to 40 pixels high).
constexpr int kMaxLineHeight = 48;
// A row belongs to the text when it holds at least this share of the inkiest row's ink.
constexpr double kTextRowShare = 0.2;

// Cuts a line out of the frame, turned upright, with margins counted in line heights.
cv::Mat cutUpright(const cv::Mat& gray, const MrzLineBox& line, double verticalMargin,
                   double horizontalMargin) {
    const int width =
        static_cast<int>(std::lround(line.length + 2.0 * horizontalMargin * line.height));
    const int height = static_cast<int>(std::lround(line.height * (1.0 + 2.0 * verticalMargin)));
    cv::Mat rotation =
        cv::getRotationMatrix2D(cv::Point2f(line.centerX, line.centerY), line.angle, 1.0);
    // Move the line's centre to the centre of the output.
    rotation.at<double>(0, 2) += width / 2.0 - line.centerX;
    rotation.at<double>(1, 2) += height / 2.0 - line.centerY;
    cv::Mat upright;
    cv::warpAffine(gray, upright, rotation, cv::Size(std::max(width, 1), std::max(height, 1)),
                   cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    return upright;
}

// A line cut no taller than the model's training lines: Tesseract's own preparation of a line
// costs time with every pixel, and larger print reads no better.
cv::Mat fitHeight(const cv::Mat& line) {
    if (line.rows <= kMaxLineHeight) {
        return line;
    }
    cv::Mat smaller;
    const double scale = static_cast<double>(kMaxLineHeight) / line.rows;
    cv::resize(line, smaller, cv::Size(), scale, scale, cv::INTER_AREA);
    return smaller;
}

// The rows [first, last] of the text in an upright cut: the run of inky rows around the middle.
std::pair<int, int> textRows(const cv::Mat& upright) {
    cv::Mat ink;
    cv::threshold(upright, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    cv::Mat rows;
    cv::reduce(ink, rows, 1, cv::REDUCE_SUM, CV_64F);
    double most = 0.0;
    cv::minMaxLoc(rows, nullptr, &most);
    const double threshold = kTextRowShare * most;
    int middle = upright.rows / 2;
    // The middle row may fall between strokes of a thin font: start from the inkiest row near it.
    const int reach = upright.rows / 6;
    for (int row = upright.rows / 2 - reach; row <= upright.rows / 2 + reach; ++row) {
        if (row >= 0 && row < upright.rows && rows.at<double>(row) > rows.at<double>(middle)) {
            middle = row;
        }
    }
    int first = middle;
    int last = middle;
    while (first > 0 && rows.at<double>(first - 1) >= threshold) {
        --first;
    }
    while (last + 1 < upright.rows && rows.at<double>(last + 1) >= threshold) {
        ++last;
    }
    return {first, last};
}

// The line measured again in the frame: its height and centre from the text rows of a cut.
MrzLineBox refine(const cv::Mat& gray, const MrzLineBox& line) {
    const cv::Mat upright = cutUpright(gray, line, kSearchMargin, 0.0);
    const auto [first, last] = textRows(upright);
    const double textHeight = last - first + 1;
    if (textHeight < 0.4 * line.height || textHeight > 1.6 * line.height) {
        return line;  // the measurement failed; the blob is the better guess
    }
    // Shift the centre across the line by the offset of the text rows from the cut's middle.
    const double shift = (first + last) / 2.0 - (upright.rows - 1) / 2.0;
    const double radians = line.angle * CV_PI / 180.0;
    MrzLineBox refined = line;
    refined.centerX = static_cast<float>(line.centerX - shift * std::sin(radians));
    refined.centerY = static_cast<float>(line.centerY + shift * std::cos(radians));
    refined.height = static_cast<float>(textHeight);
    return refined;
}

// The location of the same lines in the frame turned by 180 degrees, top to bottom again.
MrzLocation halfTurned(const MrzLocation& location, const cv::Size& size) {
    MrzLocation turned;
    const auto flipX = [&size](float x) { return static_cast<float>(size.width - 1) - x; };
    const auto flipY = [&size](float y) { return static_cast<float>(size.height - 1) - y; };
    turned.band = {size.width - location.band.x - location.band.width,
                   size.height - location.band.y - location.band.height, location.band.width,
                   location.band.height};
    for (auto line = location.lines.rbegin(); line != location.lines.rend(); ++line) {
        MrzLineBox box = *line;
        box.centerX = flipX(line->centerX);
        box.centerY = flipY(line->centerY);
        box.bounds = {size.width - line->bounds.x - line->bounds.width,
                      size.height - line->bounds.y - line->bounds.height, line->bounds.width,
                      line->bounds.height};
        turned.lines.push_back(box);
    }
    return turned;
}

float lowest(const std::vector<float>& values) {
    return values.empty() ? 0.0F : *std::min_element(values.begin(), values.end());
}

// Reads the located lines of a grey frame: cut, OCR, correct, parse.
core::Result<MrzReading> readLocated(OcrEngine& engine, const cv::Mat& gray,
                                     const MrzLocation& location, const Margins& margins) {
    MrzReading reading;
    reading.band = location.band;
    std::vector<OcrLine> reads;
    for (const MrzLineBox& box : location.lines) {
        const cv::Mat line =
            fitHeight(cutUpright(gray, refine(gray, box), margins.vertical, margins.horizontal));
        auto text = engine.readLine(toImage(line));
        if (!text.has_value()) {
            return tl::unexpected(text.error());
        }
        reading.rawLines.push_back(text->text);
        reads.push_back(std::move(*text));
    }
    std::span<const std::string> lines(reading.rawLines);
    std::span<const OcrLine> lineReads(reads);
    auto format = guessMrzFormat(lines);
    // Three stacked lines may be a line of the visual zone above a two-line zone.
    if (!format.has_value() && lines.size() == 3) {
        lines = lines.subspan(1);
        lineReads = lineReads.subspan(1);
        format = guessMrzFormat(lines);
    }
    std::vector<float> confidences;
    for (const OcrLine& read : lineReads) {
        confidences.push_back(read.confidence);
    }
    reading.confidence = lowest(confidences);
    if (!format.has_value()) {
        reading.lines.assign(lines.begin(), lines.end());
        return reading;
    }
    auto corrected = correctMrzLines(*format, lines);
    reading.lines = std::move(corrected.lines);
    reading.corrections = corrected.changes;
    const MrzDoubt doubt = mrzDoubt(*format, lineReads, reading.lines);
    reading.weakestUnguarded = doubt.weakestUnguarded;
    reading.strongestRival = doubt.strongestRival;
    if (auto mrz = core::parseMrzLines(reading.lines); mrz.has_value()) {
        reading.mrz = std::move(*mrz);
    }
    return reading;
}

}  // namespace

MrzReader::MrzReader(OcrEngine engine) : engine_(std::move(engine)) {
}

core::Result<MrzReader> MrzReader::create(const std::filesystem::path& modelDirectory) {
    auto engine = OcrEngine::create(modelDirectory);
    if (!engine.has_value()) {
        return tl::unexpected(engine.error());
    }
    return MrzReader(std::move(*engine));
}

core::Result<MrzReading> MrzReader::read(const core::Image& frame, int cut) {
    try {
        auto gray = toGray(frame);
        if (!gray.has_value()) {
            return tl::unexpected(gray.error());
        }
        auto location = locateMrzInGray(*gray);
        if (!location.has_value()) {
            return tl::unexpected(location.error());
        }
        // The located lines are the same lines in the frame turned by 180 degrees, so only their
        // boxes move. Consecutive frames show the document the same way up: the side that read
        // last time is tried first, and the other only when that fails a check.
        const Margins& margins = kCuts[static_cast<std::size_t>(std::abs(cut % kLineCuts))];
        cv::Mat turned;
        const auto readSide = [&](bool upsideDown) {
            if (!upsideDown) {
                return readLocated(engine_, *gray, *location, margins);
            }
            if (turned.empty()) {
                cv::rotate(*gray, turned, cv::ROTATE_180);
            }
            auto reading =
                readLocated(engine_, turned, halfTurned(*location, gray->size()), margins);
            if (reading.has_value()) {
                reading->band = location->band;
                reading->upsideDown = true;
            }
            return reading;
        };
        auto reading = readSide(lastUpsideDown_);
        if (!reading.has_value() || reading->valid()) {
            return reading;
        }
        auto other = readSide(!lastUpsideDown_);
        if (!other.has_value()) {
            return other;
        }
        if (other->valid()) {
            lastUpsideDown_ = !lastUpsideDown_;
            return other;
        }
        // No side passes its checks: report the side that forms an MRZ, upright when both do.
        auto& upright = lastUpsideDown_ ? *other : *reading;
        auto& upsideDown = lastUpsideDown_ ? *reading : *other;
        return upright.mrz.has_value() || !upsideDown.mrz.has_value() ? upright : upsideDown;
    } catch (const std::exception& exception) {
        return core::fail(core::Errc::Ocr, std::string("MRZ reading failed: ") + exception.what());
    }
}

}  // namespace balie::drivers::vision
