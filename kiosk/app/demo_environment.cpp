// SPDX-License-Identifier: GPL-3.0-or-later
// The demo mode's private card reader, card, PKI and state.
#include "demo_environment.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <sstream>
#include <thread>

#include "balie/drivers/eid/pcsc.h"
#include "balie/sync/crypto/totp.h"

namespace balie::app {

namespace fs = std::filesystem;

namespace {

// The demo agent (tests/data/eid/personas/demo-agent.json), on the demo company's access list.
constexpr std::string_view kDemoNationalNumber = "90072104503";
constexpr std::string_view kDemoAgentName = "Demo Agent Specimen";
constexpr std::string_view kDemoCompany = "demo";
constexpr std::string_view kDemoKioskId = "demo-kiosk";
// The demo agent's digital key, shown on the start screen. The secret is fixed so that a phone's
// authenticator app set up once keeps working with every demo.
constexpr std::string_view kDemoUsername = "demo";
constexpr std::string_view kDemoPassword = "demo1234";
constexpr std::string_view kDemoSecret = "balie-demo-secret-20";
constexpr std::chrono::seconds kStartTimeout{20};
// A new central database is created and the registry imported before it listens.
constexpr std::chrono::seconds kCentralStartTimeout{60};
constexpr std::string_view kListeningPrefix = "listening on ";

std::string firstLine(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

// "HOST:PORT" from the central service's "listening on HOST:PORT" line, once it is written.
std::optional<std::string> listeningAddress(const fs::path& log) {
    std::ifstream in(log);
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with(kListeningPrefix)) {
            return line.substr(kListeningPrefix.size());
        }
    }
    return std::nullopt;
}

bool canBind(std::uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

// vpcd listens on the configured port and the next one: a free pair chosen by the kernel.
std::optional<std::uint16_t> freePortPair() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        bool bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
                     ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
        ::close(fd);
        std::uint16_t port = ntohs(address.sin_port);
        if (bound && port < 65535 && canBind(static_cast<std::uint16_t>(port + 1))) {
            return port;
        }
    }
    return std::nullopt;
}

bool cardPresent() {
    auto context = drivers::eid::PcscContext::establish();
    if (!context) {
        return false;
    }
    auto readers = (*context)->readers();
    if (!readers) {
        return false;
    }
    for (const auto& reader : *readers) {
        if (reader.cardPresent) {
            return true;
        }
    }
    return false;
}

fs::path firstExisting(std::initializer_list<fs::path> candidates) {
    for (const fs::path& candidate : candidates) {
        std::error_code error;
        if (fs::exists(candidate, error)) {
            return candidate;
        }
    }
    return *candidates.begin();
}

}  // namespace

DemoPaths DemoPaths::find() {
    DemoPaths paths;
    paths.cardSimulator = firstExisting({BALIE_DEMO_BUILD_CARD_SIM, "/usr/bin/balie-card-sim"});
    paths.central = firstExisting({BALIE_DEMO_BUILD_CENTRAL, "/usr/bin/balie-central"});
    paths.knownPersons =
        firstExisting({BALIE_DEMO_SOURCE_DIR "/sync/central/fixtures/known_persons.json",
                       "/usr/share/balie/demo/known_persons.json"});
    paths.persona = firstExisting({BALIE_DEMO_SOURCE_DATA "/eid/personas/demo-agent.json",
                                   "/usr/share/balie/demo/personas/demo-agent.json"});
    paths.pkiScript = firstExisting(
        {BALIE_DEMO_SOURCE_DATA "/eid/make_test_pki.sh", "/usr/share/balie/demo/make_test_pki.sh"});
    paths.documents =
        firstExisting({BALIE_DEMO_SOURCE_DATA "/vision/demo", "/usr/share/balie/demo/documents"});
    return paths;
}

core::Result<std::unique_ptr<DemoEnvironment>> DemoEnvironment::start(const DemoPaths& paths,
                                                                      std::ostream& log) {
    std::unique_ptr<DemoEnvironment> demo(new DemoEnvironment());
    std::string pattern = (fs::temp_directory_path() / "balie-demo-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return core::fail(core::Errc::Config, "cannot create a temporary directory");
    }
    demo->directory_ = pattern;
    for (const fs::path& needed : {paths.cardSimulator, paths.central, paths.knownPersons,
                                   paths.persona, paths.pkiScript, paths.pcscd, paths.vpcdDriver}) {
        if (!fs::exists(needed)) {
            return core::fail(core::Errc::Config,
                              "the demo needs " + needed.string() +
                                  " (packages pcscd and vsmartcard-vpcd, and a built Balie)");
        }
    }
    log << "balie-kiosk: demo files in " << demo->directory_.string() << '\n';

    demo->pkiDir_ = demo->directory_ / "pki";
    demo->documents_ = paths.documents;
    auto pki = runToEnd(
        {"/bin/sh", paths.pkiScript.string(), demo->pkiDir_.string(), paths.persona.string()});
    if (!pki) {
        return tl::unexpected(pki.error());
    }

    std::optional<std::uint16_t> port = freePortPair();
    if (!port) {
        return core::fail(core::Errc::Config, "no free pair of TCP ports for the virtual reader");
    }
    fs::path run = demo->directory_ / "pcscd";
    fs::create_directories(run);
    fs::path readerConf = demo->directory_ / "reader.conf";
    std::ofstream(readerConf) << "FRIENDLYNAME \"Virtual PCD\"\n"
                              << "DEVICENAME /dev/null:" << *port << "\n"
                              << "LIBPATH " << paths.vpcdDriver.string() << "\n";
    auto pcscd =
        ChildProcess::start({paths.pcscd.string(), "--foreground", "--config", readerConf.string()},
                            demo->directory_ / "pcscd.log", run);
    if (!pcscd) {
        return tl::unexpected(pcscd.error());
    }
    demo->processes_.push_back(std::move(*pcscd));
    fs::path socket = run / "pcscd.comm";
    auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (!fs::exists(socket)) {
        if (!demo->processes_.back().running() || std::chrono::steady_clock::now() > deadline) {
            return core::fail(core::Errc::Config, "pcscd did not start (it needs root); see " +
                                                      (demo->directory_ / "pcscd.log").string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    // Every PC/SC client of this process (the card login) talks to the private pcscd.
    ::setenv("PCSCLITE_CSOCK_NAME", socket.c_str(), 1);

    auto simulator =
        ChildProcess::start({paths.cardSimulator.string(), "--persona", paths.persona.string(),
                             "--pki", demo->pkiDir_.string(), "--port", std::to_string(*port),
                             "--control", (demo->directory_ / "card.sock").string()},
                            demo->directory_ / "card-sim.log");
    if (!simulator) {
        return tl::unexpected(simulator.error());
    }
    demo->processes_.push_back(std::move(*simulator));
    while (!cardPresent()) {
        if (!demo->processes_.back().running() || std::chrono::steady_clock::now() > deadline) {
            return core::fail(core::Errc::Config, "the demo card did not appear; see " +
                                                      (demo->directory_ / "card-sim.log").string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    log << "balie-kiosk: demo card reader ready; the demo agent's PIN is 1234\n";

    if (auto central = demo->startCentral(paths); !central) {
        return tl::unexpected(central.error());
    }
    log << "balie-kiosk: demo central service at " << demo->centralUrl_ << '\n';
    fs::create_directories(demo->directory_ / "state");
    return demo;
}

core::Result<void> DemoEnvironment::startCentral(const DemoPaths& paths) {
    const std::string central = paths.central.string();
    const std::string database = "sqlite:" + (directory_ / "central.sqlite").string();
    auto token = runToEnd({central, "kiosk", "add", std::string(kDemoKioskId), "--company",
                           std::string(kDemoCompany), "--db", database});
    if (!token) {
        return tl::unexpected(token.error());
    }
    const fs::path secretFile = directory_ / "digital-key.secret";
    std::ofstream(secretFile) << sync::totp::toBase32(kDemoSecret) << '\n';
    fs::permissions(secretFile, fs::perms::owner_read | fs::perms::owner_write);
    auto granted = runToEnd(
        {central, "access", "grant", std::string(kDemoNationalNumber), "--company",
         std::string(kDemoCompany), "--name", std::string(kDemoAgentName), "--username",
         std::string(kDemoUsername), "--secret-file", secretFile.string(), "--db", database},
        std::string(kDemoPassword) + "\n");
    if (!granted) {
        return tl::unexpected(granted.error());
    }
    std::ofstream(directory_ / "central.token") << firstLine(*token) << '\n';
    fs::permissions(directory_ / "central.token", fs::perms::owner_read | fs::perms::owner_write);

    const fs::path logFile = directory_ / "central.log";
    auto server = ChildProcess::start({central, "serve", "--listen", "127.0.0.1:0", "--db",
                                       database, "--registry", paths.knownPersons.string()},
                                      logFile);
    if (!server) {
        return tl::unexpected(server.error());
    }
    processes_.push_back(std::move(*server));
    auto deadline = std::chrono::steady_clock::now() + kCentralStartTimeout;
    std::optional<std::string> address;
    while (!(address = listeningAddress(logFile))) {
        if (!processes_.back().running() || std::chrono::steady_clock::now() > deadline) {
            return core::fail(core::Errc::Config,
                              "the central service did not start; see " + logFile.string());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    centralUrl_ = "http://" + *address;
    return {};
}

DemoEnvironment::~DemoEnvironment() {
    while (!processes_.empty()) {
        processes_.pop_back();
    }
    if (!directory_.empty()) {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
    }
}

ui::DemoDigitalKey DemoEnvironment::digitalKey() const {
    return ui::DemoDigitalKey{std::string(kDemoUsername), std::string(kDemoPassword),
                              [](std::chrono::system_clock::time_point time) {
                                  return sync::totp::code(kDemoSecret, sync::totp::stepAt(time));
                              },
                              sync::totp::kStep};
}

ui::KioskConfig DemoEnvironment::configure(ui::KioskConfig base) const {
    base.stateDir = directory_ / "state";
    base.eidTrust = pkiDir_ / "root.pem";
    base.accessList.clear();
    base.camera = "replay:" + documents_.string();
    base.centralUrl = centralUrl_;
    base.centralTokenFile = directory_ / "central.token";
    base.centralCa.clear();
    return base;
}

}  // namespace balie::app
