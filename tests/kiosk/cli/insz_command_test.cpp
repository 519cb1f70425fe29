// SPDX-License-Identifier: GPL-3.0-or-later
// `balie insz check`, run as a technician would: exit codes, JSON keys, text output, usage errors.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "process.h"

namespace balie::test {
namespace {

struct Checked {
    ProcessResult process;
    nlohmann::json json;
};

// Runs `balie insz check --json ARGS...` and parses its one line of output.
Checked checkJson(std::vector<std::string> args) {
    args.insert(args.begin(), {"insz", "check", "--json"});
    Checked checked{runProcess(BALIE_CLI_PATH, args), nullptr};
    EXPECT_TRUE(checked.process.err.empty()) << checked.process.err;
    EXPECT_EQ(checked.process.out.find('\n'), checked.process.out.size() - 1)
        << "one line: " << checked.process.out;
    checked.json = nlohmann::json::parse(checked.process.out, nullptr, false);
    EXPECT_TRUE(checked.json.is_object()) << checked.process.out;
    return checked;
}

std::set<std::string> keysOf(const nlohmann::json& json) {
    std::set<std::string> keys;
    for (const auto& item : json.items()) {
        keys.insert(item.key());
    }
    return keys;
}

const std::set<std::string> kContractKeys{"input", "valid", "kind", "birth_date", "sex", "error"};

TEST(InszCheckTest, ValidNationalNumberGivesEveryKey) {
    Checked checked = checkJson({"93.05.18-223.61"});
    EXPECT_EQ(checked.process.exitCode, 0);
    EXPECT_EQ(keysOf(checked.json), kContractKeys);
    EXPECT_EQ(checked.json["input"], "93.05.18-223.61");
    EXPECT_EQ(checked.json["valid"], true);
    EXPECT_EQ(checked.json["kind"], "nn");
    EXPECT_EQ(checked.json["birth_date"], "1993-05-18");
    EXPECT_EQ(checked.json["sex"], "M");
    EXPECT_TRUE(checked.json["error"].is_null());
}

TEST(InszCheckTest, ReadsTheInstructionExample) {
    Checked checked = checkJson({"42.01.22-051.81"});
    EXPECT_EQ(checked.process.exitCode, 0);
    EXPECT_EQ(checked.json["birth_date"], "1942-01-22");
    EXPECT_EQ(checked.json["sex"], "M");
}

TEST(InszCheckTest, BisNumbersTellTheSexOnlyWithMonthPlusForty) {
    Checked known = checkJson({"98472899765"});
    EXPECT_EQ(known.process.exitCode, 0);
    EXPECT_EQ(known.json["kind"], "bis");
    EXPECT_EQ(known.json["birth_date"], "1998-07-28");
    EXPECT_EQ(known.json["sex"], "M");

    Checked unknown = checkJson({"93.25.18-223.07"});
    EXPECT_EQ(unknown.process.exitCode, 0);
    EXPECT_EQ(unknown.json["kind"], "bis");
    EXPECT_EQ(unknown.json["birth_date"], "1993-05-18");
    EXPECT_TRUE(unknown.json["sex"].is_null());
}

TEST(InszCheckTest, ReadsTheCenturyFromTheCheckDigits) {
    Checked born2001 = checkJson({"01 49 07 001 85"});
    EXPECT_EQ(born2001.process.exitCode, 0);
    EXPECT_EQ(born2001.json["birth_date"], "2001-09-07");

    Checked born1901 = checkJson({"01051822369"});
    EXPECT_EQ(born1901.json["birth_date"], "1901-05-18");
}

TEST(InszCheckTest, WritesUnknownPartsAsZerosAndAnUnknownDateAsNull) {
    Checked yearOnly = checkJson({"93.00.00-223.81"});
    EXPECT_EQ(yearOnly.process.exitCode, 0);
    EXPECT_EQ(yearOnly.json["birth_date"], "1993-00-00");

    Checked fictitious = checkJson({"00.40.01-002.54"});
    EXPECT_EQ(fictitious.process.exitCode, 0);
    EXPECT_EQ(fictitious.json["valid"], true);
    EXPECT_TRUE(fictitious.json["birth_date"].is_null());
    EXPECT_EQ(fictitious.json["sex"], "F");
}

TEST(InszCheckTest, InvalidNumbersExitOneAndSayWhy) {
    struct Case {
        std::string number;
        std::string error;
    };
    const Case cases[] = {
        {"93051822362", "check digits do not match"},
        {"9305182236", "an INSZ has 11 digits"},
        {"93O51822361", "only digits, '.', '-' and spaces are allowed"},
        {"93131822320", "month is not 00-12 (national number), 20-32 or 40-52 (BIS number)"},
        {"99010100147", "birth date is in the future"},
        {"93.05.18-000.90", "serial 000 and 999 are never assigned"},
        {"93.04.31-223.52", "birth day does not exist in that month"},
        {"93.05.00-223.19", "day 00 with a known month"},
        {"66.64.10-666.92", "month + 60 marks a self-assigned number, not an INSZ"},
    };
    for (const Case& c : cases) {
        Checked checked = checkJson({c.number});
        EXPECT_EQ(checked.process.exitCode, 1) << c.number;
        EXPECT_EQ(keysOf(checked.json), kContractKeys) << c.number;
        EXPECT_EQ(checked.json["input"], c.number);
        EXPECT_EQ(checked.json["valid"], false) << c.number;
        EXPECT_TRUE(checked.json["kind"].is_null()) << c.number;
        EXPECT_TRUE(checked.json["birth_date"].is_null()) << c.number;
        EXPECT_TRUE(checked.json["sex"].is_null()) << c.number;
        EXPECT_EQ(checked.json["error"], c.error);
    }
}

TEST(InszCheckTest, LenientAcceptsWhatStrictRejectsAndFlagsIt) {
    Checked serial = checkJson({"93.05.18-000.90", "--lenient"});
    EXPECT_EQ(serial.process.exitCode, 0);
    EXPECT_EQ(serial.json["valid"], true);
    EXPECT_EQ(serial.json["kind"], "nn");
    EXPECT_EQ(serial.json["birth_date"], "1993-05-18");
    EXPECT_EQ(serial.json["sex"], "F");
    EXPECT_TRUE(serial.json["error"].is_null());
    EXPECT_EQ(serial.json["suspicious"],
              nlohmann::json::array({"serial 000 and 999 are never assigned"}));

    Checked impossibleDay = checkJson({"--lenient", "93.04.31-223.52"});
    EXPECT_EQ(impossibleDay.process.exitCode, 0);
    EXPECT_EQ(impossibleDay.json["birth_date"], "1993-04-00");

    Checked dayZero = checkJson({"93.05.00-223.19", "--lenient"});
    EXPECT_EQ(dayZero.process.exitCode, 0);
    EXPECT_EQ(dayZero.json["birth_date"], "1993-05-00");

    Checked selfAssigned = checkJson({"66.64.10-666.92", "--lenient"});
    EXPECT_EQ(selfAssigned.process.exitCode, 0);
    EXPECT_EQ(selfAssigned.json["kind"], "bis");
    EXPECT_TRUE(selfAssigned.json["sex"].is_null());

    Checked clean = checkJson({"93051822361", "--lenient"});
    EXPECT_EQ(clean.json["suspicious"], nlohmann::json::array());
}

TEST(InszCheckTest, LenientStillRejectsBrokenNumbers) {
    Checked checked = checkJson({"93051822362", "--lenient"});
    EXPECT_EQ(checked.process.exitCode, 1);
    EXPECT_EQ(checked.json["valid"], false);
    EXPECT_EQ(checked.json["error"], "check digits do not match");
    EXPECT_EQ(checked.json["suspicious"], nlohmann::json::array());

    Checked future = checkJson({"99010100147", "--lenient"});
    EXPECT_EQ(future.process.exitCode, 1);
    EXPECT_EQ(future.json["error"], "birth date is in the future");
}

TEST(InszCheckTest, EchoesAnyInputAsValidJson) {
    Checked checked = checkJson({"\xff\xfe 93"});
    EXPECT_EQ(checked.process.exitCode, 1);
    EXPECT_EQ(checked.json["valid"], false);
    EXPECT_EQ(checked.json["error"], "only digits, '.', '-' and spaces are allowed");
}

TEST(InszCheckTest, PrintsOneReadableLine) {
    struct Case {
        std::vector<std::string> args;
        int exitCode;
        std::string out;
    };
    const Case cases[] = {
        {{"93051822361"}, 0, "valid national number, born 1993-05-18, M\n"},
        {{"93.25.18-223.07"}, 0, "valid BIS number, born 1993-05-18, sex unknown\n"},
        {{"00200100211"}, 0, "valid BIS number, birth date unknown, sex unknown\n"},
        {{"93051822362"}, 1, "invalid: check digits do not match\n"},
        {{"93.05.18-000.90", "--lenient"},
         0,
         "valid national number, born 1993-05-18, F; suspicious: serial 000 and 999 are never "
         "assigned\n"},
    };
    for (const Case& c : cases) {
        std::vector<std::string> args{"insz", "check"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        ProcessResult result = runProcess(BALIE_CLI_PATH, args);
        EXPECT_EQ(result.exitCode, c.exitCode) << c.out;
        EXPECT_EQ(result.out, c.out);
        EXPECT_TRUE(result.err.empty()) << result.err;
    }
}

TEST(InszCheckTest, UsageErrorsExitTwoWithOneLine) {
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    const Case cases[] = {
        {{}, "balie: insz check: missing NUMBER\n"},
        {{"--json"}, "balie: insz check: missing NUMBER\n"},
        {{"93051822361", "42012205181"},
         "balie: insz check: expected one NUMBER, got 2 arguments\n"},
        {{"93051822361", "--verbose"}, "balie: insz check: unknown option '--verbose'\n"},
    };
    for (const Case& c : cases) {
        std::vector<std::string> args{"insz", "check"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        ProcessResult result = runProcess(BALIE_CLI_PATH, args);
        EXPECT_EQ(result.exitCode, 2) << c.err;
        EXPECT_EQ(result.err, c.err);
        EXPECT_TRUE(result.out.empty()) << result.out;
    }
}

TEST(InszCheckTest, TakesANumberAfterDoubleDash) {
    Checked checked = checkJson({"--", "93051822361"});
    EXPECT_EQ(checked.process.exitCode, 0);
    EXPECT_EQ(checked.json["input"], "93051822361");
}

}  // namespace
}  // namespace balie::test
