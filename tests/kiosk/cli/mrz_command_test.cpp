// SPDX-License-Identifier: GPL-3.0-or-later
// `balie mrz parse`, run as a technician would: MRZ lines on standard input.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "process.h"

namespace balie::test {
namespace {

const std::string kTd3 =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
const std::string kBelgian =
    "IDBEL000001115<7027<<<<<<<<<<<\n"
    "9502286F3001064BEL950228998747\n"
    "SPECIMEN<<SPECIMEN<<<<<<<<<<<<\n";

ProcessResult parse(const std::string& input, bool json = true) {
    return runProcess(BALIE_CLI_PATH,
                      json ? std::vector<std::string>{"mrz", "parse", "--json"}
                           : std::vector<std::string>{"mrz", "parse"},
                      input);
}

nlohmann::json parseJson(const std::string& input, int expectedExit) {
    ProcessResult result = parse(input);
    EXPECT_EQ(result.exitCode, expectedExit) << result.err;
    EXPECT_TRUE(result.err.empty()) << result.err;
    // One object on one line.
    EXPECT_EQ(result.out.find('\n'), result.out.size() - 1) << result.out;
    return nlohmann::json::parse(result.out);
}

std::set<std::string> keysOf(const nlohmann::json& object) {
    std::set<std::string> keys;
    for (const auto& item : object.items()) {
        keys.insert(item.key());
    }
    return keys;
}

TEST(MrzCommandTest, PrintsEveryFieldOfAValidPassportAsJson) {
    const nlohmann::json mrz = parseJson(kTd3, 0);
    EXPECT_EQ(keysOf(mrz),
              (std::set<std::string>{"format", "document_code", "issuing_country",
                                     "document_number", "birth_date", "expiry_date", "sex",
                                     "nationality", "surname", "given_names", "optional_data",
                                     "optional_data_2", "checks", "valid"}));
    EXPECT_EQ(mrz["format"], "TD3");
    EXPECT_EQ(mrz["document_code"], "P");
    EXPECT_EQ(mrz["issuing_country"], "UTO");
    EXPECT_EQ(mrz["document_number"], "L898902C3");
    EXPECT_EQ(mrz["birth_date"], "740812");
    EXPECT_EQ(mrz["expiry_date"], "120415");
    EXPECT_EQ(mrz["sex"], "F");
    EXPECT_EQ(mrz["nationality"], "UTO");
    EXPECT_EQ(mrz["surname"], "ERIKSSON");
    EXPECT_EQ(mrz["given_names"], "ANNA MARIA");
    EXPECT_EQ(mrz["optional_data"], "ZE184226B");
    EXPECT_TRUE(mrz["optional_data_2"].is_null());
    EXPECT_EQ(mrz["checks"], nlohmann::json({{"document_number", true},
                                             {"birth_date", true},
                                             {"expiry_date", true},
                                             {"optional_data", true},
                                             {"composite", true}}));
    EXPECT_EQ(mrz["valid"], true);
}

TEST(MrzCommandTest, ReportsTheFormatAndChecksOfEachLayout) {
    struct Case {
        std::string input;
        std::string format;
        std::set<std::string> checks;
    };
    const std::set<std::string> card = {"document_number", "birth_date", "expiry_date",
                                        "composite"};
    const std::set<std::string> visa = {"document_number", "birth_date", "expiry_date"};
    const Case cases[] = {
        {"I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\n"
         "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\n",
         "TD1", card},
        {"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6\n", "TD2",
         card},
        {"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
         "L8988901C4XXX4009078F96121096ZE184226B<<<<<<\n",
         "MRVA", visa},
        {"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nL8988901C4XXX4009078F9612109<<<<<<<<\n", "MRVB",
         visa},
    };
    for (const Case& c : cases) {
        const nlohmann::json mrz = parseJson(c.input, 0);
        EXPECT_EQ(mrz["format"], c.format);
        EXPECT_EQ(keysOf(mrz["checks"]), c.checks) << c.format;
        EXPECT_EQ(mrz["valid"], true);
        EXPECT_EQ(mrz["optional_data_2"].is_null(), c.format != "TD1");
    }
}

TEST(MrzCommandTest, JoinsTheBelgianCardNumberAndShowsTheSecondOptionalField) {
    const nlohmann::json mrz = parseJson(kBelgian, 0);
    EXPECT_EQ(mrz["document_number"], "000001115702");
    EXPECT_EQ(mrz["document_code"], "ID");
    EXPECT_EQ(mrz["optional_data"], "");
    EXPECT_EQ(mrz["optional_data_2"], "95022899874");
    EXPECT_EQ(mrz["given_names"], "SPECIMEN");
}

TEST(MrzCommandTest, ShowsUnspecifiedSexAsXAndGermanyAsD) {
    const nlohmann::json mrz = parseJson(
        "IDD<<T010089212<<<<<<<<<<<<<<<\n6408125<2010315D<<<<<<<<<<<<<6\n"
        "MUSTERMANN<<ERIKA<<<<<<<<<<<<<\n",
        0);
    EXPECT_EQ(mrz["sex"], "X");
    EXPECT_EQ(mrz["issuing_country"], "D");
    EXPECT_EQ(mrz["nationality"], "D");
}

TEST(MrzCommandTest, GivesEmptyGivenNamesForASingleName) {
    const nlohmann::json mrz = parseJson(
        "P<UTOERIKSSON<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n"
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
        0);
    EXPECT_EQ(mrz["surname"], "ERIKSSON");
    EXPECT_EQ(mrz["given_names"], "");
}

TEST(MrzCommandTest, ExitsOneWhenACheckDigitFails) {
    const nlohmann::json mrz = parseJson(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
        "L898902C36UTO7408122F1204159ZE184226B<<<<<11\n",
        1);
    EXPECT_EQ(mrz["valid"], false);
    EXPECT_EQ(mrz["checks"]["composite"], false);
    EXPECT_EQ(mrz["checks"]["document_number"], true);
    EXPECT_EQ(mrz["document_number"], "L898902C3");
}

TEST(MrzCommandTest, AcceptsCrLfAndSurroundingBlankLines) {
    const nlohmann::json mrz = parseJson(
        "\r\n  P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<  \r\n"
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10\r\n\r\n",
        0);
    EXPECT_EQ(mrz["valid"], true);
}

TEST(MrzCommandTest, ExitsTwoWithOneLineWhenTheInputIsNotAnMrz) {
    ProcessResult result = parse(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
        "L898902C36UTO7408122F1204159ZE184226B<<<<<1\n");
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.err, "balie: not an MRZ: line 2 has 43 characters, expected 44\n");
    EXPECT_TRUE(result.out.empty());

    ProcessResult lower = parse(
        "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<\n"
        "l898902c36uto7408122f1204159ze184226b<<<<<10\n");
    EXPECT_EQ(lower.exitCode, 2);
    EXPECT_EQ(lower.err,
              "balie: not an MRZ: line 1 position 1: 'p' is not an MRZ character "
              "(A-Z, 0-9, <)\n");

    ProcessResult oneLine = parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n");
    EXPECT_EQ(oneLine.exitCode, 2);
    EXPECT_EQ(oneLine.err, "balie: not an MRZ: 1 line; an MRZ has 2 or 3 lines\n");

    ProcessResult empty = parse("", false);
    EXPECT_EQ(empty.exitCode, 2);
    EXPECT_EQ(empty.err, "balie: not an MRZ: no MRZ lines in the input\n");
    EXPECT_TRUE(empty.out.empty());
}

TEST(MrzCommandTest, RefusesUnknownOptionsAndArguments) {
    ProcessResult option = runProcess(BALIE_CLI_PATH, {"mrz", "parse", "--xml"}, kTd3);
    EXPECT_EQ(option.exitCode, 2);
    EXPECT_EQ(option.err, "balie: mrz parse: unknown option '--xml'\n");
    EXPECT_TRUE(option.out.empty());

    ProcessResult argument = runProcess(BALIE_CLI_PATH, {"mrz", "parse", "passport.txt"}, kTd3);
    EXPECT_EQ(argument.exitCode, 2);
    EXPECT_EQ(argument.err,
              "balie: mrz parse takes no arguments: it reads the MRZ lines from "
              "standard input\n");
    EXPECT_TRUE(argument.out.empty());
}

TEST(MrzCommandTest, PrintsAReadableSummaryWithoutJson) {
    ProcessResult result = parse(kBelgian, false);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("format:           TD1\n"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("document number:  000001115702\n"), std::string::npos);
    EXPECT_NE(result.out.find("surname:          SPECIMEN\n"), std::string::npos);
    EXPECT_NE(result.out.find("optional data 2:  95022899874\n"), std::string::npos);
    EXPECT_NE(result.out.find("check digits:     document_number ok, birth_date ok, "
                              "expiry_date ok, composite ok\n"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("valid:            yes\n"), std::string::npos);

    ProcessResult failing = parse(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
        "L898902C36UTO7408123F1204159ZE184226B<<<<<10\n",
        false);
    EXPECT_EQ(failing.exitCode, 1);
    EXPECT_NE(failing.out.find("birth_date FAILED"), std::string::npos) << failing.out;
    EXPECT_NE(failing.out.find("valid:            no"), std::string::npos);
}

TEST(MrzCommandTest, SaysWhenTheNameMayBeTruncated) {
    ProcessResult result = parse(
        "I<UTOD231458907<<<<<<<<<<<<<<<\n74<<<<1M1204159UTO<<<<<<<<<<<4\n"
        "CARLOS<MONTEIRO<<AMELIA<VANESS\n",
        false);
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("given names:      AMELIA VANESS\n"), std::string::npos);
    EXPECT_NE(result.out.find("it may be truncated"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("birth date:       74<<<<\n"), std::string::npos);
}

}  // namespace
}  // namespace balie::test
