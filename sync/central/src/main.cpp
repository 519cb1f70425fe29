// SPDX-License-Identifier: GPL-3.0-or-later
// balie-central: the reference central service and its administration commands.
#include <curl/curl.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

#include <nlohmann/json.hpp>

#include "balie/core/insz.h"
#include "balie/sync/central/service.h"
#include "balie/sync/protocol/codec.h"
#include "balie/sync/protocol/endpoints.h"
#include "balie/sync/protocol/timestamp.h"
#include "http_server.h"
#include "mailer.h"

namespace {

using namespace balie;
using namespace balie::sync::central;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

constexpr const char* kUsage = R"(usage:
  balie-central serve --listen ADDR:PORT --db URL [--registry FILE]
                      [--smtp smtp://HOST:PORT --mail-from ADDR]
                      [--tls-cert PEM --tls-key PEM [--client-ca PEM]]
  balie-central list --db URL [--json]
  balie-central kiosk add KIOSK_ID --company NAME --db URL
  balie-central access grant|revoke NATIONAL_NUMBER --company NAME [--name "Display Name"] --db URL
  balie-central operator list [--json] --db URL
  balie-central operator show TICKET [--json] --db URL
  balie-central operator approve TICKET [--insz NUMBER] --db URL
  balie-central operator reject TICKET --reason TEXT --db URL
  balie-central operator ask-document TICKET --reason bad_quality|expired_document|other
                                      [--detail TEXT] --db URL
  balie-central registry import FILE --db URL
URL is sqlite:PATH or postgresql://...
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
    const auto smtp = arguments.option("smtp");
    const auto mailFrom = arguments.option("mail-from");
    if (smtp.has_value() != mailFrom.has_value()) {
        return usage("--smtp and --mail-from go together");
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
    if (const auto registry = arguments.option("registry"); registry.has_value()) {
        auto imported = importRegistryFile(**service, *registry);
        if (!imported.has_value()) {
            return failed(imported.error().message);
        }
    }
    auto server = HttpServer::bind(**service, options);
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

int access(const Arguments& arguments) {
    if (arguments.words.size() != 3 ||
        (arguments.words[1] != "grant" && arguments.words[1] != "revoke")) {
        return usage("access grant|revoke NATIONAL_NUMBER --company NAME");
    }
    const auto company = arguments.option("company");
    if (!company.has_value() || company->empty()) {
        return usage("access needs --company NAME");
    }
    auto service = openService(arguments);
    if (!service.has_value()) {
        return failed(service.error().message);
    }
    if (arguments.words[1] == "grant") {
        auto agent = (*service)->grantAccess(*company, arguments.words[2],
                                             arguments.option("name").value_or(""));
        if (!agent.has_value()) {
            return failed(agent.error().message);
        }
        std::cout << *agent << "\n";
        return kExitOk;
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
