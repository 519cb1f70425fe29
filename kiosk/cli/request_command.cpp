// SPDX-License-Identifier: GPL-3.0-or-later
// `balie request submit FILE.json`: queues a request described in a JSON file (the format is in
// docs/request-json.md), validated by the same rules as the kiosk's wizard.
#include <fstream>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "balie/core/request.h"
#include "balie/core/validation.h"
#include "balie/sync/sqlite_request_store.h"
#include "command_line.h"

namespace balie::cli {
namespace {

using nlohmann::json;

/// A mistake in the file, with the field it concerns.
struct FileError {
    std::string field;
    std::string problem;
};

class RequestReader {
public:
    explicit RequestReader(std::filesystem::path baseDir) : baseDir_(std::move(baseDir)) {}

    std::optional<FileError> error() const { return error_; }

    std::string text(const json& parent, const char* key, const std::string& path,
                     bool required = false) {
        const auto found = parent.find(key);
        if (found == parent.end() || found->is_null()) {
            if (required) {
                fail(path + key, "is missing");
            }
            return {};
        }
        if (!found->is_string()) {
            fail(path + key, "must be a string");
            return {};
        }
        return found->get<std::string>();
    }

    std::optional<core::PartialDate> date(const json& parent, const char* key,
                                          const std::string& path) {
        const std::string value = text(parent, key, path);
        if (value.empty()) {
            return std::nullopt;
        }
        auto parsed = core::PartialDate::fromIso(value);
        if (!parsed.has_value()) {
            fail(path + key, "must be YYYY-MM-DD (00 for an unknown month or day)");
        }
        return parsed;
    }

    const json& object(const json& parent, const char* key, const std::string& path) {
        static const json kEmpty = json::object();
        const auto found = parent.find(key);
        if (found == parent.end() || found->is_null()) {
            return kEmpty;
        }
        if (!found->is_object()) {
            fail(path + key, "must be an object");
            return kEmpty;
        }
        return *found;
    }

    core::Address address(const json& node, const std::string& path) {
        return core::Address{text(node, "street", path),       text(node, "number", path),
                             text(node, "box", path),          text(node, "postal_code", path),
                             text(node, "municipality", path), text(node, "country", path)};
    }

    std::vector<core::PageImage> pages(const json& root) {
        std::vector<core::PageImage> images;
        const auto found = root.find("pages");
        if (found == root.end() || !found->is_array() || found->empty()) {
            fail("pages", "must list 1 to 4 image files");
            return images;
        }
        for (std::size_t i = 0; i < found->size(); ++i) {
            const std::string field = "pages[" + std::to_string(i) + "]";
            if (!(*found)[i].is_string()) {
                fail(field, "must be the path of an image file");
                continue;
            }
            const std::filesystem::path path = baseDir_ / (*found)[i].get<std::string>();
            std::ifstream in(path, std::ios::binary);
            std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                            std::istreambuf_iterator<char>());
            if (!in.good() && !in.eof()) {
                fail(field, "cannot read " + path.string());
                continue;
            }
            if (bytes.empty()) {
                fail(field, path.string() + " is missing or empty");
                continue;
            }
            const auto [width, height] = imageSize(bytes);
            images.push_back(core::PageImage{width, height, std::move(bytes)});
        }
        return images;
    }

    void fail(std::string field, std::string problem) {
        if (!error_.has_value()) {
            error_ = FileError{std::move(field), std::move(problem)};
        }
    }

private:
    // Width and height from a PNG or baseline/progressive JPEG header; 0 x 0 when unknown.
    static std::pair<int, int> imageSize(const std::vector<std::uint8_t>& b) {
        auto be16 = [&](std::size_t at) { return (b[at] << 8) | b[at + 1]; };
        if (b.size() >= 24 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return {(b[16] << 24) | (b[17] << 16) | be16(18),
                    (b[20] << 24) | (b[21] << 16) | be16(22)};
        }
        if (b.size() >= 4 && b[0] == 0xFF && b[1] == 0xD8) {
            std::size_t at = 2;
            while (at + 9 < b.size() && b[at] == 0xFF) {
                const std::uint8_t marker = b[at + 1];
                if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
                    return {be16(at + 7), be16(at + 5)};
                }
                at += 2 + static_cast<std::size_t>(be16(at + 2));
            }
        }
        return {0, 0};
    }

    std::filesystem::path baseDir_;
    std::optional<FileError> error_;
};

const std::pair<std::string_view, core::DocumentType> kDocumentTypes[] = {
    {"passport", core::DocumentType::Passport},
    {"identity_card", core::DocumentType::IdentityCard},
    {"driving_licence", core::DocumentType::DrivingLicence},
    {"residence_permit", core::DocumentType::ResidencePermit},
};

const std::pair<std::string_view, core::Sex> kSexes[] = {
    {"M", core::Sex::Male}, {"F", core::Sex::Female}, {"X", core::Sex::Unknown}};

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::pair<std::string_view, Enum> (&table)[N],
                           std::string_view key) {
    for (const auto& [name, value] : table) {
        if (name == key) {
            return value;
        }
    }
    return std::nullopt;
}

// Builds the draft the wizard would have built; nullopt with `reader`'s error on a mistake.
std::optional<core::Request> readDraft(const json& root, RequestReader& reader,
                                       std::vector<core::PageImage>& images,
                                       std::vector<std::string>& mrz) {
    core::Request draft;
    const json& requester = reader.object(root, "requester", "");
    draft.requester = {reader.text(requester, "agent_id", "requester.", true),
                       reader.text(requester, "display_name", "requester.")};

    const json& document = reader.object(root, "document", "");
    const std::string type = reader.text(document, "type", "document.", true);
    if (!type.empty()) {
        draft.document.type = lookup(kDocumentTypes, type);
        if (!draft.document.type.has_value()) {
            reader.fail("document.type",
                        "must be passport, identity_card, driving_licence or residence_permit");
        }
    }
    draft.document.issuingCountry = reader.text(document, "issuing_country", "document.");
    draft.document.number = reader.text(document, "number", "document.");
    draft.document.nationalNumber = reader.text(document, "national_number", "document.");
    draft.document.validFrom = reader.date(document, "valid_from", "document.");
    draft.document.validUntil = reader.date(document, "valid_until", "document.");

    const json& person = reader.object(root, "person", "");
    draft.person.surname = reader.text(person, "surname", "person.");
    draft.person.givenNames = reader.text(person, "given_names", "person.");
    draft.person.birthDate =
        reader.date(person, "birth_date", "person.").value_or(core::PartialDate{});
    draft.person.birthPlace = reader.text(person, "birth_place", "person.");
    draft.person.birthCountry = reader.text(person, "birth_country", "person.");
    draft.person.nationality = reader.text(person, "nationality", "person.");
    const std::string sex = reader.text(person, "sex", "person.");
    if (!sex.empty()) {
        draft.person.sex = lookup(kSexes, sex);
        if (!draft.person.sex.has_value()) {
            reader.fail("person.sex", "must be M, F or X");
        }
    }

    draft.residence = reader.address(reader.object(root, "residence", ""), "residence.");
    if (root.contains("contact_address") && !root["contact_address"].is_null()) {
        draft.contactAddress =
            reader.address(reader.object(root, "contact_address", ""), "contact_address.");
    }
    draft.email = reader.text(root, "email", "");
    draft.comment = reader.text(root, "comment", "");
    if (const auto lines = root.find("mrz"); lines != root.end() && !lines->is_null()) {
        if (!lines->is_array()) {
            reader.fail("mrz", "must list the lines of the machine readable zone");
        }
        for (const auto& line : *lines) {
            if (!line.is_string()) {
                reader.fail("mrz", "must list the lines of the machine readable zone");
                break;
            }
            mrz.push_back(line.get<std::string>());
        }
    }
    images = reader.pages(root);
    // The store names the pages; the references here let validation count them.
    for (std::size_t i = 0; i < images.size(); ++i) {
        draft.pages.push_back(core::DocumentPage{"page-" + std::to_string(i + 1), images[i].width,
                                                 images[i].height, images[i].encoded.size()});
    }
    if (reader.error().has_value()) {
        return std::nullopt;
    }
    return draft;
}

}  // namespace

int requestSubmit(std::span<const std::string_view> args, Io io) {
    auto arguments = parseQueueArguments(args, {}, io.err);
    if (!arguments.has_value()) {
        return kExitUsage;
    }
    if (arguments->positional.size() != 1) {
        return usageError(io.err, "give exactly one request file (balie request submit FILE.json)");
    }
    const std::filesystem::path file(arguments->positional.front());
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return usageError(io.err, "cannot read " + file.string());
    }
    std::stringstream content;
    content << in.rdbuf();
    const json root = json::parse(content.str(), nullptr, false);
    if (root.is_discarded() || !root.is_object()) {
        return usageError(io.err, file.string() + " is not a JSON object");
    }

    RequestReader reader(file.parent_path());
    std::vector<core::PageImage> images;
    std::vector<std::string> mrz;
    auto draft = readDraft(root, reader, images, mrz);
    if (!draft.has_value()) {
        const auto error = *reader.error();
        io.err << "balie: " << file.string() << ": " << error.field << " " << error.problem << '\n';
        return kExitInvalid;
    }
    const auto messages = core::validateRequest(*draft, systemClock().today());
    if (!messages.empty()) {
        for (const auto message : messages) {
            io.err << "balie: " << file.string() << ": invalid " << core::messageField(message)
                   << " (" << core::messageKey(message) << ")\n";
        }
        return kExitInvalid;
    }
    if (images.size() > core::kMaxDocumentPages) {
        io.err << "balie: " << file.string() << ": pages: at most " << core::kMaxDocumentPages
               << " images\n";
        return kExitInvalid;
    }

    auto store = openQueueStore(*arguments);
    if (!store.has_value()) {
        io.err << "balie: " << store.error().message << '\n';
        return kExitUsage;
    }
    auto stored = (*store)->submit(std::move(*draft), std::move(images), systemClock().now(), mrz);
    if (!stored.has_value()) {
        io.err << "balie: " << stored.error().message << '\n';
        return kExitUsage;
    }
    io.out << stored->localId << '\n';
    return kExitOk;
}

}  // namespace balie::cli
