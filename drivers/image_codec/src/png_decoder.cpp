// SPDX-License-Identifier: GPL-3.0-or-later
// libpng behind an owning wrapper. libpng's error callback must not return: it jumps back to the
// setjmp of the one function that drives the library, skipping only libpng's C frames and the
// plain read callback, so no C++ object is left undestroyed and no exception crosses C code.
#include "png_decoder.h"

#include <png.h>

#include <algorithm>
#include <csetjmp>
#include <cstddef>
#include <cstring>
#include <string>

#include "codec_limits.h"

namespace balie::drivers::image_codec {
namespace {

constexpr std::size_t kMessageSize = 200;

struct PngSource {
    std::span<const std::uint8_t> encoded;
    std::size_t offset = 0;
    char message[kMessageSize] = {};
};

[[noreturn]] void jumpBackOnError(png_structp png, png_const_charp message) {
    auto* source = static_cast<PngSource*>(png_get_error_ptr(png));
    std::strncpy(source->message, message, kMessageSize - 1);
    png_longjmp(png, 1);
}

void ignoreWarning(png_structp /*png*/, png_const_charp /*message*/) {
}

void readFromMemory(png_structp png, png_bytep into, png_size_t length) {
    auto* source = static_cast<PngSource*>(png_get_io_ptr(png));
    if (source->encoded.size() - source->offset < length) {
        png_error(png, "the PNG data ends before the image does");
    }
    std::memcpy(into, source->encoded.data() + source->offset, length);
    source->offset += length;
}

struct PngReader {
    explicit PngReader(PngSource& source)
        : png(png_create_read_struct(PNG_LIBPNG_VER_STRING, &source, jumpBackOnError,
                                     ignoreWarning)),
          info(png != nullptr ? png_create_info_struct(png) : nullptr) {}
    PngReader(const PngReader&) = delete;
    PngReader& operator=(const PngReader&) = delete;
    ~PngReader() { png_destroy_read_struct(&png, info != nullptr ? &info : nullptr, nullptr); }

    png_structp png;
    png_infop info;
    bool tooLarge = false;
};

// Decodes into \a image with the transformations OpenCV's PNG reader applies for a colour image,
// so frames read either way are the same; false when libpng failed or the image exceeds the
// limits. Nothing with a destructor is created between setjmp and the calls that may jump back.
bool decode(PngReader& reader, PngSource& source, core::Image& image) {
    png_structp png = reader.png;
    png_infop info = reader.info;
    if (setjmp(png_jmpbuf(png)) != 0) {
        return false;
    }
    png_set_read_fn(png, &source, readFromMemory);
    png_set_user_limits(png, kMaxSide, kMaxSide);
    png_read_info(png, info);
    const png_uint_32 width = png_get_image_width(png, info);
    const png_uint_32 height = png_get_image_height(png, info);
    const int colorType = png_get_color_type(png, info);
    if (!withinLimits(width, height)) {
        reader.tooLarge = true;
        return false;
    }
    if (png_get_bit_depth(png, info) == 16) {
        png_set_strip_16(png);
    }
    png_set_strip_alpha(png);
    if (colorType == PNG_COLOR_TYPE_PALETTE) {
        png_set_palette_to_rgb(png);
    }
    if ((colorType & PNG_COLOR_MASK_COLOR) == 0) {
        png_set_expand_gray_1_2_4_to_8(png);
        png_set_gray_to_rgb(png);
    } else {
        png_set_bgr(png);
    }
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    image.width = static_cast<int>(width);
    image.height = static_cast<int>(height);
    image.stride = image.width * 3;
    image.format = core::PixelFormat::Bgr24;
    image.bytes.resize(static_cast<std::size_t>(image.stride) * height);
    if (png_get_rowbytes(png, info) != static_cast<std::size_t>(image.stride)) {
        png_error(png, "unexpected row layout after conversion");
    }
    for (int pass = 0; pass < passes; ++pass) {
        for (png_uint_32 row = 0; row < height; ++row) {
            png_read_row(png, image.bytes.data() + static_cast<std::size_t>(image.stride) * row,
                         nullptr);
        }
    }
    png_read_end(png, nullptr);
    return true;
}

}  // namespace

bool looksLikePng(std::span<const std::uint8_t> encoded) {
    return encoded.size() >= 8 && png_sig_cmp(encoded.data(), 0, 8) == 0;
}

core::Result<core::Image> decodePng(std::span<const std::uint8_t> encoded) {
    PngSource source{encoded};
    PngReader reader(source);
    if (reader.png == nullptr || reader.info == nullptr) {
        return core::fail(core::Errc::InvalidFormat, "cannot start the PNG decoder");
    }
    core::Image image;
    if (!decode(reader, source, image)) {
        return core::fail(core::Errc::InvalidFormat,
                          reader.tooLarge ? std::string("the PNG image is too large to decode")
                                          : std::string("corrupt PNG data: ") + source.message);
    }
    return image;
}

}  // namespace balie::drivers::image_codec
