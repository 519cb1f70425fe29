// SPDX-License-Identifier: GPL-3.0-or-later
// Image files decoded with balie_image_codec.
#include "balie/drivers/vision/image_file.h"

#include <string>
#include <system_error>

#include "balie/drivers/image_codec/image_codec.h"

namespace balie::drivers::vision {

core::Result<core::Image> loadImageFile(const std::filesystem::path& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        return core::fail(core::Errc::NotFound, "no such file: " + path.string());
    }
    auto image = image_codec::readImageFile(path);
    if (!image.has_value()) {
        return core::fail(core::Errc::InvalidFormat,
                          path.string() + " is not an image: " + image.error().message);
    }
    return image;
}

}  // namespace balie::drivers::vision
