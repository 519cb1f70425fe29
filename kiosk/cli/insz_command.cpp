// SPDX-License-Identifier: GPL-3.0-or-later
// `balie insz check`: says whether an INSZ is valid and what it encodes.
#include <time.h>

#include <ctime>
#include <optional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "balie/core/insz.h"
#include "command_line.h"

namespace balie::cli {

namespace {

// The command line is the one place that reads the clock; the core takes the date as a value.
core::PartialDate localToday() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::optional<std::string> birthDateText(const core::Insz& number) {
    if (number.birthDate().year == 0) {
        return std::nullopt;
    }
    return number.birthDate().iso();
}

std::optional<std::string> sexText(const core::Insz& number) {
    if (!number.sex().has_value()) {
        return std::nullopt;
    }
    return *number.sex() == core::InszSex::Male ? "M" : "F";
}

template <typename T>
nlohmann::ordered_json orNull(const std::optional<T>& value) {
    return value.has_value() ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

void printJson(std::ostream& out, std::string_view input,
               const tl::expected<core::Insz, core::InszError>& number, bool lenient) {
    nlohmann::ordered_json json;
    json["input"] = std::string(input);
    json["valid"] = number.has_value();
    if (number.has_value()) {
        json["kind"] = number->kind() == core::InszKind::Bis ? "bis" : "nn";
        json["birth_date"] = orNull(birthDateText(*number));
        json["sex"] = orNull(sexText(*number));
        json["error"] = nullptr;
    } else {
        // An invalid number asserts nothing: no kind, birth date or sex is read from it.
        json["kind"] = nullptr;
        json["birth_date"] = nullptr;
        json["sex"] = nullptr;
        json["error"] = core::inszErrorMessage(number.error());
    }
    if (lenient) {
        json["suspicious"] = nlohmann::ordered_json::array();
        if (number.has_value()) {
            for (core::InszError suspicion : number->suspicious()) {
                json["suspicious"].push_back(core::inszErrorMessage(suspicion));
            }
        }
    }
    // The argument may be any bytes: replace invalid UTF-8 rather than fail.
    out << json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

void printText(std::ostream& out, const tl::expected<core::Insz, core::InszError>& number) {
    if (!number.has_value()) {
        out << "invalid: " << core::inszErrorMessage(number.error()) << '\n';
        return;
    }
    out << "valid " << (number->kind() == core::InszKind::Bis ? "BIS number" : "national number");
    auto birthDate = birthDateText(*number);
    out << ", " << (birthDate.has_value() ? "born " + *birthDate : "birth date unknown");
    auto sex = sexText(*number);
    out << ", " << (sex.has_value() ? *sex : "sex unknown");
    const char* separator = "; suspicious: ";
    for (core::InszError suspicion : number->suspicious()) {
        out << separator << core::inszErrorMessage(suspicion);
        separator = "; ";
    }
    out << '\n';
}

}  // namespace

int inszCheck(std::span<const std::string_view> args, Io io) {
    CommandLine line(args, {"--json", "--lenient"});
    if (!line.unknownFlag().empty()) {
        return usageError(io.err,
                          "insz check: unknown option '" + std::string(line.unknownFlag()) + "'");
    }
    // Extra words are not echoed: they may be personal numbers.
    if (line.positional().size() != 1) {
        return usageError(io.err, line.positional().empty()
                                      ? "insz check: missing NUMBER"
                                      : "insz check: expected one NUMBER, got " +
                                            std::to_string(line.positional().size()) +
                                            " arguments");
    }
    std::string_view input = line.positional().front();
    bool lenient = line.has("--lenient");
    auto number = core::Insz::parse(
        input, lenient ? core::InszMode::Lenient : core::InszMode::Strict, localToday());
    if (line.has("--json")) {
        printJson(io.out, input, number, lenient);
    } else {
        printText(io.out, number);
    }
    return number.has_value() ? kExitOk : kExitInvalid;
}

}  // namespace balie::cli
