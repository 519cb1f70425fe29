// SPDX-License-Identifier: GPL-3.0-or-later
// The camera's live view as a widget: an OpenGL texture from a core image, with the document's
// outline, the capture progress and the guidance drawn over it.
#pragma once

#include <imgui.h>

#include "balie/core/image.h"
#include "balie/ui/document_camera.h"
#include "balie/ui/widgets.h"

namespace balie::ui {

/// \brief An OpenGL texture holding one image; deleted with the object. Without a current
/// OpenGL context (frames laid out headless) nothing is uploaded and the widgets draw a frame
/// instead of the picture.
class PreviewTexture {
public:
    PreviewTexture() = default;
    PreviewTexture(PreviewTexture&& other) noexcept;
    PreviewTexture& operator=(PreviewTexture&& other) noexcept;
    PreviewTexture(const PreviewTexture&) = delete;
    PreviewTexture& operator=(const PreviewTexture&) = delete;
    ~PreviewTexture();

    /// \brief Replaces the picture by \a image (Gray8, Rgb24 or Rgba32, well formed).
    /// \return false when it cannot be shown: another format, or no OpenGL context.
    bool upload(const core::Image& image);

    bool ready() const { return texture_ != 0; }
    int width() const { return width_; }
    int height() const { return height_; }

private:
    friend ImVec2 drawFitted(const PreviewTexture& texture, ImVec2 pos, ImVec2 size);
    void release();

    unsigned texture_ = 0;
    int width_ = 0;
    int height_ = 0;
};

/// \brief Draws \a texture as large as fits into the rectangle at \a pos (screen coordinates)
/// of \a size, centred, keeping its proportions; a grey frame when it holds no picture.
/// \return the top-left corner of the picture; its size is \a size scaled to the proportions.
ImVec2 drawFitted(const PreviewTexture& texture, ImVec2 pos, ImVec2 size);

/// \brief The live view: picture, outline of the document found, a bar of how far the
/// automatic capture has come, and \a hint in a band at the bottom.
void cameraPreview(Ui& ui, const CameraView& view, PreviewTexture& texture, ImVec2 pos, ImVec2 size,
                   const char* hint);

}  // namespace balie::ui
