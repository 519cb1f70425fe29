// SPDX-License-Identifier: GPL-3.0-or-later
// balie-central: the reference central service and its administration commands.
#include <curl/curl.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

#include <nlohmann/json.hpp>

#include "balie/core/insz.h"
#include "balie/sync/central/digital_keys.h"
#include "balie/sync/central/service.h"
#include "balie/sync/crypto/totp.h"
#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "balie/sync/protocol/timestamp.h"
#include "http_server.h"
#include "mailer.h"
#include "password_prompt.h"

namespace {

using namespace balie;
using namespace balie::sync::central;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

constexpr const char* kUsage = R"(usage:
  balie-central serve --listen ADDR:PORT --db URL [--registry FILE]
                      [--smtp smtp://HOST:PORT --mail-from ADDR]
                      [--tls-cert PEM --tls-key PEM [--client-ca PEM]] [--key-file PATH]
                      [--threads N]
  balie-central list --db URL [--json]
  balie-central kiosk add KIOSK_ID --company NAME --db URL
  balie-central access grant|revoke NATIONAL_NUMBER --company NAME [--name "Display Name"] --db URL
  balie-central access grant NATIONAL_NUMBER --company NAME --username NAME
                             [--secret-file FILE] [--key-file PATH] --db URL  < password
  balie-central operator list [--json] --db URL
  balie-central operator show TICKET [--json] --db URL
  balie-central operator approve TICKET [--insz NUMBER] --db URL
  balie-central operator reject TICKET --reason TEXT --db URL
  balie-central operator ask-document TICKET --reason bad_quality|expired_document|other
                                      [--detail TEXT] --db URL
  balie-central registry import FILE --db URL
URL is sqlite:PATH or postgresql://...
--key-file: the key sealing the authenticator secrets (root-only, created when missing);
  default PATH.key next to an SQLite database, required with PostgreSQL.
--secret-file: a base32 authenticator secret to use instead of a new random one.
--threads: HTTP workers, 1-1024 (default 32); a kiosk's open connection holds one.
)";

// Positional words and --options of a command line; flags without a value are "--json".
struct Arguments {
    std::vector<std::string> words;
    std::map<std::string, std::string> options;
    bool json = false;
    std::string error;

    std::optional<std::string> option(const std::string& name) const {
        const auto found = options.find(name);
        if (found == options.end()) {
            return std::nullopt;
        }
        return found->second;
    }
};

Arguments parseArguments(int argc, char** argv) {
    Arguments arguments;
    for (int i = 1; i < argc; ++i) {
        const std::string word = argv[i];
        if (word == "--json") {
            arguments.json = true;
        } else if (word.starts_with("--")) {
            if (i + 1 >= argc) {
                arguments.error = word + " needs a value";
                return arguments;
            }
            arguments.options[word.substr(2)] = argv[++i];
        } else {
            arguments.words.push_back(word);
        }
    }
    return arguments;
}

int usage(const std::string& problem) {
    std::cerr << "balie-central: " << problem << "\n" << kUsage;
    return kExitUsage;
}

int failed(const std::string& message) {
    std::cerr << "balie-central: " << message << "\n";
    return kExitFailed;
}

std::optional<std::string> readFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

core::Result<std::unique_ptr<CentralService>> openService(const Arguments& arguments) {
    const auto url = arguments.option("db");
    if (!url.has_value()) {
        return core::fail(core::Errc::Config,
                          "--db sqlite:PATH or --db postgresql://... is required");
    }
    auto database = Database::open(*url);
    if (!database.has_value()) {
        return tl::unexpected(database.error());
    }
    return std::make_unique<CentralService>(std::move(*database));
}

// The key file named by --key-file, else the one next to an SQLite database.
core::Result<std::filesystem::path> keyFilePath(const Arguments& arguments) {
    if (const auto path = arguments.option("key-file"); path.has_value()) {
        if (path->empty()) {
            return core::fail(core::Errc::Config, "--key-file names no file");
        }
        return std::filesystem::path(*path);
    }
    constexpr std::string_view kSqlite = "sqlite:";
    const std::string url = arguments.option("db").value_or("");
    if (url.starts_with(kSqlite)) {
        return std::filesystem::path(url.substr(kSqlite.size()) + ".key");
    }
    return core::fail(core::Errc::Config,
                      "--key-file PATH is required with a PostgreSQL database: the key that seals "
                      "the authenticator secrets of digital keys");
}

core::Result<std::size_t> importRegistryFile(CentralService& service, const std::string& path) {
    const auto text = readFile(path);
    if (!text.has_value()) {
        return core::fail(core::Errc::Config, "cannot read registry file " + path);
    }
    auto persons = parseRegistry(*text);
    if (!persons.has_value()) {
        return core::fail(core::Errc::InvalidFormat,
                          "registry file " + path + ": " + persons.error().message);
    }
    return service.importRegistry(*persons);
}

std::string nullableText(const std::string& text) {
    return text.empty() ? "-" : text;
}

nlohmann::json resourceJson(const sync::protocol::RequestResource& resource) {
    return nlohmann::json::parse(sync::protocol::encode(resource));
}

// --- serve ------------------------------------------------------------------------------------

int serve(const Arguments& arguments) {
    const auto listen = arguments.option("listen");
    if (!listen.has_value()) {
        return usage("serve needs --listen ADDR:PORT");
    }
    const auto colon = listen->rfind(':');
    ListenOptions options;
    if (colon == std::string::npos) {
        return usage("--listen must be ADDR:PORT, e.g. 127.0.0.1:8443 (port 0 picks a free one)");
    }
    options.host = listen->substr(0, colon);
    if (options.host.size() >= 2 && options.host.front() == '[' && options.host.back() == ']') {
        options.host = options.host.substr(1, options.host.size() - 2);
    }
    const auto port = sync::protocol::parseUploadOffset(listen->substr(colon + 1));
    if (options.host.empty() || !port.has_value() || *port > 65535) {
        return usage("--listen must be ADDR:PORT with a port 0-65535");
    }
    options.port = static_cast<int>(*port);
    options.tlsCertificate = arguments.option("tls-cert").value_or("");
    options.tlsKey = arguments.option("tls-key").value_or("");
    options.clientCa = arguments.option("client-ca").value_or("");
    if (!options.clientCa.empty() && options.tlsCertificate.empty()) {
        return usage("--client-ca needs --tls-cert and --tls-key");
    }
    if (const auto threads = arguments.option("threads"); threads.has_value()) {
        const auto count = sync::protocol::parseUploadOffset(*threads);
        if (!count.has_value() || *count < 1 ||
            *count > static_cast<std::uint64_t>(kMaxHttpThreads)) {
            return usage("--threads must be 1 to " + std::to_string(kMaxHttpThreads));
        }
        options.threads = static_cast<int>(*count);
    }
    const auto smtp = arguments.option("smtp");
    const auto mailFrom = arguments.option("mail-from");
    if (smtp.has_value() != mailFrom.has_value()) {
        return usage("--smtp and --mail-from go together");
    }
    const auto keyFile = keyFilePath(arguments);
    if (!keyFile.has_value()) {
        return usage(keyFile.error().message);
    }

    // Signals are taken by sigwait() below; every thread started from here on inherits the mask.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    auto service = openService(arguments);
    if (!service.has_value()) {
        return failed(service.error().message);
    }
    auto secretsKey = openSecretsKey((*service)->database(), *keyFile);
    if (!secretsKey.has_value()) {
        return failed(secretsKey.error().message);
    }
    DigitalKeys digitalKeys((*service)->database(), **secretsKey);
    if (const auto registry = arguments.option("registry"); registry.has_value()) {
        auto imported = importRegistryFile(**service, *registry);
        if (!imported.has_value()) {
            return failed(imported.error().message);
        }
    }
    auto server = HttpServer::bind(**service, digitalKeys, options);
    if (!server.has_value()) {
        return failed(server.error().message);
    }
    std::cout << "listening on " << options.host << ":" << (*server)->port() << std::endl;

    std::unique_ptr<Mailer> mailer;
    if (smtp.has_value()) {
        mailer = std::make_unique<Mailer>(**service, MailOptions{*smtp, *mailFrom});
        mailer->start();
    }
    std::thread listener([&] { (*server)->run(); });
    int received = 0;
    sigwait(&stopSignals, &received);
    (*server)->stop();
    listener.join();
    if (mailer) {
        mailer->stop();
    }
    std::cerr << "balie-central: stopped" << std::endl;
    return kExitOk;
}

// --- administration ---------------------------------------------------------------------------

int list(const Arguments& arguments) {
    auto service = openService(arguments);
    if (!service.has_value()) {
        return failed(service.error().message);
    }
    auto rows = (*service)->listRequests();
    if (!rows.has_value()) {
        return failed(rows.error().message);
    }
    if (arguments.json) {
        nlohmann::json list = nlohmann::json::array();
        for (const RequestRow& row : *rows) {
            list.push_back(
                {{"ticket", row.ticket},
                 {"state", core::statusKey(row.state)},
                 {"insz", row.insz.empty() ? nlohmann::json() : nlohmann::json(row.insz)},
                 {"idempotency_key", row.idempotencyKey},
                 {"kiosk_id", row.kioskId},
                 {"local_id", row.localId},
                 {"company", row.company}});
        }
        std::cout << list.dump(2) << "\n";
        return kExitOk;
    }
    for (const RequestRow& row : *rows) {
        std::cout << row.ticket << "  " << core::statusKey(row.state) << "  "
                  << nullableText(row.insz) << "  " << row.kioskId << "  " << row.localId << "\n";
    }
    return kExitOk;
}

int kiosk(const Arguments& arguments) {
    if (arguments.words.size() != 3 || arguments.words[1] != "add") {
        return usage("kiosk add KIOSK_ID --company NAME --db URL");
    }
    const auto company = arguments.option("company");
    if (!company.has_value() || company->empty()) {
        return usage("kiosk add needs --company NAME");
    }
    auto service = openService(arguments);
    if (!service.has_value()) {
        return failed(service.error().message);
    }
    auto token = (*service)->addKiosk(arguments.words[2], *company);
    if (!token.has_value()) {
        return failed(token.error().message);
    }
    std::cout << *token << "\n";
    return kExitOk;
}

// The base32 secret of --secret-file, as raw bytes.
core::Result<std::string> readSecretFile(const std::string& path) {
    const auto text = readFile(path);
    if (!text.has_value()) {
        return core::fail(core::Errc::Config, "cannot read secret file " + path);
    }
    auto bytes = sync::totp::fromBase32(text->substr(0, text->find('\n')));
    if (!bytes.has_value() || bytes->size() < kMinSecretBytes) {
        return core::fail(core::Errc::InvalidFormat,
                          "secret file " + path + " holds no base32 secret of at least " +
                              std::to_string(kMinSecretBytes) + " bytes");
    }
    return *bytes;
}

// The authenticator secret is printed here once and never again.
int issueDigitalKey(DigitalKeys& keys, const std::string& company, const std::string& agentId,
                    const std::string& username, const std::string& password,
                    const std::string& secret) {
    auto issued = keys.issue(company, agentId, username, password, secret);
    if (!issued.has_value()) {
        return failed(issued.error().message);
    }
    std::cout << "username: " << issued->username << "\n"
              << "secret: " << issued->secretBase32 << "\n"
              << "otpauth: " << issued->otpauthUri << "\n";
    return kExitOk;
}

int access(const Arguments& arguments) {
    if (arguments.words.size() != 3 ||
        (arguments.words[1] != "grant" && arguments.words[1] != "revoke")) {
        return usage("access grant|revoke NATIONAL_NUMBER --company NAME");
    }
    const auto company = arguments.option("company");
    if (!company.has_value() || company->empty()) {
        return usage("access needs --company NAME");
    }
    const auto username = arguments.option("username");
    if (username.has_value() && arguments.words[1] != "grant") {
        return usage("--username goes with access grant");
    }
    const auto secretFile = arguments.option("secret-file");
    if (secretFile.has_value() && !username.has_value()) {
        return usage("--secret-file goes with --username");
    }
    const auto keyFile = keyFilePath(arguments);
    if (username.has_value() && !keyFile.has_value()) {
        return usage(keyFile.error().message);
    }
    // Read before anything is stored, so that a missing password grants nothing.
    std::string password;
    std::string secret;
    if (secretFile.has_value()) {
        auto read = readSecretFile(*secretFile);
        if (!read.has_value()) {
            return failed(read.error().message);
        }
        secret = std::move(*read);
    }
    if (username.has_value()) {
        auto typed = readNewPassword();
        if (!typed.has_value()) {
            return failed(typed.error().message);
        }
        password = std::move(*typed);
        if (auto valid = checkNewKey(*username, password); !valid.has_value()) {
            return usage(valid.error().message);
        }
    }
    auto service = openService(arguments);
    if (!service.has_value()) {
        return failed(service.error().message);
    }
    if (arguments.words[1] == "grant" && !username.has_value()) {
        auto agent = (*service)->grantAccess(*company, arguments.words[2],
                                             arguments.option("name").value_or(""));
        if (!agent.has_value()) {
            return failed(agent.error().message);
        }
        std::cout << *agent << "\n";
        return kExitOk;
    }
    if (arguments.words[1] == "grant") {
        auto secretsKey = openSecretsKey((*service)->database(), *keyFile);
        if (!secretsKey.has_value()) {
            return failed(secretsKey.error().message);
        }
        DigitalKeys keys((*service)->database(), **secretsKey);
        // Checked before the grant, so that a taken username changes nothing.
        auto owner = keys.owner(*company, *username);
        if (!owner.has_value()) {
            return failed(owner.error().message);
        }
        if (owner->has_value()) {
            auto person = (*service)->findAgent(*company, arguments.words[2]);
            if (!person.has_value()) {
                return failed(person.error().message);
            }
            if (*person != *owner) {
                return failed("username " + *username + " belongs to another agent of " + *company);
            }
        }
        auto agent = (*service)->grantAccess(*company, arguments.words[2],
                                             arguments.option("name").value_or(""));
        if (!agent.has_value()) {
            return failed(agent.error().message);
        }
        std::cout << *agent << "\n";
        return issueDigitalKey(keys, *company, *agent, *username, password, secret);
    }
    auto revoked = (*service)->revokeAccess(*company, arguments.words[2]);
    if (!revoked.has_value()) {
        return failed(revoked.error().message);
    }
    return kExitOk;
}

nlohmann::json operatorJson(const OperatorView& view) {
    nlohmann::json object = resourceJson(view.resource);
    object["company"] = view.company;
    object["note"] = view.note;
    object["request"] = nlohmann::json::parse(sync::protocol::encode(view.request));
    return object;
}

int operatorCommand(const Arguments& arguments) {
    if (arguments.words.size() < 2) {
        return usage("operator list|show|approve|reject|ask-document");
    }
    const std::string& action = arguments.words[1];
    const bool needsTicket = action != "list";
    if (needsTicket && arguments.words.size() != 3) {
        return usage("operator " + action + " needs one TICKET");
    }
    if (action != "list" && action != "show" && action != "approve" && action != "reject" &&
        action != "ask-document") {
        return usage("unknown operator command '" + action + "'");
    }
    std::optional<core::ActionReason> reason;
    if (action == "reject" && !arguments.option("reason").has_value()) {
        return usage("operator reject needs --reason TEXT");
    }
    if (action == "ask-document") {
        reason = core::actionReasonFromKey(arguments.option("reason").value_or(""));
        if (!reason.has_value()) {
            return usage("operator ask-document needs --reason bad_quality|expired_document|other");
        }
    }
    auto service = openService(arguments);
    if (!service.has_value()) {
        return failed(service.error().message);
    }
    if (action == "list") {
        auto pending = (*service)->pendingForOperator();
        if (!pending.has_value()) {
            return failed(pending.error().message);
        }
        if (arguments.json) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& view : *pending) {
                list.push_back(operatorJson(view));
            }
            std::cout << list.dump(2) << "\n";
            return kExitOk;
        }
        for (const auto& view : *pending) {
            std::cout << view.resource.ticket << "  " << view.resource.kioskId << "  "
                      << sync::protocol::formatTimestamp(view.resource.submittedAt) << "  "
                      << view.note << "\n";
        }
        return kExitOk;
    }
    const std::string& ticket = arguments.words[2];
    if (action == "show") {
        auto view = (*service)->show(ticket);
        if (!view.has_value()) {
            return failed(view.error().message);
        }
        std::cout << operatorJson(*view).dump(2) << "\n";
        return kExitOk;
    }
    core::Result<sync::protocol::RequestResource> result;
    if (action == "approve") {
        result = (*service)->approve(ticket, arguments.option("insz"));
    } else if (action == "reject") {
        result = (*service)->reject(ticket, *arguments.option("reason"));
    } else {
        result = (*service)->askDocument(ticket, *reason, arguments.option("detail").value_or(""));
    }
    if (!result.has_value()) {
        return failed(result.error().message);
    }
    std::cout << result->ticket << " " << core::statusKey(result->state) << "\n";
    return kExitOk;
}

int registry(const Arguments& arguments) {
    if (arguments.words.size() != 3 || arguments.words[1] != "import") {
        return usage("registry import FILE --db URL");
    }
    auto service = openService(arguments);
    if (!service.has_value()) {
        return failed(service.error().message);
    }
    auto imported = importRegistryFile(**service, arguments.words[2]);
    if (!imported.has_value()) {
        return failed(imported.error().message);
    }
    std::cout << "imported " << *imported << " known persons\n";
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && (std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h")) {
        std::cout << kUsage;
        return 0;
    }
    const Arguments arguments = parseArguments(argc, argv);
    if (!arguments.error.empty()) {
        return usage(arguments.error);
    }
    if (arguments.words.empty()) {
        return usage("missing command");
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const std::string& command = arguments.words.front();
    int status = kExitUsage;
    if (command == "serve") {
        status = serve(arguments);
    } else if (command == "list") {
        status = list(arguments);
    } else if (command == "kiosk") {
        status = kiosk(arguments);
    } else if (command == "access") {
        status = access(arguments);
    } else if (command == "operator") {
        status = operatorCommand(arguments);
    } else if (command == "registry") {
        status = registry(arguments);
    } else {
        status = usage("unknown command '" + command + "'");
    }
    curl_global_cleanup();
    return status;
}
