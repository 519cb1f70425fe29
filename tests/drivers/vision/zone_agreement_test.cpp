// SPDX-License-Identifier: GPL-3.0-or-later
#include "balie/drivers/vision/zone_agreement.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace balie::drivers::vision {
namespace {

// The ICAO 9303 Part 4 specimen, and the same zone with MARIA misread as NARIA.
const std::vector<std::string> kZone = {"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                        "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
const std::vector<std::string> kMisread = {"P<UTOERIKSSON<<ANNA<NARIA<<<<<<<<<<<<<<<<<<<",
                                           "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};

// The next frame's read, cut as the scanner cuts them in turn.
class ZoneAgreementTest : public ::testing::Test {
protected:
    ZoneAgreement::Verdict sure(const std::vector<std::string>& lines) {
        return agreement_.add(ZoneRead{lines, nextCut(), true});
    }
    ZoneAgreement::Verdict doubtful(const std::vector<std::string>& lines) {
        return agreement_.add(ZoneRead{lines, nextCut(), false});
    }
    ZoneAgreement::Verdict unread() {
        nextCut();
        return agreement_.add(std::nullopt);
    }
    int nextCut() { return cut_++ % 3; }

    ZoneAgreement agreement_;
    int cut_ = 0;
};

TEST_F(ZoneAgreementTest, ThreeSureReadsCutTwoWaysAgree) {
    EXPECT_EQ(sure(kZone).confirmations, 1);
    EXPECT_FALSE(sure(kZone).agreed);
    const auto third = sure(kZone);
    EXPECT_EQ(third.confirmations, 3);
    EXPECT_TRUE(third.agreed);
}

TEST_F(ZoneAgreementTest, FramesCutOneWayOnlyDoNotAgree) {
    ZoneAgreement agreement;
    for (int i = 0; i < 5; ++i) {
        const auto verdict = agreement.add(ZoneRead{kZone, 0, true});
        EXPECT_EQ(verdict.confirmations, i + 1);
        EXPECT_FALSE(verdict.agreed) << "a misread repeats when the cut does";
    }
}

TEST_F(ZoneAgreementTest, FramesWithoutAReadNeitherHelpNorHurt) {
    sure(kZone);
    unread();
    sure(kZone);
    unread();
    EXPECT_TRUE(sure(kZone).agreed);
}

TEST_F(ZoneAgreementTest, ADoubtfulReadConfirmsNothing) {
    const auto verdict = doubtful(kZone);
    EXPECT_EQ(verdict.confirmations, 0);
    EXPECT_FALSE(verdict.agreed);
}

TEST_F(ZoneAgreementTest, OneDoubtfulReadOfTheZoneIsTolerated) {
    sure(kZone);
    doubtful(kZone);
    sure(kZone);
    EXPECT_TRUE(sure(kZone).agreed);
}

TEST_F(ZoneAgreementTest, TwoDoubtfulReadsOfTheZoneSpoilIt) {
    sure(kZone);
    doubtful(kZone);
    doubtful(kZone);
    sure(kZone);
    EXPECT_FALSE(sure(kZone).agreed);
    // Once the doubts leave the window of six frames, the sure reads agree again.
    sure(kZone);
    EXPECT_FALSE(sure(kZone).agreed);
    EXPECT_TRUE(sure(kZone).agreed);
}

TEST_F(ZoneAgreementTest, DoubtfulReadsOfAnotherZoneDoNotSpeakAgainstIt) {
    doubtful(kMisread);
    sure(kZone);
    doubtful(kMisread);
    sure(kZone);
    EXPECT_TRUE(sure(kZone).agreed);
}

TEST_F(ZoneAgreementTest, ASureReadOfAnotherZoneMustBeOutnumberedFiveTimes) {
    sure(kMisread);
    sure(kZone);
    sure(kZone);
    sure(kZone);
    EXPECT_FALSE(sure(kZone).agreed) << "four against one is not enough";
    const auto fifth = sure(kZone);
    EXPECT_EQ(fifth.confirmations, 5);
    EXPECT_TRUE(fifth.agreed);
}

TEST_F(ZoneAgreementTest, AMisreadSureInFourFramesOfFiveIsNotAgreed) {
    // A name the engine misread with confidence in every frame but one, where the right read
    // still stands out: four sure misreads do not outweigh it.
    sure(kZone);
    for (int i = 0; i < 4; ++i) {
        EXPECT_FALSE(sure(kMisread).agreed) << "misread " << i;
    }
}

TEST_F(ZoneAgreementTest, AMisreadTheEngineIsSureOfInMostFramesIsNeverAgreed) {
    // The right read in one frame keeps three sure misreads after it from being reported, and
    // the misreads keep the right read from being reported in turn.
    const std::vector<bool> misread = {false, true, true, true, false, false, true, false, true};
    for (std::size_t i = 0; i < misread.size(); ++i) {
        EXPECT_FALSE(sure(misread[i] ? kMisread : kZone).agreed) << "frame " << i;
    }
}

TEST_F(ZoneAgreementTest, TwoZonesReadInTurnAreNeitherAgreed) {
    for (int i = 0; i < 12; ++i) {
        EXPECT_FALSE(sure(i % 2 == 0 ? kZone : kMisread).agreed) << "frame " << i;
    }
}

TEST_F(ZoneAgreementTest, ClearingForgetsTheFramesBefore) {
    sure(kMisread);
    agreement_.clear();
    sure(kZone);
    sure(kZone);
    EXPECT_TRUE(sure(kZone).agreed);
}

TEST(ZoneAgreementRulesTest, TheWindowHoldsAtLeastTheAgreeingFrames) {
    ZoneAgreement agreement({.agreeingFrames = 4, .agreeingCuts = 1, .window = 2});
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(agreement.add(ZoneRead{kZone, 0, true}).agreed);
    }
    EXPECT_TRUE(agreement.add(ZoneRead{kZone, 0, true}).agreed);
}

}  // namespace
}  // namespace balie::drivers::vision
