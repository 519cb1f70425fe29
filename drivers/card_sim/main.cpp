// SPDX-License-Identifier: GPL-3.0-or-later
// balie-card-sim: a virtual Belgian eID card for pcscd's vpcd reader (tests and the demo).
#include <signal.h>

#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>

#include "beid_applet.h"
#include "card_image.h"
#include "persona.h"
#include "simulator.h"

namespace {

constexpr const char* kUsage =
    "usage: balie-card-sim --persona FILE --pki DIR --port PORT [--control SOCKET]\n"
    "\n"
    "Plays the Belgian eID card described by the persona FILE (JSON) to the vpcd reader of\n"
    "pcscd on 127.0.0.1:PORT. Keys and certificates are read from DIR, as written by\n"
    "tests/data/eid/make_test_pki.sh. Control lines are read from standard input and, with\n"
    "--control, from connections to the Unix socket SOCKET; each gets the reply \"ok\" or\n"
    "\"error: ...\":\n"
    "  remove | insert | glitch 6c | glitch 61 | glitch 6b00-midfile | tamper identity |\n"
    "  remove-after N | quit\n";

int usageError(const std::string& message) {
    std::fprintf(stderr, "balie-card-sim: %s (see --help)\n", message.c_str());
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace balie::cardsim;
    std::string personaPath;
    std::string pkiDir;
    SimulatorOptions options;
    bool havePort = false;
    for (int i = 1; i < argc; ++i) {
        std::string_view option = argv[i];
        if (option == "--help" || option == "-h") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (option != "--persona" && option != "--pki" && option != "--port" &&
            option != "--control") {
            return usageError("unknown option '" + std::string(option) + "'");
        }
        if (i + 1 >= argc) {
            return usageError(std::string(option) + " needs a value");
        }
        std::string value = argv[++i];
        if (option == "--persona") {
            personaPath = value;
        } else if (option == "--pki") {
            pkiDir = value;
        } else if (option == "--control") {
            options.controlPath = value;
        } else {
            unsigned port = 0;
            auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), port);
            if (error != std::errc() || end != value.data() + value.size() || port == 0 ||
                port > 65535) {
                return usageError("--port needs a TCP port number, not '" + value + "'");
            }
            options.vpcdPort = static_cast<std::uint16_t>(port);
            havePort = true;
        }
    }
    if (personaPath.empty() || pkiDir.empty() || !havePort) {
        return usageError("--persona, --pki and --port are required");
    }

    auto persona = loadPersona(personaPath);
    if (!persona.has_value()) {
        std::fprintf(stderr, "balie-card-sim: %s\n", persona.error().message.c_str());
        return 1;
    }
    auto image = buildCardImage(*persona, pkiDir);
    if (!image.has_value()) {
        std::fprintf(stderr, "balie-card-sim: %s: %s\n", personaPath.c_str(),
                     image.error().message.c_str());
        return 1;
    }
    // A control client or vpcd that goes away must not kill the card with SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    auto simulator = Simulator::create(BeidApplet(std::move(*image)), options);
    if (!simulator.has_value()) {
        std::fprintf(stderr, "balie-card-sim: %s\n", simulator.error().message.c_str());
        return 1;
    }
    auto result = (*simulator)->run();
    if (!result.has_value()) {
        std::fprintf(stderr, "balie-card-sim: %s\n", result.error().message.c_str());
        return 1;
    }
    return 0;
}
