// SPDX-License-Identifier: GPL-3.0-or-later
// Translator: catalogs per language and lookups that fall back to the English msgid.
#include "balie/ui/translator.h"

#include <algorithm>
#include <iterator>

namespace balie::ui {

namespace {

std::size_t indexOf(core::Language language) {
    auto found = std::find(kLanguages.begin(), kLanguages.end(), language);
    return static_cast<std::size_t>(std::distance(kLanguages.begin(), found));
}

}  // namespace

core::Result<Translator> Translator::load(const std::filesystem::path& localeDir) {
    Translator translator;
    for (core::Language language : kLanguages) {
        std::filesystem::path file = localeDir / std::string(core::languageCode(language)) /
                                     "LC_MESSAGES" / (std::string(kTextDomain) + ".mo");
        auto catalog = Catalog::load(file);
        if (!catalog.has_value()) {
            return tl::unexpected(catalog.error());
        }
        translator.setCatalog(language, std::move(*catalog));
    }
    return translator;
}

void Translator::setCatalog(core::Language language, Catalog catalog) {
    catalogs_[indexOf(language)] = std::move(catalog);
}

const Catalog& Translator::catalog(core::Language language) const {
    return catalogs_[indexOf(language)];
}

const char* Translator::tr(core::Language language, const char* msgid) const {
    const std::string* found = catalog(language).find(msgid);
    return found != nullptr ? found->c_str() : msgid;
}

const char* Translator::trc(const char* context, const char* msgid) const {
    const std::string* found = catalog(language_).find(context, msgid);
    return found != nullptr ? found->c_str() : msgid;
}

const char* Translator::trn(const char* singular, const char* plural, unsigned long count) const {
    const std::string* found = catalog(language_).findPlural(singular, count);
    if (found != nullptr) {
        return found->c_str();
    }
    return count == 1 ? singular : plural;
}

std::string substitute(
    std::string_view pattern,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
    std::string result;
    result.reserve(pattern.size());
    std::size_t position = 0;
    while (position < pattern.size()) {
        std::size_t open = pattern.find('{', position);
        std::size_t close = open == std::string_view::npos ? open : pattern.find('}', open);
        if (close == std::string_view::npos) {
            result.append(pattern.substr(position));
            break;
        }
        result.append(pattern.substr(position, open - position));
        std::string_view name = pattern.substr(open + 1, close - open - 1);
        auto value = std::find_if(values.begin(), values.end(),
                                  [name](const auto& entry) { return entry.first == name; });
        if (value != values.end()) {
            result.append(value->second);
        } else {
            result.append(pattern.substr(open, close - open + 1));
        }
        position = close + 1;
    }
    return result;
}

}  // namespace balie::ui
