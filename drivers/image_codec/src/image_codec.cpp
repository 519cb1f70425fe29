// SPDX-License-Identifier: GPL-3.0-or-later
// Chooses the decoder by the file's signature and reads files whole.
#include "balie/drivers/image_codec/image_codec.h"

#include <exception>
#include <fstream>
#include <new>
#include <string>
#include <system_error>
#include <vector>

#include "jpeg_codec.h"
#include "png_decoder.h"

namespace balie::drivers::image_codec {

core::Result<core::Image> decodeImage(std::span<const std::uint8_t> encoded) {
    try {
        if (looksLikeJpeg(encoded)) {
            return decodeJpeg(encoded);
        }
        if (looksLikePng(encoded)) {
            return decodePng(encoded);
        }
        return core::fail(core::Errc::InvalidFormat, "not a JPEG or PNG image");
    } catch (const std::bad_alloc&) {
        return core::fail(core::Errc::InvalidFormat, "not enough memory to decode the image");
    }
}

core::Result<core::Image> readImageFile(const std::filesystem::path& path) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    std::ifstream file(path, std::ios::binary);
    if (error || !file) {
        return core::fail(core::Errc::NotFound, "cannot open " + path.string());
    }
    std::vector<std::uint8_t> encoded;
    try {
        encoded.resize(size);
    } catch (const std::exception&) {  // bad_alloc or length_error
        return core::fail(core::Errc::InvalidFormat, path.string() + " is too large to read");
    }
    if (!file.read(reinterpret_cast<char*>(encoded.data()),
                   static_cast<std::streamsize>(encoded.size()))) {
        return core::fail(core::Errc::NotFound, "cannot read " + path.string());
    }
    auto image = decodeImage(encoded);
    if (!image.has_value()) {
        return core::fail(image.error().code, path.string() + ": " + image.error().message);
    }
    return image;
}

}  // namespace balie::drivers::image_codec
