// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the fields of a travel document into the lines of its machine readable zone.
#include "balie/core/mrz_builder.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "balie/core/mrz_check_digit.h"
#include "mrz_layout.h"

namespace balie::core {

namespace {

using mrz::FieldSpan;
using mrz::Layout;
using mrz::layoutOf;

constexpr std::size_t kShortNumberLength = 9;

tl::unexpected<Error> invalid(std::string message) {
    return fail(Errc::InvalidArgument, std::move(message));
}

bool isMrzText(std::string_view text) {
    for (char c : text) {
        if (!isMrzCharacter(c)) {
            return false;
        }
    }
    return true;
}

std::string padded(std::string_view text, int length) {
    std::string field(text);
    field.resize(static_cast<std::size_t>(length), kMrzFiller);
    return field;
}

// Lines full of fillers, written field by field.
class Canvas {
public:
    explicit Canvas(MrzFormat format)
        : lines_(static_cast<std::size_t>(mrzLineCount(format)),
                 std::string(static_cast<std::size_t>(mrzLineLength(format)), kMrzFiller)) {}

    // The caller has checked that \a text fits in \a span.
    void put(const FieldSpan& span, std::string_view text) {
        lines_[static_cast<std::size_t>(span.line)].replace(static_cast<std::size_t>(span.column),
                                                            text.size(), text);
    }

    // Writes the check digit of what \a source now holds into \a check.
    void putCheckDigit(const FieldSpan& source, const FieldSpan& check) {
        put(check, std::string(1, *mrzCheckDigit(source.in(lines_))));
    }

    std::string_view at(const FieldSpan& span) const { return span.in(lines_); }
    std::vector<std::string> take() { return std::move(lines_); }

private:
    std::vector<std::string> lines_;
};

Result<std::string> stateCode(std::string_view code, std::string_view what) {
    if (code.size() > 3 || !mrz::isLettersOrFillers(code)) {
        return invalid(std::string(what) + " \"" + std::string(code) +
                       "\" is not a code of up to 3 letters");
    }
    return padded(code, 3);
}

// Writes the document number, its check digit and the optional data of line 1 (TD1) or line 2.
Result<void> putNumberAndOptionalData(const MrzFields& fields, const Layout& layout,
                                      Canvas& canvas) {
    const std::string& number = fields.documentNumber;
    const std::string& optional = fields.optionalData;
    const auto optionalLength = static_cast<std::size_t>(layout.optionalData.length);
    if (!isMrzText(number)) {
        return invalid("document number \"" + number + "\" holds a character outside A-Z, 0-9, <");
    }
    if (!isMrzText(optional)) {
        return invalid("optional data \"" + optional + "\" holds a character outside A-Z, 0-9, <");
    }
    if (number.size() <= kShortNumberLength) {
        if (optional.size() > optionalLength) {
            return invalid("optional data \"" + optional + "\" is longer than " +
                           std::to_string(optionalLength) + " characters");
        }
        canvas.put(layout.documentNumber, number);
        canvas.putCheckDigit(layout.documentNumber, layout.documentNumberCheck);
        canvas.put(layout.optionalData, optional);
        return {};
    }
    if (!layout.allowsLongDocumentNumber) {
        return invalid("document number \"" + number + "\" is longer than 9 characters, which " +
                       std::string(mrzFormatName(fields.format)) + " does not allow");
    }
    // ICAO 9303 Part 5 note j: 9 characters, a filler where the check digit would be, the rest
    // at the start of the optional data, its check digit, a filler, then the optional data.
    const std::string overflow = number.substr(kShortNumberLength);
    if (overflow.find(kMrzFiller) != std::string::npos) {
        return invalid("document number \"" + number +
                       "\" has a filler after its 9th character, which a long number cannot "
                       "carry");
    }
    std::string text = overflow + *mrzCheckDigit(number);
    if (!optional.empty()) {
        text += kMrzFiller + optional;
    }
    if (text.size() > optionalLength) {
        return invalid("document number \"" + number + "\" and optional data \"" + optional +
                       "\" do not fit in the " + std::to_string(optionalLength) +
                       " characters of the optional data field");
    }
    canvas.put(layout.documentNumber, std::string_view(number).substr(0, kShortNumberLength));
    canvas.put(layout.optionalData, text);
    return {};
}

}  // namespace

Result<std::vector<std::string>> buildMrz(const MrzFields& fields) {
    const Layout& layout = layoutOf(fields.format);
    Canvas canvas(fields.format);

    if (fields.documentCode.empty() || fields.documentCode.size() > 2 ||
        !isMrzText(fields.documentCode)) {
        return invalid("document code \"" + fields.documentCode +
                       "\" is not 1 or 2 MRZ characters");
    }
    const std::string code = padded(fields.documentCode, 2);
    if (auto problem = mrz::documentCodeProblem(fields.format, code)) {
        return invalid(*problem);
    }
    canvas.put(layout.documentCode, code);

    Result<std::string> state = stateCode(fields.issuingState, "issuing state");
    if (!state.has_value()) {
        return tl::unexpected(state.error());
    }
    canvas.put(layout.issuingState, *state);
    Result<std::string> nationality = stateCode(fields.nationality, "nationality");
    if (!nationality.has_value()) {
        return tl::unexpected(nationality.error());
    }
    canvas.put(layout.nationality, *nationality);

    if (!mrz::isMrzDate(fields.birthDate)) {
        return invalid("birth date \"" + fields.birthDate +
                       "\" is not YYMMDD (digits, << for an unknown part)");
    }
    canvas.put(layout.birthDate, fields.birthDate);
    canvas.putCheckDigit(layout.birthDate, layout.birthDateCheck);
    if (!mrz::isMrzDate(fields.expiryDate)) {
        return invalid("expiry date \"" + fields.expiryDate +
                       "\" is not YYMMDD (digits, << for an unknown part)");
    }
    canvas.put(layout.expiryDate, fields.expiryDate);
    canvas.putCheckDigit(layout.expiryDate, layout.expiryDateCheck);

    // The visual zone shows unspecified sex as X; the MRZ prints a filler.
    const char sex = fields.sex == 'X' ? kMrzFiller : fields.sex;
    if (!mrz::isMrzSex(sex)) {
        return invalid("sex '" + std::string(1, fields.sex) + "' is not M, F, X or <");
    }
    canvas.put(layout.sex, std::string(1, sex));

    if (Result<void> put = putNumberAndOptionalData(fields, layout, canvas); !put.has_value()) {
        return tl::unexpected(put.error());
    }

    if (layout.optionalData2.exists()) {
        if (fields.optionalData2.size() > static_cast<std::size_t>(layout.optionalData2.length) ||
            !isMrzText(fields.optionalData2)) {
            return invalid("optional data 2 \"" + fields.optionalData2 +
                           "\" is not up to 11 MRZ characters");
        }
        canvas.put(layout.optionalData2, fields.optionalData2);
    } else if (!fields.optionalData2.empty()) {
        return invalid(std::string(mrzFormatName(fields.format)) + " has no optional data 2");
    }

    if (fields.emptyPersonalNumberCheckIsFiller &&
        (!layout.optionalDataCheck.exists() || !mrz::trimFillers(fields.optionalData).empty())) {
        return invalid("a filler check digit is only for an empty TD3 personal number");
    }
    if (layout.optionalDataCheck.exists()) {
        if (fields.emptyPersonalNumberCheckIsFiller) {
            canvas.put(layout.optionalDataCheck, std::string(1, kMrzFiller));
        } else {
            canvas.putCheckDigit(layout.optionalData, layout.optionalDataCheck);
        }
    }

    Result<MrzNameField> name =
        encodeMrzName(fields.surname, fields.givenNames, layout.name.length);
    if (!name.has_value()) {
        return tl::unexpected(name.error());
    }
    canvas.put(layout.name, name->text);

    if (layout.composite.exists()) {
        std::string covered;
        for (const FieldSpan& span : layout.compositeSources) {
            if (span.exists()) {
                covered += canvas.at(span);
            }
        }
        canvas.put(layout.composite, std::string(1, *mrzCheckDigit(covered)));
    }
    return canvas.take();
}

MrzFields fieldsOf(const Mrz& mrz) {
    MrzFields fields;
    fields.format = mrz.format;
    fields.documentCode = mrz.documentCode;
    fields.issuingState = mrz.issuingState;
    fields.documentNumber = mrz.documentNumber;
    fields.birthDate = mrz.birthDate;
    fields.sex = mrz.sex;
    fields.expiryDate = mrz.expiryDate;
    fields.nationality = mrz.nationality;
    fields.surname = mrz.surname();
    fields.givenNames = mrz.givenNames();
    fields.optionalData = mrz.optionalData;
    fields.optionalData2 = mrz.optionalData2;
    // Only the printed line tells whether an empty personal number's check digit was '<' or '0'.
    const FieldSpan& check = layoutOf(mrz.format).optionalDataCheck;
    const auto line = static_cast<std::size_t>(check.line);
    const auto column = static_cast<std::size_t>(check.column);
    fields.emptyPersonalNumberCheckIsFiller = check.exists() && line < mrz.lines.size() &&
                                              column < mrz.lines[line].size() &&
                                              mrz.lines[line][column] == kMrzFiller;
    return fields;
}

}  // namespace balie::core
