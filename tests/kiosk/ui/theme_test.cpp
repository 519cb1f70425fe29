// SPDX-License-Identifier: GPL-3.0-or-later
// High contrast and finger-sized targets on any display.
#include "balie/ui/theme.h"

#include <gtest/gtest.h>

namespace balie::ui {
namespace {

TEST(ThemeTest, ComputesWcagContrast) {
    EXPECT_NEAR(contrastRatio(palette::kText, palette::kBackground), 21.0, 0.01);
    EXPECT_NEAR(contrastRatio(palette::kBackground, palette::kBackground), 1.0, 0.01);
}

TEST(ThemeTest, EveryTextColourReachesAaaContrastOnItsBackground) {
    struct Pair {
        Rgb text;
        Rgb background;
        const char* what;
    };
    for (const Pair& pair : {
             Pair{palette::kText, palette::kBackground, "text"},
             Pair{palette::kOnPrimary, palette::kPrimary, "primary button"},
             Pair{palette::kOnPrimary, palette::kPrimaryPressed, "pressed primary button"},
             Pair{palette::kText, palette::kSecondary, "secondary button"},
             Pair{palette::kText, palette::kSecondaryPressed, "pressed secondary button"},
             Pair{palette::kOnDisabled, palette::kDisabled, "disabled button"},
             Pair{palette::kError, palette::kBackground, "error"},
             Pair{palette::kError, palette::kNotice, "error banner"},
             Pair{palette::kText, palette::kNotice, "notice banner"},
             Pair{palette::kOnPrimary, palette::kTopBar, "top bar"},
         }) {
        EXPECT_GE(contrastRatio(pair.text, pair.background), 7.0) << pair.what;
    }
}

TEST(ThemeTest, TargetsAreAtLeastNineMillimetres) {
    for (float dpi : {96.0F, 141.0F, 220.0F, 400.0F}) {
        for (auto [width, height] : {std::pair{1920, 1080}, {1280, 800}, {800, 480}}) {
            Metrics metrics = computeMetrics(dpi, width, height);
            float nineMm = 9.0F * dpi / 25.4F;
            EXPECT_GE(metrics.minTarget + 0.5F, nineMm) << dpi << " dpi";
            EXPECT_GE(metrics.buttonHeight, metrics.minTarget) << dpi << " dpi " << width;
            EXPECT_GE(metrics.bodyFont + 0.5F, 4.0F * dpi / 25.4F) << dpi << " dpi " << width;
        }
    }
}

TEST(ThemeTest, ScalesLayoutWithTheWindow) {
    Metrics full = computeMetrics(96.0F, 1920, 1080);
    EXPECT_EQ(full.bodyFont, 40.0F);
    EXPECT_EQ(full.buttonHeight, 120.0F);
    Metrics half = computeMetrics(96.0F, 960, 540);
    EXPECT_LT(half.bodyFont, full.bodyFont);
    EXPECT_GT(full.titleFont, full.bodyFont);
}

TEST(ThemeTest, FallsBackToADenseDisplayWhenTheDpiIsUnknownOrImplausible) {
    Metrics unknown = computeMetrics(std::nullopt, 1920, 1080);
    EXPECT_FLOAT_EQ(unknown.pixelsPerMm, kFallbackDpi / 25.4F);
    EXPECT_FLOAT_EQ(computeMetrics(0.0F, 1920, 1080).pixelsPerMm, unknown.pixelsPerMm);
    EXPECT_FLOAT_EQ(computeMetrics(5000.0F, 1920, 1080).pixelsPerMm, unknown.pixelsPerMm);
    EXPECT_GE(unknown.minTarget, 56.0F);
}

}  // namespace
}  // namespace balie::ui
