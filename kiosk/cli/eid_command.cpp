// SPDX-License-Identifier: GPL-3.0-or-later
// `balie eid read` and `balie eid login`: the Belgian eID card through PC/SC.
#include <array>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "balie/drivers/eid/eid_card.h"
#include "balie/drivers/eid/eid_reader.h"
#include "balie/drivers/eid/login.h"
#include "balie/drivers/eid/pcsc.h"
#include "balie/drivers/eid/pin.h"
#include "command_line.h"

namespace balie::cli {

namespace eid = balie::drivers::eid;

namespace {

/// Exit code for no reader, no card, not a Belgian eID, or a card that went away.
constexpr int kExitNoCard = 2;

struct EidArguments {
    bool json = false;
    std::optional<std::string> photoPath;
    std::optional<std::string> trustPath;
};

/// Parses the flags; those that take a value take the next word.
std::optional<EidArguments> parseArguments(std::span<const std::string_view> args, bool allowPhoto,
                                           std::ostream& err) {
    EidArguments parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (arg == "--json") {
            parsed.json = true;
        } else if ((arg == "--trust" || (allowPhoto && arg == "--photo"))) {
            if (i + 1 >= args.size()) {
                usageError(err, std::string(arg) + " needs a file name");
                return std::nullopt;
            }
            (arg == "--trust" ? parsed.trustPath : parsed.photoPath) = std::string(args[++i]);
        } else {
            usageError(err, "unexpected argument '" + std::string(arg) + "'");
            return std::nullopt;
        }
    }
    return parsed;
}

std::optional<std::string> readTextFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

/// The reader, the connection and the recognised card, alive together.
struct OpenCard {
    std::unique_ptr<eid::PcscContext> context;
    std::unique_ptr<eid::PcscCard> connection;
    std::optional<eid::PcscCard::Transaction> transaction;
    std::optional<eid::EidCard> card;
};

/// Finds the reader with a Belgian eID card, connects and recognises the card; on failure, says
/// why in one line.
tl::expected<OpenCard, std::string> openCard() {
    OpenCard open;
    auto context = eid::PcscContext::establish();
    if (!context) {
        return tl::unexpected("no reader: " + context.error().message);
    }
    open.context = std::move(*context);
    auto readers = open.context->readers();
    if (!readers) {
        return tl::unexpected("no reader: " + readers.error().message);
    }
    if (readers->empty()) {
        return tl::unexpected(std::string("no reader: no smart-card reader is connected"));
    }
    const eid::ReaderState* chosen = nullptr;
    const eid::ReaderState* other = nullptr;
    for (const eid::ReaderState& reader : *readers) {
        if (!reader.cardPresent) {
            continue;
        }
        if (eid::recogniseAtr(reader.atr) != eid::AtrMatch::NotBelgianEid) {
            chosen = &reader;
            break;
        }
        other = &reader;
    }
    if (chosen == nullptr) {
        if (other != nullptr) {
            return tl::unexpected("not a Belgian eID card in '" + other->name + "' (ATR " +
                                  eid::toHex(other->atr) + ")");
        }
        return tl::unexpected(std::string("no card: insert a Belgian eID card in the reader"));
    }
    auto connection = open.context->connect(chosen->name);
    if (!connection) {
        return tl::unexpected(connection.error().message);
    }
    open.connection = std::move(*connection);
    // One transaction for the whole read or login: no other program gets between our commands.
    auto transaction = open.connection->beginTransaction();
    if (!transaction) {
        return tl::unexpected(transaction.error().message);
    }
    open.transaction.emplace(std::move(*transaction));
    auto card = eid::EidCard::open(*open.connection, open.connection->atr());
    if (!card) {
        return tl::unexpected(card.error().message);
    }
    open.card.emplace(std::move(*card));
    return open;
}

nlohmann::json dateJson(const std::optional<core::PartialDate>& date) {
    return date ? nlohmann::json(date->iso()) : nlohmann::json(nullptr);
}

nlohmann::json optionalInt(const std::optional<int>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json identityJson(const eid::Identity& identity) {
    nlohmann::json sex = nullptr;
    if (identity.sex) {
        sex = *identity.sex == eid::Sex::Male ? "M" : "F";
    }
    return {{"national_number", identity.nationalNumber},
            {"surname", identity.surname},
            {"given_names", identity.givenNames},
            {"third_initial", identity.thirdInitial},
            {"nationality", identity.nationality},
            {"birth_place", identity.birthPlace},
            {"birth_date", dateJson(identity.birthDate)},
            {"sex", sex},
            {"noble_condition", identity.nobleCondition},
            {"special_status", optionalInt(identity.specialStatus)}};
}

std::string dump(const nlohmann::json& json) {
    // Card text that is not valid UTF-8 cannot be JSON: it shows as U+FFFD rather than failing.
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string orUnknown(const nlohmann::json& value) {
    return value.is_null()     ? "unknown"
           : value.is_string() ? value.get<std::string>()
                               : value.dump();
}

void printIdentityText(std::ostream& out, const nlohmann::json& identity) {
    for (const auto& [key, value] : identity.items()) {
        out << "  " << key << ": " << orUnknown(value) << '\n';
    }
}

/// Reads one line from \a in into a buffer that is wiped afterwards; false at end of input.
bool readSecretLine(std::istream& in, std::array<char, 64>& buffer, std::size_t& length) {
    length = 0;
    bool any = false;
    for (int c = in.get(); c != std::char_traits<char>::eof(); c = in.get()) {
        any = true;
        if (c == '\n') {
            break;
        }
        if (c != '\r' && length < buffer.size()) {
            buffer[length++] = static_cast<char>(c);
        }
    }
    return any;
}

}  // namespace

int eidRead(std::span<const std::string_view> args, Io io) {
    auto arguments = parseArguments(args, true, io.err);
    if (!arguments) {
        return kExitUsage;
    }
    std::string trust;
    if (arguments->trustPath) {
        auto text = readTextFile(*arguments->trustPath);
        if (!text) {
            return usageError(io.err, "cannot read trust anchors from " + *arguments->trustPath);
        }
        trust = std::move(*text);
    }
    auto open = openCard();
    if (!open) {
        io.err << "balie: " << open.error() << '\n';
        return kExitNoCard;
    }
    auto record = eid::readEid(*open->card);
    if (!record) {
        io.err << "balie: reading the card failed: " << record.error().message << '\n';
        return kExitNoCard;
    }
    open->transaction.reset();
    const eid::EidChecks checks = eid::checkEid(*record, trust);
    if (arguments->photoPath) {
        std::ofstream photo(*arguments->photoPath, std::ios::binary | std::ios::trunc);
        photo.write(reinterpret_cast<const char*>(record->files.photo.data()),
                    static_cast<std::streamsize>(record->files.photo.size()));
        if (!photo) {
            return usageError(io.err, "cannot write the photo to " + *arguments->photoPath);
        }
    }
    const eid::Identity& identity = record->identity;
    const nlohmann::json card = {{"applet_version", record->card.appletVersionText()},
                                 {"card_number", identity.cardNumber},
                                 {"chip_number", eid::toHex(identity.chipNumber)},
                                 {"validity_begin", dateJson(identity.validityBegin)},
                                 {"validity_end", dateJson(identity.validityEnd)},
                                 {"issuing_municipality", identity.issuingMunicipality},
                                 {"document_type", optionalInt(identity.documentType)}};
    const nlohmann::json address = {{"street_and_number", record->address.streetAndNumber},
                                    {"postal_code", record->address.postalCode},
                                    {"municipality", record->address.municipality}};
    const nlohmann::json checkJson = {{"photo_hash", checks.photoHash},
                                      {"identity_signature", checks.identitySignature},
                                      {"address_signature", checks.addressSignature},
                                      {"certificate_chain", checks.certificateChain}};
    if (arguments->json) {
        const nlohmann::json output = {{"reader", open->connection->reader()},
                                       {"card", card},
                                       {"identity", identityJson(identity)},
                                       {"address", address},
                                       {"checks", checkJson}};
        io.out << dump(output) << '\n';
    } else {
        std::ostringstream text;
        text << "reader: " << open->connection->reader() << "\ncard:\n";
        printIdentityText(text, card);
        text << "identity:\n";
        printIdentityText(text, identityJson(identity));
        text << "address:\n";
        printIdentityText(text, address);
        text << "checks:\n";
        for (const auto& [key, value] : checkJson.items()) {
            text << "  " << key << ": " << (value.get<bool>() ? "pass" : "FAIL") << '\n';
        }
        io.out << text.str();
    }
    for (const std::string& failure : checks.failures) {
        io.err << "balie: check failed: " << failure << '\n';
    }
    return checks.allPassed() ? kExitOk : kExitInvalid;
}

int eidLogin(std::span<const std::string_view> args, Io io) {
    auto arguments = parseArguments(args, false, io.err);
    if (!arguments) {
        return kExitUsage;
    }
    std::string trust;
    if (arguments->trustPath) {
        auto text = readTextFile(*arguments->trustPath);
        if (!text) {
            return usageError(io.err, "cannot read trust anchors from " + *arguments->trustPath);
        }
        trust = std::move(*text);
    }
    std::array<char, 64> line{};
    std::size_t length = 0;
    readSecretLine(io.in, line, length);
    auto pin = eid::Pin::create(std::string_view(line.data(), length));
    eid::secureWipe(line.data(), line.size());
    if (!pin) {
        return usageError(io.err, "PIN on standard input: " + pin.error().message);
    }

    nlohmann::json output = {{"ok", false},
                             {"identity", nullptr},
                             {"tries_left", nullptr},
                             {"blocked", nullptr},
                             {"error", nullptr}};
    auto finish = [&](int code, const std::string& error) {
        if (!error.empty()) {
            output["error"] = error;
        }
        if (arguments->json) {
            io.out << dump(output) << '\n';
        } else if (code == kExitOk) {
            io.out << "login ok\n";
            printIdentityText(io.out, output["identity"]);
        } else {
            io.out << "login refused: " << error << '\n';
            if (!output["tries_left"].is_null()) {
                io.out << "PIN tries left: " << output["tries_left"].dump() << '\n';
            }
        }
        if (code != kExitOk) {
            io.err << "balie: " << error << '\n';
        }
        return code;
    };

    auto open = openCard();
    if (!open) {
        return finish(kExitNoCard, open.error());
    }
    auto identityFile = open->card->readFile(eid::EidFile::Identity);
    if (!identityFile) {
        return finish(kExitNoCard, "reading the card failed: " + identityFile.error().message);
    }
    auto identity = eid::parseIdentity(*identityFile);
    if (!identity) {
        return finish(kExitNoCard, "reading the card failed: " + identity.error().message);
    }
    output["identity"] = identityJson(*identity);

    eid::LoginOptions options;
    options.trustAnchorsPem = trust;
    options.confirmLastTry = [&io] {
        // The second line of standard input confirms that the last try may be spent.
        io.err << "balie: one PIN try left: answer 'yes' to use it\n";
        std::array<char, 64> answer{};
        std::size_t size = 0;
        readSecretLine(io.in, answer, size);
        const std::string_view text(answer.data(), size);
        return text == "yes" || text == "y";
    };
    auto outcome = eid::login(*open->card, *pin, identity->nationalNumber, options);
    if (!outcome) {
        open->connection->resetOnDisconnect();
        return finish(kExitNoCard, "login failed: " + outcome.error().message);
    }
    output["tries_left"] = outcome->pin.triesLeft;
    output["blocked"] = outcome->pin.blocked;
    if (!outcome->ok) {
        return finish(kExitInvalid, outcome->error);
    }
    output["ok"] = true;
    // This command's session ends here: LOG OFF, and a reset if the card did not answer it.
    if (auto ended = outcome->session->end(); !ended) {
        open->connection->resetOnDisconnect();
    }
    return finish(kExitOk, {});
}

}  // namespace balie::cli
