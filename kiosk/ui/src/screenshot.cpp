// SPDX-License-Identifier: GPL-3.0-or-later
// Framebuffer read-back and PNG encoding with Debian's stb (already a dependency of libimgui).
#include "balie/ui/screenshot.h"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace balie::ui {

core::Result<void> writeScreenshot(const std::filesystem::path& file, Size size) {
    constexpr int kChannels = 3;
    std::size_t stride = static_cast<std::size_t>(size.width) * kChannels;
    std::vector<unsigned char> pixels(stride * static_cast<std::size_t>(size.height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, size.width, size.height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows run bottom-up, PNG's top-down.
    for (std::size_t top = 0, bottom = static_cast<std::size_t>(size.height) - 1; top < bottom;
         ++top, --bottom) {
        std::swap_ranges(pixels.begin() + static_cast<std::ptrdiff_t>(top * stride),
                         pixels.begin() + static_cast<std::ptrdiff_t>((top + 1) * stride),
                         pixels.begin() + static_cast<std::ptrdiff_t>(bottom * stride));
    }
    if (stbi_write_png(file.c_str(), size.width, size.height, kChannels, pixels.data(),
                       static_cast<int>(stride)) == 0) {
        return core::fail(core::Errc::Storage, "cannot write screenshot " + file.string());
    }
    return {};
}

}  // namespace balie::ui
