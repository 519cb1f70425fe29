// SPDX-License-Identifier: GPL-3.0-or-later
// `balie eid read` and `balie eid login` through a private pcscd, vpcd and balie-card-sim, as a
// technician would run them; and the PC/SC transport on the same stack.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "balie/drivers/eid/eid_card.h"
#include "balie/drivers/eid/pcsc.h"
#include "process.h"
#include "virtual_card_rig.h"

namespace balie::test {
namespace {

using Clock = std::chrono::steady_clock;

std::string personaPath(const std::string& name) {
    return std::string(BALIE_TEST_DATA_DIR) + "/eid/personas/" + name + ".json";
}

nlohmann::json loadPersona(const std::string& name) {
    std::ifstream file(personaPath(name));
    return nlohmann::json::parse(file);
}

std::string fileText(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::unique_ptr<VirtualCardRig> startRig(const std::string& persona) {
    std::string error;
    auto rig = VirtualCardRig::start(personaPath(persona), &error);
    EXPECT_TRUE(rig != nullptr) << error;
    return rig;
}

ProcessResult balie(const std::vector<std::string>& args, const std::string& input = {}) {
    return runProcess(BALIE_CLI_PATH, args, input);
}

ProcessResult readCard(const VirtualCardRig& rig, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"eid", "read", "--json", "--trust", rig.pkiDir() + "/root.pem"};
    args.insert(args.end(), extra.begin(), extra.end());
    return balie(args);
}

ProcessResult login(const VirtualCardRig& rig, const std::string& input) {
    return balie({"eid", "login", "--json", "--trust", rig.pkiDir() + "/root.pem"}, input);
}

/// What each persona's card must read as: dates converted by hand from the persona's card text.
struct PersonaCase {
    const char* name;
    const char* appletVersion;
    const char* birthDate;
    const char* sex;
    const char* validityBegin;
    const char* validityEnd;
};

void PrintTo(const PersonaCase& persona, std::ostream* out) {
    *out << persona.name;
}

class EidReadIntegrationTest : public ::testing::TestWithParam<PersonaCase> {};

TEST_P(EidReadIntegrationTest, ReadsEveryFieldAndPassesEveryCheck) {
    const PersonaCase& expected = GetParam();
    auto rig = startRig(expected.name);
    ASSERT_TRUE(rig);
    const nlohmann::json persona = loadPersona(expected.name);
    const std::string photoPath = ::testing::TempDir() + "/eid-photo-" + expected.name + ".jpg";
    ProcessResult result = readCard(*rig, {"--photo", photoPath});
    ASSERT_EQ(result.exitCode, 0) << result.err << rig->logs();
    const nlohmann::json json = nlohmann::json::parse(result.out);
    EXPECT_EQ(json["reader"], rig->readerName());
    const nlohmann::json& card = json["card"];
    EXPECT_EQ(card["applet_version"], expected.appletVersion);
    EXPECT_EQ(card["card_number"], persona["card_number"]);
    EXPECT_EQ(card["chip_number"], persona["chip_number"]);
    EXPECT_EQ(card["validity_begin"], expected.validityBegin);
    EXPECT_EQ(card["validity_end"], expected.validityEnd);
    EXPECT_EQ(card["issuing_municipality"], persona["issuing_municipality"]);
    EXPECT_EQ(card["document_type"], std::stoi(persona["document_type"].get<std::string>()));
    const nlohmann::json& identity = json["identity"];
    for (const char* field : {"national_number", "surname", "given_names", "third_initial",
                              "nationality", "birth_place", "noble_condition"}) {
        EXPECT_EQ(identity[field], persona[field]) << field;
    }
    EXPECT_EQ(identity["birth_date"], expected.birthDate);
    EXPECT_EQ(identity["sex"], expected.sex);
    EXPECT_EQ(identity["special_status"], std::stoi(persona["special_status"].get<std::string>()));
    for (const char* field : {"street_and_number", "postal_code", "municipality"}) {
        EXPECT_EQ(json["address"][field], persona["address"][field]) << field;
    }
    for (const char* check :
         {"photo_hash", "identity_signature", "address_signature", "certificate_chain"}) {
        EXPECT_EQ(json["checks"][check], true) << check;
    }
    const std::string photo =
        fileText((std::filesystem::path(personaPath(expected.name)).parent_path() /
                  persona["photo"].get<std::string>())
                     .string());
    EXPECT_FALSE(photo.empty());
    EXPECT_EQ(fileText(photoPath), photo);
}

INSTANTIATE_TEST_SUITE_P(
    Personas, EidReadIntegrationTest,
    ::testing::Values(
        PersonaCase{"nl-citizen-17", "1.7", "1993-05-18", "F", "2019-03-15", "2029-03-15"},
        PersonaCase{"fr-citizen-18", "1.8", "1985-08-03", "M", "2021-09-02", "2031-09-02"},
        PersonaCase{"de-citizen-17", "1.7", "1979-03-12", "F", "2018-11-20", "2028-11-20"},
        PersonaCase{"foreigner-18", "1.8", "1980-10-00", "F", "2024-01-10", "2025-01-10"}),
    [](const ::testing::TestParamInfo<PersonaCase>& param) {
        std::string name = param.param.name;
        std::erase(name, '-');
        return name;
    });

TEST(EidGlitchIntegrationTest, ReadsThroughTheErrorsOfCheapReaders) {
    for (const char* persona : {"nl-citizen-17", "fr-citizen-18"}) {
        auto rig = startRig(persona);
        ASSERT_TRUE(rig);
        const ProcessResult clean = readCard(*rig);
        ASSERT_EQ(clean.exitCode, 0) << clean.err;
        for (const char* glitch : {"glitch 6c", "glitch 61", "glitch 6b00-midfile"}) {
            ASSERT_TRUE(rig->command(glitch)) << glitch;
            const ProcessResult result = readCard(*rig);
            EXPECT_EQ(result.exitCode, 0) << persona << ' ' << glitch << ": " << result.err;
            EXPECT_EQ(nlohmann::json::parse(result.out), nlohmann::json::parse(clean.out))
                << persona << ' ' << glitch;
        }
    }
}

TEST(EidTamperIntegrationTest, FailsTheIdentitySignatureOfATamperedFile) {
    for (const char* persona : {"nl-citizen-17", "fr-citizen-18"}) {
        auto rig = startRig(persona);
        ASSERT_TRUE(rig);
        ASSERT_TRUE(rig->command("tamper identity"));
        const ProcessResult result = readCard(*rig);
        EXPECT_EQ(result.exitCode, 1) << result.err;
        const nlohmann::json json = nlohmann::json::parse(result.out);
        EXPECT_EQ(json["checks"]["identity_signature"], false);
        EXPECT_EQ(json["checks"]["photo_hash"], true);
        EXPECT_EQ(json["checks"]["certificate_chain"], true);
        EXPECT_NE(result.err.find("identity signature"), std::string::npos) << result.err;
    }
}

TEST(EidTrustIntegrationTest, FailsTheChainWithoutOrWithAnotherAnchor) {
    auto rig = startRig("fr-citizen-18");
    ASSERT_TRUE(rig);
    const ProcessResult untrusted = balie({"eid", "read", "--json"});
    EXPECT_EQ(untrusted.exitCode, 1);
    EXPECT_EQ(nlohmann::json::parse(untrusted.out)["checks"]["certificate_chain"], false);
    EXPECT_NE(untrusted.err.find("no trust anchor"), std::string::npos);
    const ProcessResult missing = balie({"eid", "read", "--trust", "/nonexistent.pem"});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_NE(missing.err.find("cannot read trust anchors"), std::string::npos);
}

TEST(EidCardGoneIntegrationTest, ReportsAnEmptyReader) {
    auto rig = startRig("fr-citizen-18");
    ASSERT_TRUE(rig);
    ASSERT_TRUE(rig->removeCard());
    const ProcessResult read = readCard(*rig);
    EXPECT_EQ(read.exitCode, 2);
    EXPECT_NE(read.err.find("no card"), std::string::npos) << read.err;
    const ProcessResult loginResult = login(*rig, "5678\n");
    EXPECT_EQ(loginResult.exitCode, 2);
    EXPECT_EQ(nlohmann::json::parse(loginResult.out)["ok"], false);
    ASSERT_TRUE(rig->insertCard());
    EXPECT_EQ(readCard(*rig).exitCode, 0);
}

TEST(EidCardGoneIntegrationTest, EndsAReadCleanlyWhenTheCardIsPulledOut) {
    for (const char* persona : {"nl-citizen-17", "fr-citizen-18"}) {
        for (const char* after : {"remove-after 3", "remove-after 12"}) {
            auto rig = startRig(persona);
            ASSERT_TRUE(rig);
            ASSERT_TRUE(rig->command(after));
            const auto started = Clock::now();
            const ProcessResult result = readCard(*rig);
            EXPECT_EQ(result.exitCode, 2) << persona << ' ' << after << ": " << result.err;
            EXPECT_NE(result.err.find("card removed"), std::string::npos) << result.err;
            EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
        }
    }
}

TEST(EidReaderGoneIntegrationTest, ReportsAMissingPcscService) {
    ::setenv("PCSCLITE_CSOCK_NAME", "/nonexistent/pcscd.comm", 1);
    const ProcessResult read = balie({"eid", "read", "--json"});
    EXPECT_EQ(read.exitCode, 2);
    EXPECT_NE(read.err.find("no reader"), std::string::npos) << read.err;
    const ProcessResult loginResult = balie({"eid", "login", "--json"}, "1234\n");
    EXPECT_EQ(loginResult.exitCode, 2);
    EXPECT_NE(nlohmann::json::parse(loginResult.out)["error"].get<std::string>().find("no reader"),
              std::string::npos);
}

TEST(EidLoginIntegrationTest, LogsInWithTheRightPinOnBothApplets) {
    for (const char* persona : {"nl-citizen-17", "fr-citizen-18"}) {
        auto rig = startRig(persona);
        ASSERT_TRUE(rig);
        const nlohmann::json data = loadPersona(persona);
        const ProcessResult result = login(*rig, data["pin"].get<std::string>() + "\n");
        ASSERT_EQ(result.exitCode, 0) << persona << ": " << result.err << rig->logs();
        const nlohmann::json json = nlohmann::json::parse(result.out);
        EXPECT_EQ(json["ok"], true);
        EXPECT_EQ(json["error"], nullptr);
        EXPECT_EQ(json["tries_left"], 3);
        EXPECT_EQ(json["blocked"], false);
        EXPECT_EQ(json["identity"]["national_number"], data["national_number"]);
        EXPECT_EQ(json["identity"]["surname"], data["surname"]);
    }
}

TEST(EidLoginIntegrationTest, CountsWrongPinsDownToBlocked) {
    for (const char* persona : {"nl-citizen-17", "fr-citizen-18"}) {
        auto rig = startRig(persona);
        ASSERT_TRUE(rig);
        const std::string pin = loadPersona(persona)["pin"].get<std::string>();
        const std::string wrong = pin == "9999" ? "1111" : "9999";
        for (int expectedTries : {2, 1}) {
            const ProcessResult result = login(*rig, wrong + "\n");
            EXPECT_EQ(result.exitCode, 1);
            const nlohmann::json json = nlohmann::json::parse(result.out);
            EXPECT_EQ(json["ok"], false);
            EXPECT_EQ(json["tries_left"], expectedTries);
            EXPECT_EQ(json["blocked"], false);
            EXPECT_EQ(json["error"], "wrong PIN");
        }
        const ProcessResult unconfirmed = login(*rig, pin + "\n");
        EXPECT_EQ(unconfirmed.exitCode, 1);
        EXPECT_EQ(nlohmann::json::parse(unconfirmed.out)["tries_left"], 1)
            << "the last try is not spent without 'yes'";
        const ProcessResult last = login(*rig, wrong + "\nyes\n");
        EXPECT_EQ(last.exitCode, 1);
        const nlohmann::json blocked = nlohmann::json::parse(last.out);
        EXPECT_EQ(blocked["blocked"], true);
        EXPECT_EQ(blocked["tries_left"], 0);
        const ProcessResult after = login(*rig, pin + "\nyes\n");
        EXPECT_EQ(after.exitCode, 1);
        EXPECT_EQ(nlohmann::json::parse(after.out)["blocked"], true);
        EXPECT_EQ(nlohmann::json::parse(after.out)["error"], "the PIN is blocked");
    }
}

TEST(EidLoginIntegrationTest, AcceptsTheLastTryWhenConfirmed) {
    auto rig = startRig("fr-citizen-18");
    ASSERT_TRUE(rig);
    login(*rig, "0000\n");
    login(*rig, "0000\n");
    const ProcessResult result = login(*rig, "5678\nyes\n");
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_EQ(nlohmann::json::parse(result.out)["tries_left"], 3);
}

TEST(EidLoginIntegrationTest, RejectsAPinThatIsNotDigitsWithoutTouchingTheCard) {
    auto rig = startRig("fr-citizen-18");
    ASSERT_TRUE(rig);
    const ProcessResult result = login(*rig, "12ab\n");
    EXPECT_EQ(result.exitCode, 2);
    EXPECT_EQ(result.err.find("12ab"), std::string::npos) << "the PIN is never printed";
    EXPECT_EQ(nlohmann::json::parse(login(*rig, "5678\n").out)["tries_left"], 3);
}

TEST(EidLoginIntegrationTest, EndsCleanlyWhenTheCardIsPulledOutMidLogin) {
    for (const char* persona : {"nl-citizen-17", "fr-citizen-18"}) {
        for (const char* after : {"remove-after 5", "remove-after 9"}) {
            auto rig = startRig(persona);
            ASSERT_TRUE(rig);
            ASSERT_TRUE(rig->command(after));
            const auto started = Clock::now();
            const ProcessResult result =
                login(*rig, loadPersona(persona)["pin"].get<std::string>() + "\n");
            EXPECT_EQ(result.exitCode, 2) << persona << ' ' << after << ": " << result.out;
            const nlohmann::json json = nlohmann::json::parse(result.out);
            EXPECT_EQ(json["ok"], false);
            EXPECT_NE(json["error"].get<std::string>().find("card removed"), std::string::npos)
                << json["error"];
            EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
        }
    }
}

// ---- The PC/SC transport on the same stack -------------------------------------------------

using drivers::eid::PcscContext;
using drivers::eid::ReaderEvent;
using drivers::eid::ReaderEventKind;

std::vector<ReaderEvent> waitFor(PcscContext& context, ReaderEventKind kind) {
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
        auto events = context.waitForEvents(std::chrono::milliseconds(500));
        EXPECT_TRUE(events.has_value()) << events.error().message;
        if (!events) {
            return {};
        }
        for (const ReaderEvent& event : *events) {
            if (event.kind == kind) {
                return *events;
            }
        }
    }
    ADD_FAILURE() << "no event of kind " << static_cast<int>(kind);
    return {};
}

TEST(PcscIntegrationTest, ReportsInsertAndRemoveEvents) {
    auto rig = startRig("fr-citizen-18");
    ASSERT_TRUE(rig);
    auto context = PcscContext::establish();
    ASSERT_TRUE(context.has_value()) << context.error().message;
    auto first = waitFor(**context, ReaderEventKind::CardInserted);
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(first.front().reader, rig->readerName());
    EXPECT_EQ(first.front().atr.size(), 20u);
    ASSERT_TRUE(rig->command("remove"));
    EXPECT_FALSE(waitFor(**context, ReaderEventKind::CardRemoved).empty());
    ASSERT_TRUE(rig->command("insert"));
    EXPECT_FALSE(waitFor(**context, ReaderEventKind::CardInserted).empty());
}

TEST(PcscIntegrationTest, CancelEndsAWaitAtOnce) {
    auto rig = startRig("fr-citizen-18");
    ASSERT_TRUE(rig);
    auto context = PcscContext::establish();
    ASSERT_TRUE(context.has_value());
    ASSERT_TRUE((*context)->waitForEvents(std::chrono::milliseconds(0)).has_value());
    const auto started = Clock::now();
    std::thread canceller([&context] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        (*context)->cancel();
    });
    auto events = (*context)->waitForEvents(std::chrono::seconds(30));
    canceller.join();
    ASSERT_FALSE(events.has_value());
    EXPECT_EQ(events.error().code, core::Errc::InvalidState);
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
}

TEST(PcscIntegrationTest, ReconnectsAfterAnotherProgramResetTheCard) {
    auto rig = startRig("fr-citizen-18");
    ASSERT_TRUE(rig);
    auto context = PcscContext::establish();
    ASSERT_TRUE(context.has_value());
    auto card = (*context)->connect(rig->readerName(), std::chrono::milliseconds(0));
    ASSERT_TRUE(card.has_value()) << card.error().message;
    auto eid = drivers::eid::EidCard::open(**card, (*card)->atr());
    ASSERT_TRUE(eid.has_value()) << eid.error().message;
    {
        auto other = (*context)->connect(rig->readerName(), std::chrono::milliseconds(0));
        ASSERT_TRUE(other.has_value());
        (*other)->resetOnDisconnect();
    }
    auto file = eid->readFile(drivers::eid::EidFile::Address);
    ASSERT_TRUE(file.has_value()) << file.error().message;
    EXPECT_EQ((*card)->reconnects(), 1);
}

TEST(PcscIntegrationTest, FailsFastWhenTheReaderGoes) {
    auto rig = startRig("fr-citizen-18");
    ASSERT_TRUE(rig);
    auto context = PcscContext::establish();
    ASSERT_TRUE(context.has_value());
    auto card = (*context)->connect(rig->readerName(), std::chrono::milliseconds(0));
    ASSERT_TRUE(card.has_value());
    auto eid = drivers::eid::EidCard::open(**card, (*card)->atr());
    ASSERT_TRUE(eid.has_value());
    rig.reset();
    const auto started = Clock::now();
    auto file = eid->readFile(drivers::eid::EidFile::Identity);
    ASSERT_FALSE(file.has_value());
    EXPECT_TRUE(drivers::eid::isReaderGone(file.error()) ||
                drivers::eid::isCardRemoved(file.error()))
        << file.error().message;
    auto events = (*context)->waitForEvents(std::chrono::seconds(2));
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(5));
    EXPECT_FALSE(events.has_value() && events->empty()) << "a dead service is not a quiet one";
}

}  // namespace
}  // namespace balie::test
