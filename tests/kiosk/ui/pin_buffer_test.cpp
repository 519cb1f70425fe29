// SPDX-License-Identifier: GPL-3.0-or-later
// PIN digits: limits, and memory wiped once they are no longer needed.
#include "balie/ui/pin_buffer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>

#include "balie/ui/card_login.h"

namespace balie::ui {
namespace {

bool allZero(const char* bytes, std::size_t count) {
    return std::all_of(bytes, bytes + count, [](char c) { return c == '\0'; });
}

TEST(PinBufferTest, TakesFourToTwelveDigits) {
    PinBuffer pin;
    EXPECT_TRUE(pin.empty());
    for (char digit : {'1', '2', '3'}) {
        EXPECT_TRUE(pin.append(digit));
    }
    EXPECT_FALSE(pin.isComplete());
    EXPECT_TRUE(pin.append('4'));
    EXPECT_TRUE(pin.isComplete());
    for (int i = 4; i < 12; ++i) {
        EXPECT_TRUE(pin.append('9'));
    }
    EXPECT_FALSE(pin.append('0')) << "a thirteenth digit";
    EXPECT_EQ(pin.digits(), "123499999999");
}

TEST(PinBufferTest, RefusesWhatIsNotADigit) {
    PinBuffer pin;
    EXPECT_FALSE(pin.append('a'));
    EXPECT_FALSE(pin.append(' '));
    EXPECT_TRUE(pin.empty());
}

TEST(PinBufferTest, WipesAnErasedDigit) {
    PinBuffer pin;
    pin.append('7');
    pin.append('8');
    const char* memory = pin.digits().data();
    pin.removeLast();
    EXPECT_EQ(pin.digits(), "7");
    EXPECT_EQ(memory[1], '\0');
}

TEST(PinBufferTest, WipesEveryDigitOnClear) {
    PinBuffer pin;
    for (char digit : {'1', '2', '3', '4'}) {
        pin.append(digit);
    }
    const char* memory = pin.digits().data();
    pin.clear();
    EXPECT_TRUE(pin.empty());
    EXPECT_TRUE(allZero(memory, PinBuffer::kMaxDigits));
}

TEST(PinBufferTest, WipesTheSourceOfAMove) {
    PinBuffer pin;
    for (char digit : {'5', '6', '7', '8'}) {
        pin.append(digit);
    }
    const char* memory = pin.digits().data();
    PinBuffer moved(std::move(pin));
    EXPECT_EQ(moved.digits(), "5678");
    EXPECT_TRUE(pin.empty());  // NOLINT(bugprone-use-after-move): checking the wipe
    EXPECT_TRUE(allZero(memory, PinBuffer::kMaxDigits));

    PinBuffer assigned;
    assigned.append('1');
    assigned = std::move(moved);
    EXPECT_EQ(assigned.digits(), "5678");
    EXPECT_TRUE(moved.empty());  // NOLINT(bugprone-use-after-move)
}

TEST(UnavailableCardReaderTest, ReportsTheReaderUnavailableAndNeverLogsIn) {
    UnavailableCardReader reader;
    EXPECT_EQ(reader.state(), CardState::ReaderUnavailable);
    PinBuffer pin;
    for (char digit : {'1', '2', '3', '4'}) {
        pin.append(digit);
    }
    std::optional<LoginResult> result;
    reader.login(std::move(pin), true, [&result](LoginResult outcome) { result = outcome; });
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, LoginResult::Outcome::ReaderUnavailable);
}

}  // namespace
}  // namespace balie::ui
