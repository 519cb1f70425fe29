// SPDX-License-Identifier: GPL-3.0-or-later
// JSON forms of document quality and MRZ readings.
#include "vision_json.h"

#include <cmath>
#include <string>

#include "mrz_json.h"

namespace balie::cli {
namespace {

// Measures rounded for people: three decimals say all they mean.
double rounded(double value) {
    return std::round(value * 1000.0) / 1000.0;
}

}  // namespace

nlohmann::json qualityToJson(const drivers::vision::DocumentQuality& quality) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto issue : quality.issues) {
        reasons.push_back({{"key", drivers::vision::qualityIssueKey(issue)},
                           {"text", drivers::vision::qualityIssueText(issue)}});
    }
    nlohmann::json outline = nullptr;
    if (quality.outline.has_value()) {
        outline = nlohmann::json::array();
        for (const auto& corner : *quality.outline) {
            outline.push_back({std::lround(corner.x), std::lround(corner.y)});
        }
    }
    return {
        {"document_found", quality.outline.has_value()},
        {"outline", outline},
        {"sharpness", rounded(quality.sharpness)},
        {"glare", rounded(quality.glare)},
        {"glare_where",
         quality.glareWhere.empty() ? nlohmann::json(nullptr) : nlohmann::json(quality.glareWhere)},
        {"coverage", rounded(quality.coverage)},
        {"turn", rounded(quality.turn)},
        {"lean", rounded(quality.lean)},
        {"whole_visible", quality.wholeVisible},
        {"good", quality.good()},
        {"reasons", reasons},
    };
}

void addReadingToJson(nlohmann::json& object,
                      const std::optional<drivers::vision::MrzReading>& reading) {
    object["mrz"] = reading.has_value() ? nlohmann::json(reading->lines) : nlohmann::json(nullptr);
    object["valid"] = reading.has_value() && reading->valid();
    object["fields"] = reading.has_value() && reading->mrz.has_value() ? mrzToJson(*reading->mrz)
                                                                       : nlohmann::json(nullptr);
    object["upside_down"] = reading.has_value() && reading->upsideDown;
}

}  // namespace balie::cli
