// SPDX-License-Identifier: GPL-3.0-or-later
// Image: the pixel buffer that cameras, document readers and the UI exchange through core ports.
#pragma once

#include <cstdint>
#include <vector>

namespace balie::core {

/// \brief Layout of one pixel in Image::bytes.
enum class PixelFormat {
    Gray8,   ///< one byte of luminance
    Rgb24,   ///< three bytes: red, green, blue
    Bgr24,   ///< three bytes: blue, green, red (OpenCV's order)
    Rgba32,  ///< four bytes: red, green, blue, alpha
    Yuyv,    ///< packed YUV 4:2:2 (V4L2 YUYV): two bytes per pixel, even width
};

/// \brief Bytes one pixel of `format` takes in a row.
int bytesPerPixel(PixelFormat format);

/// \brief An image in memory, owned by value. Ports speak this type instead of a library's (never
/// a cv::Mat or a libcamera buffer), so the core stays free of vendor headers.
///
/// Rows follow each other `stride` bytes apart; a row may carry padding after its last pixel.
struct Image {
    int width = 0;
    int height = 0;
    int stride = 0;  ///< bytes from the start of one row to the start of the next
    PixelFormat format = PixelFormat::Gray8;
    std::vector<std::uint8_t> bytes;

    /// \brief True when the dimensions are positive, a row of pixels fits in `stride`, the
    /// buffer holds `height` rows, and a YUYV image has an even width (pixels come in pairs).
    /// Drivers check this at their edge before handing an image on.
    bool isWellFormed() const;

    bool operator==(const Image&) const = default;
};

}  // namespace balie::core
