// SPDX-License-Identifier: GPL-3.0-or-later
// balie: the technician's command-line tool. Dispatches "balie GROUP VERB ..." to a subcommand.
#include <exception>
#include <iostream>
#include <span>
#include <string_view>
#include <vector>

#include "command_line.h"

namespace {

struct Subcommand {
    std::string_view group;
    std::string_view verb;
    std::string_view synopsis;
    balie::cli::Command run;
};

constexpr Subcommand kSubcommands[] = {
    {"insz", "check", "NUMBER [--json] [--lenient]", balie::cli::inszCheck},
    {"mrz", "parse", "[--json] < MRZ lines", balie::cli::mrzParse},
    {"eid", "read", "[--json] [--photo FILE] [--trust PEMFILE]", balie::cli::eidRead},
    {"eid", "login", "[--json] [--trust PEMFILE] < PIN (and 'yes' on the last try)",
     balie::cli::eidLogin},
    {"request", "submit", "FILE.json [--store DIR]", balie::cli::requestSubmit},
    {"queue", "list", "[--json] [--store DIR]", balie::cli::queueList},
    {"sync", "",
     "[--once] [--store DIR] [--central URL] [--token-file FILE] [--ca FILE] "
     "[--client-cert FILE --client-key FILE]",
     balie::cli::sync},
    {"ocr", "", "[--json] [--model DIR] IMAGE...", balie::cli::ocrRead},
    {"camera", "list", "[--json]", balie::cli::cameraList},
    {"camera", "capture",
     "[--device ID|--replay PATH] --out FILE [--timeout SECONDS] [--json] [--model DIR]",
     balie::cli::cameraCapture},
};

void printUsage(std::ostream& out) {
    out << "usage:\n";
    for (const Subcommand& command : kSubcommands) {
        out << "  balie " << command.group << ' ' << command.verb << ' ' << command.synopsis
            << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> words(argv + 1, argv + argc);
    if (words.empty() || words[0] == "--help" || words[0] == "-h") {
        printUsage(words.empty() ? std::cerr : std::cout);
        return words.empty() ? balie::cli::kExitUsage : balie::cli::kExitOk;
    }
    // A group without verbs ("balie sync --once") takes every word after the group.
    for (const Subcommand& command : kSubcommands) {
        if (command.verb.empty() && words[0] == command.group) {
            try {
                return command.run(std::span(words).subspan(1),
                                   balie::cli::Io{std::cin, std::cout, std::cerr});
            } catch (const std::exception& error) {
                std::cerr << "balie: internal error: " << error.what() << '\n';
                return 70;
            }
        }
    }
    for (const Subcommand& command : kSubcommands) {
        if (words.size() >= 2 && words[0] == command.group && words[1] == command.verb) {
            try {
                return command.run(std::span(words).subspan(2),
                                   balie::cli::Io{std::cin, std::cout, std::cerr});
            } catch (const std::exception& error) {
                // Only a bug gets here: subcommands report bad input as values.
                std::cerr << "balie: internal error: " << error.what() << '\n';
                return 70;
            }
        }
    }
    std::cerr << "balie: unknown command '" << words[0]
              << (words.size() >= 2 ? std::string(" ") + std::string(words[1]) : std::string())
              << "'\n";
    printUsage(std::cerr);
    return balie::cli::kExitUsage;
}
