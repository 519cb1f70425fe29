// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the JPEG and PNG decoder that reads replayed camera frames, MJPEG frames of a V4L2
// camera and the files given to `balie ocr`: it must refuse what is broken with an error, and
// what it accepts must be a well-formed picture that encodes and decodes again at the same size.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "balie/drivers/image_codec/image_codec.h"

namespace {

namespace codec = balie::drivers::image_codec;

void require(bool condition, const char* property) {
    if (!condition) {
        std::fprintf(stderr, "image codec property violated: %s\n", property);
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto image = codec::decodeImage(std::span<const std::uint8_t>(data, size));
    if (!image.has_value()) {
        require(!image.error().message.empty(), "a refusal says why");
        return 0;
    }
    require(image->isWellFormed(), "a decoded image is well-formed");
    require(image->format == balie::core::PixelFormat::Bgr24, "a decoded image is Bgr24");
    auto jpeg = codec::encodeJpeg(*image, 75);
    require(jpeg.has_value(), "a decoded image encodes");
    auto again = codec::decodeImage(*jpeg);
    require(again.has_value(), "an encoded image decodes");
    require(again->width == image->width && again->height == image->height,
            "an image keeps its size through JPEG");
    return 0;
}
