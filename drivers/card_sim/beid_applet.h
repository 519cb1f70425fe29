// SPDX-License-Identifier: GPL-3.0-or-later
// The BELPIC applet of a Belgian eID card (1.7 or 1.8), answering command APDUs.
#pragma once

#include <cstdint>
#include <optional>

#include "apdu.h"
#include "card_image.h"

namespace balie::cardsim {

/// \brief Misbehaviour a test can ask for; each applies once, to the next READ BINARY it fits.
enum class Glitch {
    WrongLength,      ///< answer 6Cxx, even when Le was right, so the reader must resend
    GetResponse,      ///< answer 61xx and hand out the data by GET RESPONSE in 128-byte pieces
    EndOfFileMidFile  ///< answer a spurious 6B00 to a read that starts inside the file
};

/// \brief Answer-to-reset of a BeID with applet 1.7 (perso version 02) and 1.8 ([CONT] 2.3).
const Bytes& beidAtr(AppletVersion applet);

/// \brief A BeID card on the T=0 protocol: SELECT, READ BINARY, GET RESPONSE, GET CARD DATA,
/// VERIFY, MSE SET, PSO COMPUTE DIGITAL SIGNATURE, INTERNAL AUTHENTICATE (1.8) and LOG OFF, with
/// the status words of the Belpic reference manuals. Not thread-safe.
class BeidApplet {
public:
    explicit BeidApplet(CardImage image);

    const Bytes& atr() const { return beidAtr(image_.applet); }

    /// \brief Power on, power off and warm reset all end the card session: PIN rights, the
    /// security environment, a pending response and the current file are dropped. The PIN tries
    /// counter and armed glitches stay, as they would on a card.
    void reset();

    /// \brief Answers one command APDU with a response APDU (data and status word).
    Bytes transmit(const Bytes& command);

    void armGlitch(Glitch glitch);

    /// \brief Flips one bit of the identity file (the last byte of the surname) so that its RRN
    /// signature no longer verifies.
    void tamperIdentity();

    int pinTriesLeft() const { return image_.pinTriesLeft; }

private:
    Bytes select(const CommandApdu& apdu);
    Bytes readBinary(const CommandApdu& apdu);
    Bytes getResponse(const CommandApdu& apdu, Bytes pending);
    Bytes getCardData(const CommandApdu& apdu) const;
    Bytes verify(const CommandApdu& apdu);
    Bytes manageSecurityEnvironment(const CommandApdu& apdu);
    Bytes computeSignature(const CommandApdu& apdu);
    Bytes internalAuthenticate(const CommandApdu& apdu);
    Bytes logOff(const CommandApdu& apdu);

    // Keeps \a data for GET RESPONSE and announces at most \a piece bytes of it with 61xx.
    Bytes announce(Bytes data, std::size_t piece);
    const Bytes* file(std::uint16_t df, std::uint16_t id) const;
    bool isDf(std::uint16_t id) const;

    CardImage image_;
    std::uint16_t currentDf_ = fid::kMasterFile;
    std::optional<std::uint16_t> currentEf_;
    bool pinVerified_ = false;
    // The non-repudiation key needs a VERIFY right before its signature ([R18] 5.1.2).
    bool signingUnlocked_ = false;
    std::optional<std::uint8_t> algorithm_;
    std::optional<std::uint8_t> keyReference_;
    Bytes pending_;
    std::size_t pendingPiece_ = 256;
    bool wrongLengthArmed_ = false;
    bool getResponseArmed_ = false;
    bool midFileEndArmed_ = false;
};

}  // namespace balie::cardsim
