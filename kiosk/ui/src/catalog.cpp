// SPDX-License-Identifier: GPL-3.0-or-later
// Reader of GNU .mo files (gettext manual, "The Format of GNU MO Files").
#include "balie/ui/catalog.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>

#include "read_file.h"

namespace balie::ui {

namespace {

constexpr std::uint32_t kMagic = 0x950412de;
constexpr std::size_t kHeaderSize = 28;
constexpr char kContextSeparator = '\x04';

class MoReader {
public:
    MoReader(std::string_view bytes, bool bigEndian) : bytes_(bytes), bigEndian_(bigEndian) {}

    std::optional<std::uint32_t> word(std::size_t offset) const {
        if (offset > bytes_.size() || bytes_.size() - offset < 4) {
            return std::nullopt;
        }
        std::uint32_t value = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            std::size_t index = bigEndian_ ? i : 3 - i;
            value = (value << 8) | static_cast<unsigned char>(bytes_[offset + index]);
        }
        return value;
    }

    // The string of entry `index` of the table at `table`: length and offset words.
    std::optional<std::string_view> string(std::uint32_t table, std::uint32_t index) const {
        std::size_t entry = std::size_t{table} + std::size_t{index} * 8;
        auto length = word(entry);
        auto offset = word(entry + 4);
        if (!length || !offset || *offset > bytes_.size() || bytes_.size() - *offset < *length) {
            return std::nullopt;
        }
        return bytes_.substr(*offset, *length);
    }

private:
    std::string_view bytes_;
    bool bigEndian_;
};

std::optional<bool> detectBigEndian(std::string_view bytes) {
    if (bytes.size() < kHeaderSize) {
        return std::nullopt;
    }
    if (MoReader(bytes, false).word(0) == kMagic) {
        return false;
    }
    if (MoReader(bytes, true).word(0) == kMagic) {
        return true;
    }
    return std::nullopt;
}

std::vector<std::string> splitForms(std::string_view translation) {
    std::vector<std::string> forms;
    std::size_t start = 0;
    while (true) {
        std::size_t end = translation.find('\0', start);
        forms.emplace_back(translation.substr(start, end - start));
        if (end == std::string_view::npos) {
            return forms;
        }
        start = end + 1;
    }
}

// Reads the rule from the header's "Plural-Forms: nplurals=2; plural=(n != 1);" line.
core::Result<PluralRule> parsePluralForms(std::string_view header) {
    constexpr std::string_view kField = "Plural-Forms:";
    std::size_t field = header.find(kField);
    if (field == std::string_view::npos) {
        return PluralRule::OneIsSingular;  // gettext's default when a catalog names no rule
    }
    std::string_view line = header.substr(field + kField.size());
    line = line.substr(0, line.find('\n'));
    std::string compact;
    std::copy_if(line.begin(), line.end(), std::back_inserter(compact),
                 [](char c) { return c != ' ' && c != '\t' && c != '(' && c != ')'; });
    if (compact == "nplurals=2;plural=n!=1;" || compact == "nplurals=2;plural=n!=1") {
        return PluralRule::OneIsSingular;
    }
    if (compact == "nplurals=2;plural=n>1;" || compact == "nplurals=2;plural=n>1") {
        return PluralRule::ZeroAndOneAreSingular;
    }
    return core::fail(core::Errc::InvalidFormat,
                      "unsupported Plural-Forms rule '" + std::string(line) + "'");
}

}  // namespace

core::Result<Catalog> Catalog::parse(std::string_view bytes) {
    std::optional<bool> bigEndian = detectBigEndian(bytes);
    if (!bigEndian) {
        return core::fail(core::Errc::InvalidFormat, "not a .mo file");
    }
    MoReader reader(bytes, *bigEndian);
    std::uint32_t revision = *reader.word(4);
    if ((revision >> 16) > 1) {
        return core::fail(core::Errc::InvalidFormat,
                          "unsupported .mo revision " + std::to_string(revision >> 16));
    }
    std::uint32_t count = *reader.word(8);
    std::uint32_t originals = *reader.word(12);
    std::uint32_t translations = *reader.word(16);

    Catalog catalog;
    for (std::uint32_t i = 0; i < count; ++i) {
        auto original = reader.string(originals, i);
        auto translation = reader.string(translations, i);
        if (!original || !translation) {
            return core::fail(core::Errc::InvalidFormat,
                              "message " + std::to_string(i) + " lies outside the file");
        }
        std::string_view msgid = original->substr(0, original->find('\0'));
        if (msgid.empty()) {
            auto rule = parsePluralForms(*translation);
            if (!rule.has_value()) {
                return tl::unexpected(rule.error());
            }
            catalog.pluralRule_ = *rule;
            continue;
        }
        std::vector<std::string> forms = splitForms(*translation);
        if (std::all_of(forms.begin(), forms.end(),
                        [](const std::string& form) { return form.empty(); })) {
            continue;
        }
        catalog.messages_.insert_or_assign(std::string(msgid), std::move(forms));
    }
    return catalog;
}

core::Result<Catalog> Catalog::load(const std::filesystem::path& file) {
    std::optional<std::string> bytes = readFile(file);
    if (!bytes) {
        return core::fail(core::Errc::NotFound, "cannot read " + file.string());
    }
    auto catalog = parse(*bytes);
    if (!catalog.has_value()) {
        return core::fail(catalog.error().code, file.string() + ": " + catalog.error().message);
    }
    return catalog;
}

const std::string* Catalog::find(std::string_view msgid) const {
    auto found = messages_.find(msgid);
    if (found == messages_.end() || found->second.front().empty()) {
        return nullptr;
    }
    return &found->second.front();
}

const std::string* Catalog::find(std::string_view context, std::string_view msgid) const {
    std::string key;
    key.reserve(context.size() + 1 + msgid.size());
    key.append(context).push_back(kContextSeparator);
    key.append(msgid);
    return find(key);
}

const std::string* Catalog::findPlural(std::string_view msgid, unsigned long count) const {
    auto found = messages_.find(msgid);
    if (found == messages_.end()) {
        return nullptr;
    }
    bool singular = pluralRule_ == PluralRule::OneIsSingular ? count == 1 : count <= 1;
    std::size_t form = singular ? 0 : 1;
    if (form >= found->second.size() || found->second[form].empty()) {
        return nullptr;
    }
    return &found->second[form];
}

void Catalog::forEachMsgid(const std::function<void(std::string_view)>& visit) const {
    for (const auto& [msgid, forms] : messages_) {
        visit(msgid);
    }
}

}  // namespace balie::ui
