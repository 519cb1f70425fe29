// SPDX-License-Identifier: GPL-3.0-or-later
// The text commands that steer a running card simulator.
#pragma once

#include <string_view>

#include "balie/core/error.h"
#include "beid_applet.h"

namespace balie::cardsim {

/// \brief One control line, parsed. The lines are:
///   remove                 pull the card out (close the vpcd connection)
///   insert                 put it back (connect again)
///   glitch 6c              answer the next READ BINARY with 6Cxx
///   glitch 61              answer the next READ BINARY with 61xx, data by GET RESPONSE
///   glitch 6b00-midfile    answer the next READ BINARY inside a file with a spurious 6B00
///   tamper identity        flip a byte of the identity file so that its signature fails
///   remove-after N         pull the card out right after answering N more APDUs (0 = now)
///   quit                   stop the simulator
struct ControlCommand {
    enum class Kind { Remove, Insert, Glitch, TamperIdentity, RemoveAfter, Quit };
    Kind kind = Kind::Quit;
    Glitch glitch = Glitch::WrongLength;  ///< for Kind::Glitch
    int count = 0;                        ///< for Kind::RemoveAfter
};

/// \brief Parses one line (surrounding spaces ignored); Errc::InvalidArgument when unknown.
core::Result<ControlCommand> parseControlCommand(std::string_view line);

}  // namespace balie::cardsim
