// SPDX-License-Identifier: GPL-3.0-or-later
// The personal part of a request as JSON, the plaintext the store encrypts.
#pragma once

#include <string>
#include <string_view>

#include "balie/core/error.h"
#include "balie/core/request.h"

namespace balie::sync {

/// \brief Version of the personal payload's layout, stored with each row so old rows stay
/// readable after the layout changes.
inline constexpr int kPersonalPayloadVersion = 1;

/// \brief Everything personal in `request` as JSON: the requester's display name, INSZ, document,
/// page references, person, addresses, e-mail, comment and the auto-filled marks. The columns the
/// store keeps in clear (local id, status, action reason, ticket, agent id, submission time) are
/// left out.
std::string encodePersonal(const core::Request& request);

/// \brief Fills the personal fields of `request` from encodePersonal()'s JSON. Errc::Storage
/// when the text is not such a payload.
[[nodiscard]] core::Result<void> decodePersonal(std::string_view json, core::Request& request);

}  // namespace balie::sync
