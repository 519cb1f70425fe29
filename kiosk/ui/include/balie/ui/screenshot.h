// SPDX-License-Identifier: GPL-3.0-or-later
// PNG screenshots of the kiosk's own framebuffer.
#pragma once

#include <filesystem>

#include "balie/core/error.h"
#include "balie/ui/platform.h"

namespace balie::ui {

/// \brief Reads the frame just rendered (the back buffer, before the swap) of a \a size window
/// and writes it to \a file as an RGB PNG. \return Errc::Storage when the file cannot be written.
core::Result<void> writeScreenshot(const std::filesystem::path& file, Size size);

}  // namespace balie::ui
