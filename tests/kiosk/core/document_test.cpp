// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of document numbers and the rule that a national number takes precedence.
#include "balie/core/document.h"

#include <gtest/gtest.h>

namespace balie::core {
namespace {

TEST(DocumentTest, NormalisesDocumentNumbersForComparison) {
    EXPECT_EQ(normalizeDocumentNumber("ab 12-34"), "AB1234");
    EXPECT_EQ(normalizeDocumentNumber("90.04.17-123.45"), "90041712345");
    EXPECT_EQ(normalizeDocumentNumber("X/7"), "X7");
    EXPECT_EQ(normalizeDocumentNumber(""), "");
}

TEST(DocumentTest, AnyNumberWillDoWithoutANationalNumber) {
    Document document;
    document.number = "EA1234567";
    EXPECT_TRUE(usesNationalNumber(document));
}

TEST(DocumentTest, TheNationalNumberMustBeTheDocumentNumber) {
    Document document;
    document.number = "EA1234567";
    document.nationalNumber = "90041712345";
    EXPECT_FALSE(usesNationalNumber(document));
    document.number = "90.04.17-123.45";
    EXPECT_TRUE(usesNationalNumber(document)) << "the same number, written with separators";
}

}  // namespace
}  // namespace balie::core
