// SPDX-License-Identifier: GPL-3.0-or-later
// Parser of kiosk scripts.
#include "balie/ui/script.h"

#include <algorithm>
#include <charconv>
#include <optional>

namespace balie::ui {

namespace {

constexpr int kDefaultAwaitSeconds = 60;

std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> result;
    std::size_t start = 0;
    while (true) {
        start = line.find_first_not_of(" \t\r", start);
        if (start == std::string_view::npos) {
            return result;
        }
        std::size_t end = std::min(line.find_first_of(" \t\r", start), line.size());
        result.push_back(line.substr(start, end - start));
        start = end;
    }
}

template <typename Number>
std::optional<Number> number(std::string_view word) {
    Number value{};
    auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), value);
    if (error != std::errc() || end != word.data() + word.size()) {
        return std::nullopt;
    }
    return value;
}

// Screenshot names become file names in the screenshot directory: no paths.
bool isPlainName(std::string_view name) {
    return !name.empty() && name != "." && name != ".." &&
           std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
           });
}

core::Result<ScriptStep> parseLine(const std::vector<std::string_view>& w, int line) {
    ScriptStep step;
    step.line = line;
    std::string_view command = w[0];
    std::size_t arguments = w.size() - 1;
    if (command == "tap" && arguments == 1) {
        step.kind = ScriptStep::Kind::TapTarget;
        step.argument = std::string(w[1]);
        return step;
    }
    if (command == "tap" && arguments == 2) {
        auto x = number<float>(w[1]);
        auto y = number<float>(w[2]);
        if (!x || !y || *x < 0 || *y < 0) {
            return core::fail(core::Errc::InvalidFormat, "tap needs a target name or X Y pixels");
        }
        step.kind = ScriptStep::Kind::TapPoint;
        step.x = *x;
        step.y = *y;
        return step;
    }
    if (command == "wait" && arguments == 1) {
        auto milliseconds = number<int>(w[1]);
        if (!milliseconds || *milliseconds < 0 || *milliseconds > 600000) {
            return core::fail(core::Errc::InvalidFormat, "wait needs 0 to 600000 milliseconds");
        }
        step.kind = ScriptStep::Kind::Wait;
        step.milliseconds = *milliseconds;
        return step;
    }
    if (command == "screenshot" && arguments == 1) {
        if (!isPlainName(w[1])) {
            return core::fail(core::Errc::InvalidFormat,
                              "a screenshot name has only letters, digits, '-', '_' and '.'");
        }
        step.kind = ScriptStep::Kind::Screenshot;
        step.argument = std::string(w[1]);
        return step;
    }
    if (command == "expect" && arguments == 1) {
        step.kind = ScriptStep::Kind::Expect;
        step.argument = std::string(w[1]);
        return step;
    }
    if (command == "await" && (arguments == 1 || arguments == 2)) {
        step.kind = ScriptStep::Kind::Await;
        step.argument = std::string(w[1]);
        step.milliseconds = kDefaultAwaitSeconds * 1000;
        if (arguments == 2) {
            auto seconds = number<int>(w[2]);
            if (!seconds || *seconds < 1 || *seconds > 3600) {
                return core::fail(core::Errc::InvalidFormat, "await needs 1 to 3600 seconds");
            }
            step.milliseconds = *seconds * 1000;
        }
        return step;
    }
    if (command == "frames" && arguments == 0) {
        step.kind = ScriptStep::Kind::Frames;
        return step;
    }
    if (command == "quit" && arguments == 0) {
        step.kind = ScriptStep::Kind::Quit;
        return step;
    }
    return core::fail(core::Errc::InvalidFormat, "unknown command '" + std::string(command) +
                                                     "' with " + std::to_string(arguments) +
                                                     " argument(s)");
}

}  // namespace

core::Result<std::vector<ScriptStep>> parseScript(std::string_view text) {
    std::vector<ScriptStep> steps;
    int number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++number;
        line = line.substr(0, line.find('#'));
        std::vector<std::string_view> w = words(line);
        if (w.empty()) {
            continue;
        }
        auto step = parseLine(w, number);
        if (!step.has_value()) {
            return core::fail(core::Errc::InvalidFormat, "script line " + std::to_string(number) +
                                                             ": " + step.error().message);
        }
        steps.push_back(std::move(*step));
    }
    return steps;
}

}  // namespace balie::ui
