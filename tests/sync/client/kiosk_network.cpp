// SPDX-License-Identifier: GPL-3.0-or-later
// KioskNetwork over iproute2 (ip netns, veth, tc) and nftables, driven as programs.
#include "kiosk_network.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>

namespace balie::test {
namespace {

constexpr const char* kIp = "/usr/sbin/ip";
constexpr const char* kBlackholeTable = "balie_blackhole";

std::string firstLine(const std::string& text) {
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

}  // namespace

std::unique_ptr<KioskNetwork> KioskNetwork::create(std::string& whyNot) {
    if (::geteuid() != 0) {
        whyNot = "network namespaces need root";
        return nullptr;
    }
    const auto pid = static_cast<unsigned>(::getpid());
    std::unique_ptr<KioskNetwork> network(new KioskNetwork());
    network->name_ = "balie-kiosk-" + std::to_string(pid);
    network->hostInterface_ = "bkh" + std::to_string(pid);
    network->kioskInterface_ = "bkk" + std::to_string(pid);
    // A /30 of its own per test process, so that parallel tests do not meet.
    const std::string prefix = "10.213." + std::to_string((pid / 64) % 256) + ".";
    network->hostAddress_ = prefix + std::to_string((pid % 64) * 4 + 1);
    network->kioskAddress_ = prefix + std::to_string((pid % 64) * 4 + 2);

    const auto added = runProcess(kIp, {"netns", "add", network->name_});
    if (added.exitCode != 0) {
        whyNot = "network namespaces are not permitted here: " + firstLine(added.err);
        network->name_.clear();
        return nullptr;
    }
    const std::vector<std::vector<std::string>> steps{
        {"link", "add", network->hostInterface_, "type", "veth", "peer", "name",
         network->kioskInterface_, "netns", network->name_},
        {"addr", "add", network->hostAddress_ + "/30", "dev", network->hostInterface_},
        {"link", "set", network->hostInterface_, "up"},
        {"-n", network->name_, "addr", "add", network->kioskAddress_ + "/30", "dev",
         network->kioskInterface_},
        {"-n", network->name_, "link", "set", network->kioskInterface_, "up"},
        {"-n", network->name_, "link", "set", "lo", "up"},
    };
    for (const auto& step : steps) {
        const auto done = runProcess(kIp, step);
        if (done.exitCode != 0) {
            whyNot = "cannot set up the kiosk's link: " + firstLine(done.err);
            return nullptr;
        }
    }
    return network;
}

KioskNetwork::~KioskNetwork() {
    if (name_.empty()) {
        return;
    }
    // Deleting the namespace deletes its end of the pair, and with it the host's end.
    (void)runProcess(kIp, {"netns", "delete", name_});
    (void)runProcess(kIp, {"link", "delete", hostInterface_});
}

ProcessResult KioskNetwork::inNamespace(const std::vector<std::string>& command) const {
    std::vector<std::string> arguments{"netns", "exec", name_};
    arguments.insert(arguments.end(), command.begin(), command.end());
    return runProcess(kIp, arguments);
}

ProcessResult KioskNetwork::run(const std::string& program,
                                const std::vector<std::string>& arguments) const {
    std::vector<std::string> command{program};
    command.insert(command.end(), arguments.begin(), arguments.end());
    return inNamespace(command);
}

pid_t KioskNetwork::spawn(const std::string& program,
                          const std::vector<std::string>& arguments) const {
    std::vector<std::string> command{kIp, "netns", "exec", name_, program};
    command.insert(command.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& argument : command) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        // ip netns exec replaces itself with the program: this pid is the program's.
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

bool KioskNetwork::limitUploadRate(const std::string& rate) const {
    return inNamespace({"tc", "qdisc", "replace", "dev", kioskInterface_, "root", "tbf", "rate",
                        rate, "burst", "16kb", "latency", "400ms"})
               .exitCode == 0;
}

bool KioskNetwork::cutOff() const {
    const std::string table = kBlackholeTable;
    return inNamespace({"nft", "add", "table", "inet", table}).exitCode == 0 &&
           inNamespace({"nft", "add", "chain", "inet", table, "in",
                        "{ type filter hook input priority 0 ; policy drop ; }"})
                   .exitCode == 0 &&
           inNamespace({"nft", "add", "chain", "inet", table, "out",
                        "{ type filter hook output priority 0 ; policy drop ; }"})
                   .exitCode == 0;
}

bool KioskNetwork::reconnect() const {
    return inNamespace({"nft", "delete", "table", "inet", kBlackholeTable}).exitCode == 0;
}

std::uint64_t KioskNetwork::bytesFromKiosk() const {
    std::ifstream counter("/sys/class/net/" + hostInterface_ + "/statistics/rx_bytes");
    std::uint64_t bytes = 0;
    counter >> bytes;
    return bytes;
}

}  // namespace balie::test
