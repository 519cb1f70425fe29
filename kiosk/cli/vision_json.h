// SPDX-License-Identifier: GPL-3.0-or-later
// JSON and text forms of what the vision driver measured and read, for `balie ocr` and
// `balie camera`.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "balie/drivers/vision/document_quality.h"
#include "balie/drivers/vision/mrz_reader.h"

namespace balie::cli {

/// \brief Measures and reasons: `document_found`, `outline`, `sharpness`, `glare`,
/// `glare_where`, `coverage`, `turn`, `lean`, `whole_visible`, `good`, `reasons` (objects with
/// `key` and `text`).
nlohmann::json qualityToJson(const drivers::vision::DocumentQuality& quality);

/// \brief `mrz` (lines as read, or null without a zone), `valid`, `fields` (as `mrz parse`, or
/// null when the lines are no MRZ) and `upside_down`, added to \a object.
void addReadingToJson(nlohmann::json& object,
                      const std::optional<drivers::vision::MrzReading>& reading);

}  // namespace balie::cli
