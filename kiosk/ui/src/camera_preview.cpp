// SPDX-License-Identifier: GPL-3.0-or-later
// Preview texture and the live view with its guidance overlay.
#include "camera_preview.h"

#include <GL/gl.h>
#include <SDL.h>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace balie::ui {

namespace {

std::optional<GLenum> glFormat(core::PixelFormat format) {
    switch (format) {
        case core::PixelFormat::Gray8:
            return GL_LUMINANCE;
        case core::PixelFormat::Rgb24:
            return GL_RGB;
        case core::PixelFormat::Rgba32:
            return GL_RGBA;
        case core::PixelFormat::Bgr24:
        case core::PixelFormat::Yuyv:
            return std::nullopt;
    }
    return std::nullopt;
}

ImU32 colour(Rgb rgb) {
    return ImGui::ColorConvertFloat4ToU32(toImGui(rgb));
}

// The picture's rectangle inside the area, keeping the proportions of width x height.
ImVec2 fittedSize(int width, int height, ImVec2 area) {
    if (width <= 0 || height <= 0) {
        return area;
    }
    float scale = std::min(area.x / static_cast<float>(width), area.y / static_cast<float>(height));
    return {static_cast<float>(width) * scale, static_cast<float>(height) * scale};
}

}  // namespace

PreviewTexture::PreviewTexture(PreviewTexture&& other) noexcept
    : texture_(std::exchange(other.texture_, 0)),
      width_(std::exchange(other.width_, 0)),
      height_(std::exchange(other.height_, 0)) {
}

PreviewTexture& PreviewTexture::operator=(PreviewTexture&& other) noexcept {
    if (this != &other) {
        release();
        texture_ = std::exchange(other.texture_, 0);
        width_ = std::exchange(other.width_, 0);
        height_ = std::exchange(other.height_, 0);
    }
    return *this;
}

PreviewTexture::~PreviewTexture() {
    release();
}

void PreviewTexture::release() {
    if (texture_ != 0 && SDL_GL_GetCurrentContext() != nullptr) {
        GLuint name = texture_;
        glDeleteTextures(1, &name);
    }
    texture_ = 0;
}

bool PreviewTexture::upload(const core::Image& image) {
    std::optional<GLenum> format = glFormat(image.format);
    if (!format || !image.isWellFormed() || SDL_GL_GetCurrentContext() == nullptr) {
        return false;
    }
    if (texture_ == 0) {
        GLuint name = 0;
        glGenTextures(1, &name);
        texture_ = name;
    }
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    // Rows may carry padding: tell OpenGL the stride in pixels, and read bytes unaligned.
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, image.stride / core::bytesPerPixel(image.format));
    glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(*format), image.width, image.height, 0,
                 *format, GL_UNSIGNED_BYTE, image.bytes.data());
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    width_ = image.width;
    height_ = image.height;
    return true;
}

ImVec2 drawFitted(const PreviewTexture& texture, ImVec2 pos, ImVec2 size) {
    ImVec2 picture = fittedSize(texture.width_, texture.height_, size);
    ImVec2 min(pos.x + (size.x - picture.x) / 2, pos.y + (size.y - picture.y) / 2);
    ImVec2 max(min.x + picture.x, min.y + picture.y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (texture.ready()) {
        // ImGui's OpenGL backend takes the texture name as the texture id.
        auto id = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture.texture_));
        draw->AddImage(id, min, max);
    } else {
        draw->AddRectFilled(min, max, colour(palette::kDisabled));
    }
    draw->AddRect(min, max, colour(palette::kText));
    return min;
}

void cameraPreview(Ui& ui, const CameraView& view, PreviewTexture& texture, ImVec2 pos, ImVec2 size,
                   const char* hint) {
    const Metrics& metrics = ui.metrics;
    float band = metrics.bodyFont * 2.4F;
    ImVec2 area(size.x, size.y - band);
    if (ui.repaint != nullptr) {
        ui.repaint->markLive({pos, ImVec2(pos.x + size.x, pos.y + size.y)});
    }
    texture.upload(view.preview);
    ImVec2 origin = drawFitted(texture, pos, area);
    ImVec2 picture = fittedSize(view.preview.width, view.preview.height, area);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (view.outline && view.outline->size() == 4 && view.preview.width > 0) {
        float scale = picture.x / static_cast<float>(view.preview.width);
        ImVec2 corners[4];
        for (std::size_t i = 0; i < 4; ++i) {
            corners[i] = ImVec2(origin.x + (*view.outline)[i].first * scale,
                                origin.y + (*view.outline)[i].second * scale);
        }
        bool ready = !view.hints.empty() && view.hints.front() == CaptureHint::Ready;
        // Green-ish when ready is not distinguishable for everyone: the line gets thicker.
        draw->AddPolyline(corners, 4, colour(ready ? palette::kPrimary : palette::kNotice),
                          ImDrawFlags_Closed, metrics.border * (ready ? 4.0F : 2.0F));
    }
    // How far the automatic capture has come, as a bar under the picture.
    float steadiness = std::clamp(view.steadiness, 0.0F, 1.0F);
    ImVec2 barMin(pos.x, pos.y + area.y + metrics.border);
    float barHeight = metrics.spacing / 2;
    draw->AddRectFilled(barMin, ImVec2(barMin.x + size.x, barMin.y + barHeight),
                        colour(palette::kDisabled));
    draw->AddRectFilled(barMin, ImVec2(barMin.x + size.x * steadiness, barMin.y + barHeight),
                        colour(palette::kPrimary));
    ImVec2 bandMin(pos.x, barMin.y + barHeight);
    ImVec2 bandMax(pos.x + size.x, pos.y + size.y);
    draw->AddRectFilled(bandMin, bandMax, colour(palette::kNotice));
    float textWidth = size.x - 2 * metrics.spacing;
    float textHeight =
        ui.fonts.body->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, textWidth, hint).y;
    ImGui::SetCursorScreenPos(
        ImVec2(bandMin.x + metrics.spacing,
               bandMin.y + std::max(0.0F, (bandMax.y - bandMin.y - textHeight) / 2)));
    centredText(hint, ui.fonts.body, textWidth, toImGui(palette::kText));
}

}  // namespace balie::ui
