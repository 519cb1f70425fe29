// SPDX-License-Identifier: GPL-3.0-or-later
// Image layout checks.
#include "balie/core/image.h"

#include <cstddef>

namespace balie::core {

int bytesPerPixel(PixelFormat format) {
    switch (format) {
        case PixelFormat::Gray8:
            return 1;
        case PixelFormat::Rgb24:
        case PixelFormat::Bgr24:
            return 3;
        case PixelFormat::Rgba32:
            return 4;
        case PixelFormat::Yuyv:
            return 2;
    }
    return 0;
}

bool Image::isWellFormed() const {
    if (width <= 0 || height <= 0 || stride <= 0) {
        return false;
    }
    if (format == PixelFormat::Yuyv && width % 2 != 0) {
        return false;
    }
    // Compare in 64 bits: width * bytes per pixel and stride * height can exceed int for a
    // malformed header.
    const auto rowBytes = static_cast<long long>(width) * bytesPerPixel(format);
    if (stride < rowBytes) {
        return false;
    }
    return static_cast<unsigned long long>(stride) * static_cast<unsigned long long>(height) <=
           bytes.size();
}

}  // namespace balie::core
