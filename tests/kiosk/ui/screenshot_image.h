// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshots of balie-kiosk read back from their PNG files.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <vector>

namespace balie::test {

/// \brief A screenshot read back from its PNG file.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> rgb;

    bool operator==(const Image&) const = default;
};

std::optional<Image> loadImage(const std::filesystem::path& file);

/// \brief How many different colours the image holds: a blank frame has one or two.
std::size_t distinctColours(const Image& image);

}  // namespace balie::test
