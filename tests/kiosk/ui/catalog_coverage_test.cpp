// SPDX-License-Identifier: GPL-3.0-or-later
// Every string the kiosk's code marks for translation is translated in all four catalogs, as
// built for the program, with the same placeholders.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "balie/ui/catalog.h"
#include "balie/ui/translator.h"
#include "process.h"

namespace balie::ui {
namespace {

/// \brief One message xgettext found in the sources.
struct Message {
    std::string context;
    std::string msgid;
    std::string plural;
};

std::string unquote(std::string_view line) {
    std::size_t open = line.find('"');
    std::size_t close = line.rfind('"');
    std::string text;
    for (std::size_t i = open + 1; i < close; ++i) {
        if (line[i] == '\\' && i + 1 < close) {
            char escaped = line[++i];
            text.push_back(escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped);
        } else {
            text.push_back(line[i]);
        }
    }
    return text;
}

// Reads msgctxt/msgid/msgid_plural from a .pot file, joining continuation lines.
std::vector<Message> parsePot(std::istream& in) {
    std::vector<Message> messages;
    Message current;
    std::string* field = nullptr;
    auto finish = [&] {
        if (!current.msgid.empty()) {
            messages.push_back(current);
        }
        current = {};
    };
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("msgctxt ")) {
            finish();
            field = &current.context;
        } else if (line.starts_with("msgid ")) {
            if (!current.msgid.empty()) {
                finish();
            }
            field = &current.msgid;
        } else if (line.starts_with("msgid_plural ")) {
            field = &current.plural;
        } else if (line.starts_with("msgstr")) {
            field = nullptr;
            continue;
        } else if (!line.starts_with("\"")) {
            continue;
        }
        if (field != nullptr) {
            *field += unquote(line);
        }
    }
    finish();
    return messages;
}

std::vector<std::string> sourceFiles() {
    std::vector<std::string> files;
    for (const char* dir : {"kiosk/ui", "kiosk/app"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(
                 std::filesystem::path(BALIE_SOURCE_DIR) / dir)) {
            std::string extension = entry.path().extension().string();
            if (extension == ".cpp" || extension == ".h") {
                files.push_back(entry.path().string());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::set<std::string> placeholders(const std::string& text) {
    static const std::regex kPlaceholder(R"(\{[a-z_]+\})");
    std::set<std::string> names;
    for (auto match = std::sregex_iterator(text.begin(), text.end(), kPlaceholder);
         match != std::sregex_iterator(); ++match) {
        names.insert(match->str());
    }
    return names;
}

class CatalogCoverageTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // The template goes to standard output: a file would be shared by the tests of this
        // suite, which CTest runs in parallel processes. The keywords of Translator: tr(msgid),
        // tr(language, msgid), trc(context, msgid) and trn(singular, plural, count); N_(msgid)
        // marks a msgid kept in a table.
        std::vector<std::string> args = {
            "--from-code=UTF-8", "--language=C++",    "--keyword",
            "--keyword=tr:1,1t", "--keyword=tr:2,2t", "--keyword=trc:1c,2",
            "--keyword=trn:1,2", "--keyword=N_",      "--output=-"};
        std::vector<std::string> files = sourceFiles();
        args.insert(args.end(), files.begin(), files.end());
        test::ProcessResult result = test::runProcess(BALIE_XGETTEXT, args);
        ASSERT_EQ(result.exitCode, 0) << result.err;
        std::istringstream in(result.out);
        messages_ = parsePot(in);
    }

    static Catalog catalog(core::Language language) {
        std::filesystem::path file = std::filesystem::path(BALIE_UI_LOCALE_DIR) /
                                     std::string(core::languageCode(language)) / "LC_MESSAGES" /
                                     "balie-kiosk.mo";
        auto loaded = Catalog::load(file);
        EXPECT_TRUE(loaded.has_value()) << file;
        return loaded.has_value() ? std::move(*loaded) : Catalog();
    }

    static inline std::vector<Message> messages_;
};

TEST_F(CatalogCoverageTest, FindsTheMessagesOfTheScreens) {
    auto has = [](std::string_view msgid) {
        return std::any_of(messages_.begin(), messages_.end(),
                           [msgid](const Message& message) { return message.msgid == msgid; });
    };
    EXPECT_TRUE(has("Choose your language"));
    EXPECT_TRUE(has("Insert your eID card"));
    EXPECT_TRUE(has("Enter your PIN"));
    EXPECT_GE(messages_.size(), 15U);
}

TEST_F(CatalogCoverageTest, TranslatesEveryMessageInEveryLanguage) {
    for (core::Language language : kLanguages) {
        Catalog translations = catalog(language);
        for (const Message& message : messages_) {
            const std::string* singular = message.context.empty()
                                              ? translations.find(message.msgid)
                                              : translations.find(message.context, message.msgid);
            EXPECT_NE(singular, nullptr)
                << core::languageCode(language) << ".po lacks \"" << message.msgid << '"';
            if (!message.plural.empty()) {
                EXPECT_NE(translations.findPlural(message.msgid, 5), nullptr)
                    << core::languageCode(language) << ".po lacks the plural of \"" << message.msgid
                    << '"';
            }
        }
    }
}

TEST_F(CatalogCoverageTest, KeepsThePlaceholdersOfEveryMessage) {
    for (core::Language language : kLanguages) {
        Catalog translations = catalog(language);
        for (const Message& message : messages_) {
            const std::string* singular = translations.find(message.msgid);
            if (singular != nullptr) {
                EXPECT_EQ(placeholders(*singular), placeholders(message.msgid))
                    << core::languageCode(language) << ": \"" << *singular << '"';
            }
            if (!message.plural.empty()) {
                for (unsigned long count : {1UL, 5UL}) {
                    const std::string* form = translations.findPlural(message.msgid, count);
                    if (form != nullptr) {
                        EXPECT_EQ(placeholders(*form), placeholders(message.plural))
                            << core::languageCode(language) << ": \"" << *form << '"';
                    }
                }
            }
        }
    }
}

TEST_F(CatalogCoverageTest, HasNoTranslationsTheCodeNoLongerUses) {
    for (core::Language language : kLanguages) {
        catalog(language).forEachMsgid([&](std::string_view key) {
            bool used = std::any_of(messages_.begin(), messages_.end(), [key](const Message& m) {
                return (m.context.empty() ? m.msgid : m.context + '\x04' + m.msgid) == key;
            });
            EXPECT_TRUE(used) << core::languageCode(language) << ".po has an unused \"" << key
                              << '"';
        });
    }
}

}  // namespace
}  // namespace balie::ui
