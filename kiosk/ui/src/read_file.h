// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-file reads for the kiosk's small inputs: catalogs, configuration, scripts.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace balie::ui {

/// \brief The bytes of \a file, nullopt when it cannot be read.
inline std::optional<std::string> readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) {
        return std::nullopt;
    }
    std::streamoff size = in.tellg();
    if (size < 0) {
        return std::nullopt;
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), size)) {
        return std::nullopt;
    }
    return bytes;
}

}  // namespace balie::ui
