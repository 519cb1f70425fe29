// SPDX-License-Identifier: GPL-3.0-or-later
// PNG screenshots decoded with stb_image.
#include "screenshot_image.h"

#include <stb_image.h>

#include <set>

namespace balie::test {

std::optional<Image> loadImage(const std::filesystem::path& file) {
    int width = 0;
    int height = 0;
    int channels = 0;
    unsigned char* pixels = stbi_load(file.c_str(), &width, &height, &channels, 3);
    if (pixels == nullptr) {
        return std::nullopt;
    }
    Image image{width, height, {}};
    image.rgb.assign(
        pixels, pixels + static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    stbi_image_free(pixels);
    return image;
}

std::size_t distinctColours(const Image& image) {
    std::set<unsigned> colours;
    for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3) {
        colours.insert(unsigned{image.rgb[i]} << 16 | unsigned{image.rgb[i + 1]} << 8 |
                       image.rgb[i + 2]);
    }
    return colours.size();
}

}  // namespace balie::test
