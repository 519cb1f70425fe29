// SPDX-License-Identifier: GPL-3.0-or-later
// Structure-aware correction of OCR'd MRZ lines: per-position character classes and lengths.
#include "balie/drivers/vision/mrz_correction.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "balie/core/mrz_check_digit.h"

namespace balie::drivers::vision {
namespace {

using core::MrzFormat;

// How far a line may be from its length before it is left alone: more means the OCR lost or
// invented whole fields, which no local repair can undo.
constexpr int kMaxLengthRepair = 3;
// Only a run this long can be a filler run whose length the OCR got wrong; shorter runs are the
// "<" and "<<" separators of names, whose length carries meaning.
constexpr std::size_t kMinFillerRun = 3;

char toDigit(char c) {
    switch (c) {
        case 'O':
        case 'Q':
        case 'D':
        case 'U':
        case 'C':
            return '0';
        case 'I':
        case 'L':
            return '1';
        case 'Z':
            return '2';
        case 'S':
            return '5';
        case 'G':
            return '6';
        case 'T':
            return '7';
        case 'B':
            return '8';
        default:
            return c;
    }
}

char toLetter(char c) {
    switch (c) {
        case '0':
            return 'O';
        case '1':
            return 'I';
        case '2':
            return 'Z';
        case '4':
            return 'A';
        case '5':
            return 'S';
        case '6':
            return 'G';
        case '7':
            return 'T';
        case '8':
            return 'B';
        default:
            return c;
    }
}

void fill(std::vector<MrzSlot>& slots, std::size_t first, std::size_t last, MrzSlot slot) {
    for (std::size_t i = first; i <= last; ++i) {
        slots[i] = slot;
    }
}

// The second line shared by TD2, TD3 and both visas, up to the expiry check digit (position 28).
void fillNumberDatesLine(std::vector<MrzSlot>& slots, bool visa) {
    fill(slots, 0, 8, MrzSlot::Any);
    // A '<' at 10 marks a TD2 number longer than nine characters; visas have no such numbers.
    slots[9] = visa ? MrzSlot::Digit : MrzSlot::DigitOrFiller;
    fill(slots, 10, 12, MrzSlot::LetterOrFiller);
    fill(slots, 13, 18, MrzSlot::DigitOrFiller);
    slots[19] = MrzSlot::Digit;
    slots[20] = MrzSlot::Sex;
    fill(slots, 21, 26, MrzSlot::Digit);
    slots[27] = MrzSlot::Digit;
}

// The first line of the two-line formats: code, issuing state, name.
std::vector<MrzSlot> codeStateNameLine(std::size_t length) {
    std::vector<MrzSlot> slots = {MrzSlot::Letter};
    slots.resize(length, MrzSlot::LetterOrFiller);
    return slots;
}

// Index of the first character of the longest run of fillers of at least kMinFillerRun, and its
// length; length 0 when there is none.
std::pair<std::size_t, std::size_t> longestFillerRun(std::string_view line) {
    std::size_t bestStart = 0;
    std::size_t bestLength = 0;
    std::size_t start = line.find(core::kMrzFiller);
    while (start != std::string_view::npos) {
        const std::size_t end =
            std::min(line.find_first_not_of(core::kMrzFiller, start), line.size());
        if (end - start >= kMinFillerRun && end - start > bestLength) {
            bestStart = start;
            bestLength = end - start;
        }
        start = line.find(core::kMrzFiller, end);
    }
    return {bestStart, bestLength};
}

// Brings a line to its expected length; returns the characters inserted or removed.
int repairLength(std::string& line, std::size_t length) {
    const int difference = static_cast<int>(line.size()) - static_cast<int>(length);
    if (difference == 0 || std::abs(difference) > kMaxLengthRepair) {
        return 0;
    }
    const auto [runStart, runLength] = longestFillerRun(line);
    const auto count = static_cast<std::size_t>(std::abs(difference));
    if (difference > 0) {
        // Keep at least kMinFillerRun - 1 fillers so that a run never turns into something else.
        if (runLength >= count + kMinFillerRun - 1) {
            line.erase(runStart, count);
        } else {
            line.resize(length);
        }
    } else if (runLength > 0) {
        line.insert(runStart, count, core::kMrzFiller);
    } else {
        line.append(count, core::kMrzFiller);
    }
    return std::abs(difference);
}

// A field of letters and digits guarded by a check digit: characters [first, first + count)
// of a line, checked by the digit at `check`.
struct CheckedField {
    std::size_t first;
    std::size_t count;
    std::size_t check;
};

// The document number, and the TD3 personal number: the fields where O and 0 may both occur.
std::vector<CheckedField> mixedCheckedFields(MrzFormat format, std::size_t lineIndex) {
    if (format == MrzFormat::Td1) {
        return lineIndex == 0 ? std::vector<CheckedField>{{5, 9, 14}} : std::vector<CheckedField>{};
    }
    if (lineIndex != 1) {
        return {};
    }
    if (format == MrzFormat::Td3) {
        return {{0, 9, 9}, {28, 14, 42}};
    }
    return {{0, 9, 9}};
}

bool checkPasses(std::string_view line, const CheckedField& field) {
    const auto digit = core::mrzCheckDigit(line.substr(field.first, field.count));
    return digit.has_value() && *digit == line[field.check];
}

// O and 0 look alike in OCR-B, and a field mixing letters and digits cannot tell them apart by
// position. When the field's check digit fails and exactly one O/0 swap makes it pass, the swap
// is made; with several, the read stays as it is (and fails its check). Returns the swaps made.
int swapOAndZeroToFitCheck(std::string& line, const CheckedField& field) {
    if (field.check >= line.size() || checkPasses(line, field)) {
        return 0;
    }
    std::optional<std::size_t> fitting;
    for (std::size_t i = field.first; i < field.first + field.count; ++i) {
        const char read = line[i];
        if (read != 'O' && read != '0') {
            continue;
        }
        line[i] = read == 'O' ? '0' : 'O';
        const bool fits = checkPasses(line, field);
        line[i] = read;
        if (fits && fitting.has_value()) {
            return 0;
        }
        if (fits) {
            fitting = i;
        }
    }
    if (!fitting.has_value()) {
        return 0;
    }
    line[*fitting] = line[*fitting] == 'O' ? '0' : 'O';
    return 1;
}

// Only the composite check digit fails: every field with a check digit of its own passes.
bool onlyCompositeFails(std::span<const std::string> lines) {
    const auto mrz = core::parseMrzLines(lines);
    if (!mrz.has_value()) {
        return false;
    }
    bool compositeFails = false;
    for (const core::MrzCheck& check : mrz->checks) {
        if (check.name == "composite") {
            compositeFails = !check.passed;
        } else if (!check.passed) {
            return false;
        }
    }
    return compositeFails;
}

bool zoneValid(std::span<const std::string> lines) {
    const auto mrz = core::parseMrzLines(lines);
    return mrz.has_value() && mrz->valid();
}

// Optional data under the composite check alone (TD1, TD2) mixes O and 0 too. When every other
// check passes and exactly one O/0 swap where any character may stand makes the whole zone valid,
// the swap is made. A swap inside a field with its own check digit would fail that check, so
// only the optional data can take one. Returns the swaps made.
int swapOAndZeroToFitComposite(MrzFormat format, std::vector<std::string>& lines) {
    if (!onlyCompositeFails(lines)) {
        return 0;
    }
    std::optional<std::pair<std::size_t, std::size_t>> fitting;
    for (std::size_t index = 0; index < lines.size(); ++index) {
        const auto slots = mrzSlots(format, static_cast<int>(index));
        std::string& line = lines[index];
        for (std::size_t i = 0; i < line.size() && i < slots.size(); ++i) {
            const char read = line[i];
            if (slots[i] != MrzSlot::Any || (read != 'O' && read != '0')) {
                continue;
            }
            line[i] = read == 'O' ? '0' : 'O';
            const bool fits = zoneValid(lines);
            line[i] = read;
            if (fits && fitting.has_value()) {
                return 0;
            }
            if (fits) {
                fitting = std::pair(index, i);
            }
        }
    }
    if (!fitting.has_value()) {
        return 0;
    }
    char& swapped = lines[fitting->first][fitting->second];
    swapped = swapped == 'O' ? '0' : 'O';
    return 1;
}

}  // namespace

char correctMrzCharacter(char c, MrzSlot slot) {
    switch (slot) {
        case MrzSlot::Letter:
        case MrzSlot::LetterOrFiller:
            return toLetter(c);
        case MrzSlot::Digit:
            return toDigit(c);
        case MrzSlot::DigitOrFiller:
            return c == 'K' ? core::kMrzFiller : toDigit(c);
        case MrzSlot::Sex:
            return c == 'K' || c == 'X' ? core::kMrzFiller : c;
        case MrzSlot::Any:
            return c;
    }
    return c;
}

std::optional<MrzFormat> guessMrzFormat(std::span<const std::string> lines) {
    if (lines.size() != 2 && lines.size() != 3) {
        return std::nullopt;
    }
    std::size_t total = 0;
    for (const auto& line : lines) {
        total += line.size();
    }
    const int mean = static_cast<int>(total / lines.size());
    const auto near = [mean](int length) { return std::abs(mean - length) <= kMaxLengthRepair; };
    if (lines.size() == 3) {
        return near(30) ? std::optional(MrzFormat::Td1) : std::nullopt;
    }
    const bool visa = !lines[0].empty() && lines[0][0] == 'V';
    if (near(36)) {
        return visa ? MrzFormat::MrvB : MrzFormat::Td2;
    }
    if (near(44)) {
        return visa ? MrzFormat::MrvA : MrzFormat::Td3;
    }
    return std::nullopt;
}

std::vector<MrzSlot> mrzSlots(MrzFormat format, int lineIndex) {
    if (lineIndex < 0 || lineIndex >= core::mrzLineCount(format)) {
        return {};
    }
    const auto length = static_cast<std::size_t>(core::mrzLineLength(format));
    if (format == MrzFormat::Td1) {
        std::vector<MrzSlot> slots(length, MrzSlot::LetterOrFiller);
        if (lineIndex == 0) {
            slots[0] = MrzSlot::Letter;
            fill(slots, 5, 13, MrzSlot::Any);
            slots[14] = MrzSlot::DigitOrFiller;  // '<' when the number overflows
            fill(slots, 15, 29, MrzSlot::Any);
        } else if (lineIndex == 1) {
            fill(slots, 0, 5, MrzSlot::DigitOrFiller);  // unknown birth-date parts are '<'
            slots[6] = MrzSlot::Digit;
            slots[7] = MrzSlot::Sex;
            fill(slots, 8, 14, MrzSlot::Digit);
            fill(slots, 15, 17, MrzSlot::LetterOrFiller);
            fill(slots, 18, 28, MrzSlot::Any);
            slots[29] = MrzSlot::Digit;
        }
        return slots;
    }
    if (lineIndex == 0) {
        return codeStateNameLine(length);
    }
    std::vector<MrzSlot> slots(length, MrzSlot::Any);
    const bool visa = format == MrzFormat::MrvA || format == MrzFormat::MrvB;
    fillNumberDatesLine(slots, visa);
    if (!visa) {
        slots[length - 1] = MrzSlot::Digit;  // composite
        if (format == MrzFormat::Td3) {
            slots[length - 2] = MrzSlot::DigitOrFiller;  // personal number check, '<' if unused
        }
    }
    return slots;
}

MrzCorrection correctMrzLines(MrzFormat format, std::span<const std::string> lines) {
    MrzCorrection result;
    const auto length = static_cast<std::size_t>(core::mrzLineLength(format));
    for (std::size_t index = 0; index < lines.size(); ++index) {
        std::string line;
        for (const char c : lines[index]) {
            if (core::isMrzCharacter(c)) {
                line.push_back(c);
            } else {
                ++result.changes;
            }
        }
        result.changes += repairLength(line, length);
        // Slots only mean something when every character is at its place.
        const auto slots = line.size() == length ? mrzSlots(format, static_cast<int>(index))
                                                 : std::vector<MrzSlot>{};
        for (std::size_t i = 0; i < slots.size(); ++i) {
            const char fixed = correctMrzCharacter(line[i], slots[i]);
            if (fixed != line[i]) {
                line[i] = fixed;
                ++result.changes;
            }
        }
        if (!slots.empty()) {
            for (const CheckedField& field : mixedCheckedFields(format, index)) {
                result.changes += swapOAndZeroToFitCheck(line, field);
            }
        }
        result.lines.push_back(std::move(line));
    }
    result.changes += swapOAndZeroToFitComposite(format, result.lines);
    return result;
}

}  // namespace balie::drivers::vision
