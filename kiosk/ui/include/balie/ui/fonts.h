// SPDX-License-Identifier: GPL-3.0-or-later
// Debian's DejaVu fonts with the scripts that workers' names are written in.
#pragma once

#include <imgui.h>

#include <filesystem>

#include "balie/core/error.h"
#include "balie/ui/theme.h"

namespace balie::ui {

/// \brief Code point ranges (pairs, zero-terminated) of the text fonts: Latin with Latin-1,
/// Extended-A, Extended-B and Extended Additional; Greek; Cyrillic with its supplement; general
/// punctuation, the euro sign, arrows, the erase key and the PIN dots.
const ImWchar* textGlyphRanges();

/// \brief The fonts of the screens, owned by the ImGui font atlas they were added to.
struct Fonts {
    ImFont* body = nullptr;
    ImFont* title = nullptr;   ///< bold
    ImFont* digits = nullptr;  ///< bold, digits and PIN dots only
};

/// \brief Adds DejaVuSans.ttf and DejaVuSans-Bold.ttf from \a fontDir to \a atlas at the sizes
/// of \a metrics and builds the atlas.
/// \return Errc::NotFound when a font file is missing, Errc::Config when the atlas cannot be built.
core::Result<Fonts> loadFonts(ImFontAtlas& atlas, const std::filesystem::path& fontDir,
                              const Metrics& metrics);

}  // namespace balie::ui
