// SPDX-License-Identifier: GPL-3.0-or-later
// The rig end to end: raw PC/SC through a private pcscd and vpcd to balie-card-sim.
#include "virtual_card_rig.h"

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "sim_test_support.h"

namespace balie::test {
namespace {

// Owns a PC/SC context and, once connected, a card handle.
class PcscSession {
public:
    explicit PcscSession(const std::string& reader) : reader_(reader) {
        established_ = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context_);
    }
    ~PcscSession() {
        if (card_ != 0) {
            SCardDisconnect(card_, SCARD_RESET_CARD);
        }
        if (established_ == SCARD_S_SUCCESS) {
            SCardReleaseContext(context_);
        }
    }
    PcscSession(const PcscSession&) = delete;
    PcscSession& operator=(const PcscSession&) = delete;

    LONG established() const { return established_; }

    LONG connect() {
        DWORD protocol = 0;
        return SCardConnect(context_, reader_.c_str(), SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0,
                            &card_, &protocol);
    }

    // Sends one APDU; the status of SCardTransmit goes to *result.
    Bytes transmit(const Bytes& command, LONG* result) {
        Bytes response(258);
        DWORD length = static_cast<DWORD>(response.size());
        *result =
            SCardTransmit(card_, SCARD_PCI_T0, command.data(), static_cast<DWORD>(command.size()),
                          nullptr, response.data(), &length);
        response.resize(*result == SCARD_S_SUCCESS ? length : 0);
        return response;
    }

    Bytes transmit(const Bytes& command) {
        LONG result = 0;
        Bytes response = transmit(command, &result);
        EXPECT_EQ(result, SCARD_S_SUCCESS) << pcsc_stringify_error(result);
        return response;
    }

    // Waits for the reader to change away from \a known; returns the new event state.
    DWORD waitForChange(DWORD known, DWORD timeoutMs) {
        SCARD_READERSTATE state{};
        state.szReader = reader_.c_str();
        state.dwCurrentState = known;
        LONG result = SCardGetStatusChange(context_, timeoutMs, &state, 1);
        return result == SCARD_S_SUCCESS ? state.dwEventState : 0;
    }

    DWORD currentState() { return waitForChange(SCARD_STATE_UNAWARE, 0); }

private:
    std::string reader_;
    SCARDCONTEXT context_ = 0;
    SCARDHANDLE card_ = 0;
    LONG established_ = SCARD_E_NO_SERVICE;
};

std::unique_ptr<VirtualCardRig> startRig(const std::string& persona) {
    std::string error;
    std::unique_ptr<VirtualCardRig> rig = VirtualCardRig::start(personaPath(persona), &error);
    EXPECT_NE(rig, nullptr) << error;
    return rig;
}

// Waits until the reader shows (or no longer shows) a card, following each change.
bool cardPresentWithin(PcscSession& session, bool present, DWORD timeoutMs) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    DWORD state = session.currentState();
    while (((state & SCARD_STATE_PRESENT) != 0) != present) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        state = session.waitForChange(state & ~static_cast<DWORD>(SCARD_STATE_CHANGED), 500);
    }
    return true;
}

TEST(VirtualCardRigTest, ReadsTheIdentityFileThroughPcscd) {
    auto rig = startRig("fr-citizen-18");
    ASSERT_NE(rig, nullptr);
    EXPECT_EQ(rig->readerName(), "Virtual PCD 00 00");
    EXPECT_TRUE(std::filesystem::exists(rig->pkiDir() + "/root.pem"));
    PcscSession session(rig->readerName());
    ASSERT_EQ(session.established(), SCARD_S_SUCCESS);
    ASSERT_EQ(session.connect(), SCARD_S_SUCCESS);

    Bytes cardData = session.transmit(apdu({0x80, 0xE4, 0x00, 0x00, 0x1C}));
    ASSERT_EQ(statusWord(cardData), 0x9000);
    EXPECT_EQ(cardData[21], 0x18) << "applet version byte";

    ASSERT_EQ(
        statusWord(session.transmit(apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x01, 0x40, 0x31}))),
        0x9000);
    Bytes identity;
    for (;;) {
        int offset = static_cast<int>(identity.size());
        Bytes response = session.transmit(apdu({0x00, 0xB0, offset >> 8, offset & 0xFF, 0xFC}));
        if ((statusWord(response) & 0xFF00) == 0x6C00) {
            response = session.transmit(
                apdu({0x00, 0xB0, offset >> 8, offset & 0xFF, statusWord(response) & 0xFF}));
        }
        ASSERT_EQ(statusWord(response), 0x9000);
        Bytes data = dataOf(response);
        identity.insert(identity.end(), data.begin(), data.end());
        if (data.size() < 0xFC) {
            break;
        }
    }
    auto fields = parseTlv(identity);
    EXPECT_EQ(fields[0x06], text("85080313762"));
    EXPECT_EQ(fields[0x07], text("Spécimen"));
    EXPECT_EQ(fields[0x0C], text("03 AOUT 1985"));
}

TEST(VirtualCardRigTest, ReportsRemovalAndInsertion) {
    auto rig = startRig("nl-citizen-17");
    ASSERT_NE(rig, nullptr);
    PcscSession session(rig->readerName());
    ASSERT_EQ(session.established(), SCARD_S_SUCCESS);
    EXPECT_TRUE(cardPresentWithin(session, true, 1000));

    ASSERT_TRUE(rig->removeCard());
    EXPECT_TRUE(cardPresentWithin(session, false, 1000));
    EXPECT_EQ(session.connect(), SCARD_E_NO_SMARTCARD);

    ASSERT_TRUE(rig->insertCard());
    EXPECT_TRUE(cardPresentWithin(session, true, 1000));
    ASSERT_EQ(session.connect(), SCARD_S_SUCCESS);
    Bytes cardData = session.transmit(apdu({0x80, 0xE4, 0x00, 0x00, 0x1C}));
    EXPECT_EQ(cardData[21], 0x17) << "the same 1.7 card is back";
}

TEST(VirtualCardRigTest, RemovalMidReadFailsTheNextTransmit) {
    auto rig = startRig("demo-agent");
    ASSERT_NE(rig, nullptr);
    PcscSession session(rig->readerName());
    ASSERT_EQ(session.connect(), SCARD_S_SUCCESS);
    ASSERT_TRUE(rig->command("remove-after 2"));

    Bytes select = apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x01, 0x40, 0x35});
    EXPECT_EQ(statusWord(session.transmit(select)), 0x9000);
    EXPECT_EQ(statusWord(session.transmit(apdu({0x00, 0xB0, 0x00, 0x00, 0xFC}))), 0x9000);
    LONG result = SCARD_S_SUCCESS;
    Bytes third = session.transmit(apdu({0x00, 0xB0, 0x00, 0xFC, 0xFC}), &result);
    // vpcd reports a card that vanished during the exchange as a successful response of zero
    // bytes when it reads end-of-file: a reader must treat a response without status word as a
    // lost card, like the PC/SC errors.
    bool lost = result == SCARD_E_NOT_TRANSACTED || result == SCARD_W_REMOVED_CARD ||
                result == SCARD_E_NO_SMARTCARD || (result == SCARD_S_SUCCESS && third.empty());
    EXPECT_TRUE(lost) << pcsc_stringify_error(result) << " with " << third.size() << " bytes";
    EXPECT_TRUE(cardPresentWithin(session, false, 2000));
}

TEST(VirtualCardRigTest, GlitchesReachTheReaderThroughPcscd) {
    auto rig = startRig("demo-agent");
    ASSERT_NE(rig, nullptr);
    PcscSession session(rig->readerName());
    ASSERT_EQ(session.connect(), SCARD_S_SUCCESS);
    ASSERT_EQ(
        statusWord(session.transmit(apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x00, 0x50, 0x38}))),
        0x9000);
    ASSERT_TRUE(rig->command("glitch 6c"));
    EXPECT_EQ(statusWord(session.transmit(apdu({0x00, 0xB0, 0x00, 0x00, 0xFC}))), 0x6CFC);
    EXPECT_EQ(statusWord(session.transmit(apdu({0x00, 0xB0, 0x00, 0x00, 0xFC}))), 0x9000);
    EXPECT_FALSE(rig->command("glitch 99"));
}

TEST(VirtualCardRigTest, ReportsAPersonaThatCannotStart) {
    std::string error;
    auto rig = VirtualCardRig::start(personaPath("no-such-persona"), &error);
    EXPECT_EQ(rig, nullptr);
    EXPECT_NE(error.find("no-such-persona"), std::string::npos) << error;
}

}  // namespace
}  // namespace balie::test
