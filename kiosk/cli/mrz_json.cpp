// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON form of a parsed machine readable zone.
#include "mrz_json.h"

namespace balie::cli {

std::string mrzSexText(char sex) {
    return sex == '<' ? "X" : std::string(1, sex);
}

// Names are components joined by single spaces; optional_data_2 is the TD1 line-2 optional data
// (null in the other formats, which have a single optional field).
nlohmann::json mrzToJson(const core::Mrz& mrz) {
    nlohmann::json checks = nlohmann::json::object();
    for (const core::MrzCheck& check : mrz.checks) {
        checks[std::string(check.name)] = check.passed;
    }
    return {
        {"format", core::mrzFormatName(mrz.format)},
        {"document_code", mrz.documentCode},
        {"issuing_country", mrz.issuingState},
        {"document_number", mrz.documentNumber},
        {"birth_date", mrz.birthDate},
        {"expiry_date", mrz.expiryDate},
        {"sex", mrzSexText(mrz.sex)},
        {"nationality", mrz.nationality},
        {"surname", mrz.surname()},
        {"given_names", mrz.givenNames()},
        {"optional_data", mrz.optionalData},
        {"optional_data_2", mrz.format == core::MrzFormat::Td1 ? nlohmann::json(mrz.optionalData2)
                                                               : nlohmann::json(nullptr)},
        {"checks", checks},
        {"valid", mrz.valid()},
    };
}

}  // namespace balie::cli
