// SPDX-License-Identifier: GPL-3.0-or-later
// Font atlas of the kiosk: DejaVu Sans regular and bold with every script the screens need.
#include "balie/ui/fonts.h"

#include <fstream>

namespace balie::ui {

namespace {

// A glyph outside the atlas is drawn as '?' (kiosk.md §5), so the ranges cover the names of
// workers from anywhere in Europe, not only what the catalogs use today.
constexpr ImWchar kTextRanges[] = {
    0x0020, 0x00FF,  // Basic Latin, Latin-1 Supplement
    0x0100, 0x024F,  // Latin Extended-A and -B
    0x0370, 0x03FF,  // Greek and Coptic
    0x0400, 0x052F,  // Cyrillic and Cyrillic Supplement
    0x1E00, 0x1EFF,  // Latin Extended Additional
    0x2000, 0x206F,  // General Punctuation: dashes, quotes, ellipsis
    0x20AC, 0x20AC,  // euro sign
    0x2190, 0x21FF,  // arrows: shift and back keys
    0x2212, 0x2212,  // minus sign: an open info zone
    0x232B, 0x232B,  // erase to the left
    0x25CB, 0x25CB,  // white circle: a PIN digit still to type
    0x25CF, 0x25CF,  // black circle: a PIN digit typed
    0x2610, 0x2612,  // ballot boxes: check boxes
    0,
};

// The large digit font: a full text range at this size would only waste atlas memory.
constexpr ImWchar kDigitRanges[] = {
    0x0020, 0x0020, 0x0030, 0x0039, 0x003F, 0x003F, 0x25CB, 0x25CB, 0x25CF, 0x25CF, 0,
};

core::Result<ImFont*> addFont(ImFontAtlas& atlas, const std::filesystem::path& file, float size,
                              const ImWchar* ranges) {
    if (!std::ifstream(file, std::ios::binary)) {
        return core::fail(core::Errc::NotFound, "cannot read font " + file.string());
    }
    ImFontConfig config;
    // Large sizes gain nothing from horizontal oversampling; it would triple the atlas.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    ImFont* font = atlas.AddFontFromFileTTF(file.c_str(), size, &config, ranges);
    if (font == nullptr) {
        return core::fail(core::Errc::Config, "cannot load font " + file.string());
    }
    return font;
}

}  // namespace

const ImWchar* textGlyphRanges() {
    return kTextRanges;
}

core::Result<Fonts> loadFonts(ImFontAtlas& atlas, const std::filesystem::path& fontDir,
                              const Metrics& metrics) {
    atlas.Clear();
    std::filesystem::path regular = fontDir / "DejaVuSans.ttf";
    std::filesystem::path bold = fontDir / "DejaVuSans-Bold.ttf";
    Fonts fonts;
    auto body = addFont(atlas, regular, metrics.bodyFont, kTextRanges);
    if (!body.has_value()) {
        return tl::unexpected(body.error());
    }
    auto title = addFont(atlas, bold, metrics.titleFont, kTextRanges);
    if (!title.has_value()) {
        return tl::unexpected(title.error());
    }
    auto digits = addFont(atlas, bold, metrics.digitFont, kDigitRanges);
    if (!digits.has_value()) {
        return tl::unexpected(digits.error());
    }
    if (!atlas.Build()) {
        return core::fail(core::Errc::Config, "cannot build the font atlas");
    }
    return Fonts{*body, *title, *digits};
}

}  // namespace balie::ui
