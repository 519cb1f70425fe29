// SPDX-License-Identifier: GPL-3.0-or-later
// Palette contrast (WCAG 2 relative luminance) and display-dependent sizes.
#include "balie/ui/theme.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace balie::ui {

namespace {

constexpr float kMillimetresPerInch = 25.4F;
constexpr float kDesignWidth = 1920.0F;
constexpr float kDesignHeight = 1080.0F;

double channelLuminance(std::uint8_t channel) {
    double value = channel / 255.0;
    return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

double relativeLuminance(Rgb colour) {
    return 0.2126 * channelLuminance(colour.r) + 0.7152 * channelLuminance(colour.g) +
           0.0722 * channelLuminance(colour.b);
}

}  // namespace

double contrastRatio(Rgb first, Rgb second) {
    double a = relativeLuminance(first);
    double b = relativeLuminance(second);
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

ImVec4 toImGui(Rgb colour) {
    return {colour.r / 255.0F, colour.g / 255.0F, colour.b / 255.0F, 1.0F};
}

Metrics computeMetrics(std::optional<float> dpi, int width, int height) {
    float usableDpi = dpi && *dpi >= 50.0F && *dpi <= 600.0F ? *dpi : kFallbackDpi;
    float mm = usableDpi / kMillimetresPerInch;
    float scale = std::min(static_cast<float>(width) / kDesignWidth,
                           static_cast<float>(height) / kDesignHeight);
    Metrics metrics;
    metrics.pixelsPerMm = mm;
    metrics.minTarget = std::round(9.0F * mm);
    metrics.bodyFont = std::round(std::max(40.0F * scale, 4.0F * mm));
    metrics.titleFont = std::round(metrics.bodyFont * 1.5F);
    metrics.digitFont = std::round(std::max(72.0F * scale, 7.0F * mm));
    metrics.buttonHeight = std::round(std::max(120.0F * scale, metrics.minTarget));
    metrics.spacing = std::round(std::max(24.0F * scale, 2.0F * mm));
    metrics.margin = std::round(std::max(48.0F * scale, 3.0F * mm));
    metrics.rounding = std::round(12.0F * scale);
    metrics.border = std::max(std::round(3.0F * scale), 1.0F);
    return metrics;
}

void applyTheme(const Metrics& metrics, ImGuiStyle& style) {
    style = ImGuiStyle();
    style.WindowPadding = {metrics.margin, metrics.margin};
    style.WindowRounding = 0;
    style.WindowBorderSize = 0;
    style.FramePadding = {metrics.spacing, metrics.spacing / 2};
    style.FrameRounding = metrics.rounding;
    style.FrameBorderSize = metrics.border;
    style.ItemSpacing = {metrics.spacing, metrics.spacing};
    style.ItemInnerSpacing = {metrics.spacing / 2, metrics.spacing / 2};
    // Reactive margins fill half of each gap, so a finger slightly beside a button still hits
    // it but two buttons never overlap.
    style.TouchExtraPadding = {metrics.spacing * 0.45F, metrics.spacing * 0.45F};
    style.ScrollbarSize = std::round(metrics.minTarget / 2);
    style.GrabMinSize = metrics.minTarget;
    style.AntiAliasedLines = true;
    style.AntiAliasedFill = true;

    ImVec4* colours = style.Colors;
    colours[ImGuiCol_Text] = toImGui(palette::kText);
    colours[ImGuiCol_TextDisabled] = toImGui(palette::kOnDisabled);
    // Each frame starts cleared to the background colour: a window or child filling itself with
    // the same colour again would only cost fill rate (a whole screen per window without a GPU).
    colours[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 0);
    colours[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    colours[ImGuiCol_PopupBg] = toImGui(palette::kBackground);
    colours[ImGuiCol_Border] = toImGui(palette::kText);
    colours[ImGuiCol_FrameBg] = toImGui(palette::kBackground);
    // No hover on a touchscreen: hovered looks the same as idle.
    colours[ImGuiCol_FrameBgHovered] = toImGui(palette::kBackground);
    colours[ImGuiCol_FrameBgActive] = toImGui(palette::kSecondaryPressed);
    colours[ImGuiCol_Button] = toImGui(palette::kSecondary);
    colours[ImGuiCol_ButtonHovered] = toImGui(palette::kSecondary);
    colours[ImGuiCol_ButtonActive] = toImGui(palette::kSecondaryPressed);
    colours[ImGuiCol_ScrollbarBg] = toImGui(palette::kSecondary);
    colours[ImGuiCol_ScrollbarGrab] = toImGui(palette::kPrimary);
    colours[ImGuiCol_ScrollbarGrabHovered] = toImGui(palette::kPrimary);
    colours[ImGuiCol_ScrollbarGrabActive] = toImGui(palette::kPrimaryPressed);
}

}  // namespace balie::ui
