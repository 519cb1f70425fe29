// SPDX-License-Identifier: GPL-3.0-or-later
// Errors as values: the result type every module boundary of Balie returns.
#pragma once

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace balie::core {

/// \brief Error codes, grouped by the layer that reports them.
enum class Errc {
    // Input that does not follow a format or rule of the domain.
    InvalidArgument,
    InvalidFormat,
    CheckDigitMismatch,
    OutOfRange,
    // A request for something the current state does not allow.
    InvalidState,
    NotFound,
    // Refused by the other side (an agent not on the access list, a bad device credential).
    PermissionDenied,
    // Reported by drivers and sync (card, camera, OCR, storage, network, configuration).
    Reader,
    Card,
    Camera,
    Ocr,
    Storage,
    Network,
    Config,
};

/// \brief What went wrong, in words for a technician, with the native code of the layer below
/// (PC/SC LONG, SQLite rc, CURLcode, errno) when there is one.
struct Error {
    Errc code;
    std::string message;
    long native = 0;
};

template <typename T>
using Result = tl::expected<T, Error>;

/// \brief Shorthand for returning an error from a function that returns Result<T>.
inline tl::unexpected<Error> fail(Errc code, std::string message, long native = 0) {
    return tl::unexpected<Error>(Error{code, std::move(message), native});
}

}  // namespace balie::core
