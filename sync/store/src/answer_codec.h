// SPDX-License-Identifier: GPL-3.0-or-later
// The central service's answer details as the store seals them, and as a request carries them.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "balie/core/error.h"
#include "balie/core/request.h"
#include "balie/sync/crypto/key_file.h"
#include "balie/sync/delivery.h"

namespace balie::sync {

/// \brief The sealed blob of \a details, bound to request \a localId.
std::vector<std::uint8_t> sealAnswerDetails(const SecretKey& key, std::string_view localId,
                                            const AnswerDetails& details);

/// \brief Opens what sealAnswerDetails() sealed. Errc::Storage when it was altered or is damaged.
[[nodiscard]] core::Result<AnswerDetails> unsealAnswerDetails(const SecretKey& key,
                                                              std::string_view localId,
                                                              std::span<const std::uint8_t> sealed);

/// \brief Fills in the answer details \a request shows from their sealed blob: the operator's
/// words while it is ActionExpected, the fields the registry completed (wire names and values
/// converted to the core's) while it is Identified. In other states the blob is not opened.
/// Fields and values this kiosk does not know are left out. Errc::Storage as unsealAnswerDetails().
[[nodiscard]] core::Result<void> fillAnswerDetails(const SecretKey& key,
                                                   std::span<const std::uint8_t> sealed,
                                                   core::Request& request);

}  // namespace balie::sync
