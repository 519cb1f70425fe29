// SPDX-License-Identifier: GPL-3.0-or-later
// eid_benchmark: APDUs, bytes and time of a full read and of a login through pcscd + vpcd and
// balie-card-sim, beside the fewest APDUs the file sizes allow. Prints its figures; not a test.
//
// usage: eid_benchmark [PERSONA]   (without one: the 1.7 and the 1.8 citizen, each in a child
//                                   process, as libpcsclite fixes its socket once per process)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "balie/drivers/eid/eid_card.h"
#include "balie/drivers/eid/eid_reader.h"
#include "balie/drivers/eid/login.h"
#include "balie/drivers/eid/pcsc.h"
#include "balie/drivers/eid/pin.h"
#include "process.h"
#include "virtual_card_rig.h"

namespace {

namespace eid = balie::drivers::eid;
using Clock = std::chrono::steady_clock;

constexpr int kRuns = 5;
constexpr std::size_t kMaxLength = 256;

double millisecondsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Sample {
    eid::TransferStats stats;
    double milliseconds = 0;
};

void print(const char* what, const std::vector<Sample>& samples, std::size_t minimumKnown,
           std::size_t minimumLearned) {
    std::vector<double> times;
    for (const Sample& sample : samples) {
        times.push_back(sample.milliseconds);
    }
    std::sort(times.begin(), times.end());
    const eid::TransferStats& stats = samples.front().stats;
    std::printf(
        "  %-6s APDUs %3zu | minimum %3zu with sizes known, %3zu learning sizes from the card"
        " | sent %5zu B, received %6zu B | median %7.1f ms (%d runs)\n",
        what, stats.apdus, minimumKnown, minimumLearned, stats.bytesSent, stats.bytesReceived,
        times[times.size() / 2], kRuns);
}

std::size_t filesApdus(std::size_t size) {
    return eid::minimumApdusForFile(size, kMaxLength, true);
}

int benchmark(const std::string& persona, const std::string& pinDigits) {
    std::string error;
    auto rig = balie::test::VirtualCardRig::start(
        std::string(BALIE_TEST_DATA_DIR) + "/eid/personas/" + persona + ".json", &error);
    if (!rig) {
        std::cerr << "eid_benchmark: " << error << '\n';
        return 1;
    }
    auto context = eid::PcscContext::establish();
    if (!context) {
        std::cerr << "eid_benchmark: " << context.error().message << '\n';
        return 1;
    }
    std::string trust;
    {
        auto text = balie::test::runProcess("/bin/cat", {rig->pkiDir() + "/root.pem"});
        trust = text.out;
    }
    std::vector<Sample> reads;
    std::vector<Sample> logins;
    eid::EidFiles files;
    std::string applet;
    std::size_t loginMinimum = 0;
    for (int run = 0; run < kRuns; ++run) {
        // Without the 200 ms settle pause of real readers: it would only add a constant.
        auto card = (*context)->connect(rig->readerName(), std::chrono::milliseconds(0));
        if (!card) {
            std::cerr << "eid_benchmark: " << card.error().message << '\n';
            return 1;
        }
        auto transaction = (*card)->beginTransaction();
        const auto readStart = Clock::now();
        auto opened = eid::EidCard::open(**card, (*card)->atr());
        auto record = opened ? eid::readEid(*opened) : tl::unexpected(opened.error());
        if (!record) {
            std::cerr << "eid_benchmark: read: " << record.error().message << '\n';
            return 1;
        }
        const eid::EidChecks checks = eid::checkEid(*record, trust);
        reads.push_back({opened->stats(), millisecondsSince(readStart)});
        if (!checks.allPassed()) {
            std::cerr << "eid_benchmark: a check failed\n";
            return 1;
        }
        files = record->files;
        applet = record->card.appletVersionText();

        const auto loginStart = Clock::now();
        auto loginCard = eid::EidCard::open(**card, (*card)->atr());
        auto pin = eid::Pin::create(pinDigits);
        eid::LoginOptions options;
        options.trustAnchorsPem = trust;
        auto outcome = eid::login(*loginCard, *pin, record->identity.nationalNumber, options);
        if (!outcome || !outcome->ok) {
            std::cerr << "eid_benchmark: login failed\n";
            return 1;
        }
        static_cast<void>(outcome->session->end());
        logins.push_back({loginCard->stats(), millisecondsSince(loginStart)});
        if (run == 0) {
            auto auth = loginCard->readFile(eid::EidFile::AuthenticationCertificate);
            auto ca = loginCard->readFile(eid::EidFile::CaCertificate);
            // GET CARD DATA, PIN state, VERIFY, the two certificates, SELECT
            // DF00, MSE SET, PSO and the GET RESPONSE a T=0 card answers it with, LOG OFF.
            loginMinimum = 1 + 1 + 1 + filesApdus(auth ? auth->size() : 0) +
                           filesApdus(ca ? ca->size() : 0) + 4 + 1;
        }
    }
    const eid::ReadBounds bounds = eid::minimumApdusForRead(files, applet == "1.8", kMaxLength);
    std::printf(
        "%s (applet %s): photo %zu B, identity %zu B, address %zu B, RRN certificate %zu B\n",
        persona.c_str(), applet.c_str(), files.photo.size(), files.identity.size(),
        files.address.size(), files.rrnCertificate.size());
    print("read", reads, bounds.sizesKnown, bounds.sizesLearned);
    print("login", logins, loginMinimum, loginMinimum);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1) {
        const std::string persona = argv[1];
        const std::string pin = argc > 2 ? argv[2] : "1234";
        return benchmark(persona, pin);
    }
    int status = 0;
    for (const auto& [persona, pin] : std::vector<std::pair<std::string, std::string>>{
             {"nl-citizen-17", "1234"}, {"fr-citizen-18", "5678"}}) {
        auto result = balie::test::runProcess(argv[0], {persona, pin});
        std::cout << result.out << result.err;
        status = std::max(status, result.exitCode);
    }
    return status;
}
