// SPDX-License-Identifier: GPL-3.0-or-later
// The eID TLV parser on file bytes.
#include "balie/drivers/eid/tlv.h"

#include <gtest/gtest.h>

#include <string>

#include "scripted_transport.h"

namespace balie::drivers::eid {
namespace {

using test::hex;

std::string asText(ByteView value) {
    return std::string(value.begin(), value.end());
}

TEST(TlvTest, ParsesElementsInFileOrder) {
    const Bytes file = hex("00 02 01 02  01 03 41 42 43  07 00  0D 01 4D");
    auto elements = parseTlv(file);
    ASSERT_TRUE(elements.has_value());
    ASSERT_EQ(elements->size(), 4u);
    EXPECT_EQ((*elements)[0].tag, 0x00);
    EXPECT_EQ((*elements)[0].value.size(), 2u);
    EXPECT_EQ((*elements)[1].tag, 0x01);
    EXPECT_EQ(asText((*elements)[1].value), "ABC");
    EXPECT_EQ((*elements)[2].tag, 0x07);
    EXPECT_TRUE((*elements)[2].value.empty());
    EXPECT_EQ(asText((*elements)[3].value), "M");
}

TEST(TlvTest, ReadsLongLengthsAsRunsOfFf) {
    Bytes file = hex("05 FF 05");
    file.insert(file.end(), 260, 'x');
    file.push_back(0x06);
    file.push_back(0x01);
    file.push_back('1');
    auto elements = parseTlv(file);
    ASSERT_TRUE(elements.has_value());
    ASSERT_EQ(elements->size(), 2u);
    EXPECT_EQ((*elements)[0].value.size(), 260u);
    EXPECT_EQ(asText((*elements)[1].value), "1");
}

TEST(TlvTest, ReadsLength255AsFfThenZero) {
    Bytes file = hex("05 FF 00");
    file.insert(file.end(), 255, 'y');
    auto elements = parseTlv(file);
    ASSERT_TRUE(elements.has_value());
    ASSERT_EQ(elements->size(), 1u);
    EXPECT_EQ((*elements)[0].value.size(), 255u);
}

TEST(TlvTest, StopsAtTrailingZeroPadding) {
    const Bytes file = hex("01 02 41 42  02 01 43  00 00 00 00 00 00");
    auto elements = parseTlv(file);
    ASSERT_TRUE(elements.has_value());
    ASSERT_EQ(elements->size(), 2u);
    EXPECT_EQ(asText((*elements)[1].value), "C");
}

TEST(TlvTest, KeepsZeroBytesInsideTheLastValue) {
    const Bytes file = hex("11 03 AA 00 00  00 00");
    auto elements = parseTlv(file);
    ASSERT_TRUE(elements.has_value());
    ASSERT_EQ(elements->size(), 1u);
    EXPECT_EQ(test::hex("AA 00 00"),
              Bytes((*elements)[0].value.begin(), (*elements)[0].value.end()));
}

TEST(TlvTest, ReadsAnAllZeroFileAsEmpty) {
    auto elements = parseTlv(Bytes(64, 0));
    ASSERT_TRUE(elements.has_value());
    EXPECT_TRUE(elements->empty());
    EXPECT_TRUE(parseTlv(Bytes{}).has_value());
}

TEST(TlvTest, KeepsUnknownTagsForTheReaderToSkip) {
    const Bytes file = hex("01 01 41  7E 02 01 02  03 01 42");
    auto elements = parseTlv(file);
    ASSERT_TRUE(elements.has_value());
    ASSERT_EQ(elements->size(), 3u);
    EXPECT_EQ((*elements)[1].tag, 0x7E);
    EXPECT_EQ(asText(*findTag(*elements, 0x03)), "B");
    EXPECT_FALSE(findTag(*elements, 0x04).has_value());
}

TEST(TlvTest, RejectsAValueRunningPastTheEnd) {
    auto elements = parseTlv(hex("01 05 41 42"));
    ASSERT_FALSE(elements.has_value());
    EXPECT_EQ(elements.error().code, core::Errc::InvalidFormat);
}

TEST(TlvTest, RejectsALengthRunningPastTheEnd) {
    EXPECT_FALSE(parseTlv(hex("01 FF")).has_value());
    EXPECT_FALSE(parseTlv(hex("01 FF FF")).has_value());
    EXPECT_FALSE(parseTlv(hex("01 02 41 42 07")).has_value());
}

}  // namespace
}  // namespace balie::drivers::eid
