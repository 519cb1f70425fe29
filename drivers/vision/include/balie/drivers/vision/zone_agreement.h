// SPDX-License-Identifier: GPL-3.0-or-later
// ZoneAgreement: when the reads of consecutive frames agree on a machine readable zone.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace balie::drivers::vision {

/// \brief How many recent frames must confirm a zone, and what speaks against it.
struct AgreementRules {
    /// Frames among the last `window` that must confirm the same zone before it is reported.
    int agreeingFrames = 3;
    /// Of those frames, how many must have cut the lines differently (MrzReader::read()): the
    /// engine's misreads change with the cut, its right reads do not.
    int agreeingCuts = 2;
    /// The most recent frames that agreement is sought in: a misread a few frames back still
    /// speaks against the zone, one from long ago no longer does.
    int window = 6;
    /// Frames of the window that may read the same zone doubtfully (every check passing, but
    /// the engine unsure or with a close runner-up somewhere) without spoiling the agreement of
    /// the others: more hint at a misread that happened to land on the zone.
    int toleratedDoubts = 1;
    /// Frames of the window that confirm another zone spoil the agreement unless the zone's own
    /// confirming frames outnumber them this many times over (with a window of six: one sure
    /// read of another zone, and all five other frames confirming this one). The engine is
    /// sometimes sure of a misread (a W read as N), in one frame of six or in most of them.
    /// Frames that read another zone doubtfully do not count: that is what a misread looks like.
    int outnumbering = 5;
};

/// \brief A frame's read whose check digits all pass.
struct ZoneRead {
    std::vector<std::string> lines;
    int cut = 0;  ///< how the lines were cut out of the frame (MrzReader::read())
    /// The engine was sure of every character no check digit watches, and every state code is
    /// known: the read may confirm the zone. Otherwise it is doubtful.
    bool confirms = false;
};

/// \brief Weighs the reads of the most recent frames of one document against each other.
class ZoneAgreement {
public:
    explicit ZoneAgreement(AgreementRules rules = {});

    struct Verdict {
        /// Frames of the window, the newest included, that confirm exactly the newest read's
        /// zone; 0 when the newest read confirms nothing.
        int confirmations = 0;
        /// The rules hold for the newest read's zone: it can be reported.
        bool agreed = false;
    };

    /// \brief Adds the newest frame's read (nullopt: the frame read no zone that passes its
    /// checks) and weighs it with the frames before it.
    Verdict add(std::optional<ZoneRead> read);

    /// \brief Forgets every frame: the document moved or another one came.
    void clear();

private:
    AgreementRules rules_;
    std::deque<std::optional<ZoneRead>> window_;  ///< oldest first
};

}  // namespace balie::drivers::vision
