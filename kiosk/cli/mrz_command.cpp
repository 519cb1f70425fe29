// SPDX-License-Identifier: GPL-3.0-or-later
// `balie mrz parse [--json]`: reads a machine readable zone from standard input and reports its
// fields and check digits.
#include <istream>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "balie/core/mrz.h"
#include "command_line.h"
#include "mrz_json.h"

namespace balie::cli {

namespace {

void printSummary(std::ostream& out, const core::Mrz& mrz) {
    auto row = [&out](std::string_view label, std::string_view value) {
        out << label << std::string(18 - label.size(), ' ') << value << '\n';
    };
    row("format:", core::mrzFormatName(mrz.format));
    row("document code:", mrz.documentCode);
    row("issuing country:", mrz.issuingState);
    row("document number:", mrz.documentNumber);
    row("surname:", mrz.surname());
    row("given names:", mrz.givenNames());
    if (mrz.namePossiblyTruncated) {
        row("", "(the name fills its field: it may be truncated)");
    }
    row("birth date:", mrz.birthDate);
    row("sex:", mrzSexText(mrz.sex));
    row("nationality:", mrz.nationality);
    row("expiry date:", mrz.expiryDate);
    row("optional data:", mrz.optionalData);
    if (mrz.format == core::MrzFormat::Td1) {
        row("optional data 2:", mrz.optionalData2);
    }
    std::string checks;
    for (const core::MrzCheck& check : mrz.checks) {
        checks += (checks.empty() ? "" : ", ") + std::string(check.name) +
                  (check.passed ? " ok" : " FAILED");
    }
    row("check digits:", checks);
    row("valid:", mrz.valid() ? "yes" : "no: a check digit does not match");
}

}  // namespace

int mrzParse(std::span<const std::string_view> args, Io io) {
    CommandLine commandLine(args, {"--json"});
    if (!commandLine.unknownFlag().empty()) {
        return usageError(
            io.err, "mrz parse: unknown option '" + std::string(commandLine.unknownFlag()) + "'");
    }
    if (!commandLine.positional().empty()) {
        return usageError(
            io.err, "mrz parse takes no arguments: it reads the MRZ lines from standard input");
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(io.in, line);) {
        lines.push_back(std::move(line));
    }
    core::Result<core::Mrz> mrz = core::parseMrzLines(lines);
    if (!mrz.has_value()) {
        return usageError(io.err, "not an MRZ: " + mrz.error().message);
    }
    if (commandLine.has("--json")) {
        io.out << mrzToJson(*mrz).dump() << '\n';
    } else {
        printSummary(io.out, *mrz);
    }
    return mrz->valid() ? kExitOk : kExitInvalid;
}

}  // namespace balie::cli
