// SPDX-License-Identifier: GPL-3.0-or-later
// balie-card-sim as a program: options, control lines, and the vpcd protocol against a stand-in
// for vpcd (a plain TCP listener), so no pcscd or root is needed here.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "process.h"
#include "sim_test_support.h"
#include "unique_fd.h"
#include "virtual_card_rig.h"
#include "vpcd_link.h"

namespace balie::test {
namespace {

using cardsim::UniqueFd;

std::string pkiFor(const std::string& persona) {
    std::string error;
    std::string pki = makeTestPki(personaPath(persona), &error);
    EXPECT_FALSE(pki.empty()) << error;
    return pki;
}

ProcessResult runSim(const std::vector<std::string>& args, const std::string& input = {}) {
    return runProcess(BALIE_CARD_SIM_PATH, args, input);
}

void expectOneLineError(const ProcessResult& result, int exitCode, const std::string& text) {
    EXPECT_EQ(result.exitCode, exitCode);
    EXPECT_EQ(result.out, "");
    EXPECT_NE(result.err.find(text), std::string::npos) << result.err;
    EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << "one line: " << result.err;
}

// A TCP listener on loopback that plays vpcd's side of the protocol.
class FakeVpcd {
public:
    FakeVpcd() : listener_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        EXPECT_EQ(::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address),
                  0);
        EXPECT_EQ(::listen(listener_.get(), 1), 0);
        ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
    }

    std::uint16_t port() const { return port_; }

    // Waits for the card to connect.
    bool accept(int timeoutMs = 10000) {
        pollfd poll{listener_.get(), POLLIN, 0};
        if (::poll(&poll, 1, timeoutMs) != 1) {
            return false;
        }
        card_.reset(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
        timeval timeout{10, 0};
        ::setsockopt(card_.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        return card_.isValid();
    }

    void send(const Bytes& payload) {
        Bytes frame = cardsim::vpcdFrame(payload);
        ASSERT_EQ(::send(card_.get(), frame.data(), frame.size(), MSG_NOSIGNAL),
                  static_cast<ssize_t>(frame.size()));
    }

    // One framed reply; empty when the card closed the connection.
    Bytes receive() {
        std::uint8_t header[2];
        if (::recv(card_.get(), header, 2, MSG_WAITALL) != 2) {
            return {};
        }
        Bytes payload(static_cast<std::size_t>(header[0] << 8 | header[1]));
        if (!payload.empty() && ::recv(card_.get(), payload.data(), payload.size(), MSG_WAITALL) !=
                                    static_cast<ssize_t>(payload.size())) {
            return {};
        }
        return payload;
    }

    Bytes exchange(const Bytes& payload) {
        send(payload);
        return receive();
    }

    // True when the card dropped the connection: pulled cards reset it.
    bool cardGone() {
        std::uint8_t byte;
        ssize_t n = ::recv(card_.get(), &byte, 1, 0);
        return n == 0 || (n < 0 && errno == ECONNRESET);
    }

private:
    UniqueFd listener_;
    UniqueFd card_;
    std::uint16_t port_ = 0;
};

// balie-card-sim running in the background, killed by its pid when the test ends.
class RunningSim {
public:
    RunningSim(const std::string& persona, std::uint16_t port, const std::string& control) {
        std::vector<std::string> args = {BALIE_CARD_SIM_PATH,
                                         "--persona",
                                         personaPath(persona),
                                         "--pki",
                                         pkiFor(persona),
                                         "--port",
                                         std::to_string(port),
                                         "--control",
                                         control};
        std::vector<char*> argv;
        for (std::string& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ == 0) {
            int null = ::open("/dev/null", O_RDWR);
            ::dup2(null, STDIN_FILENO);
            ::dup2(null, STDERR_FILENO);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
    }
    ~RunningSim() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    RunningSim(const RunningSim&) = delete;
    RunningSim& operator=(const RunningSim&) = delete;

    // Exit code once the program ended by itself within five seconds, -1 otherwise.
    int waitForExit() {
        for (int i = 0; i < 250; ++i) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return -1;
    }

private:
    pid_t pid_ = -1;
};

// Sends one control line and returns the reply line (retrying while the socket is not up yet).
std::string control(const std::string& path, const std::string& line) {
    for (int attempt = 0; attempt < 250; ++attempt) {
        UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
        if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        std::string request = line + "\n";
        ::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL);
        std::string reply;
        char c;
        while (::recv(fd.get(), &c, 1, 0) == 1 && c != '\n') {
            reply.push_back(c);
        }
        return reply;
    }
    return "(no control socket)";
}

std::string controlPath() {
    return (std::filesystem::temp_directory_path() /
            ("balie-card-sim-test-" + std::to_string(::getpid()) + ".sock"))
        .string();
}

TEST(CardSimProgramTest, RejectsBadOptionsInOneLine) {
    expectOneLineError(runSim({}), 2, "--persona, --pki and --port are required");
    expectOneLineError(runSim({"--frobnicate"}), 2, "unknown option '--frobnicate'");
    expectOneLineError(runSim({"--persona"}), 2, "--persona needs a value");
    expectOneLineError(runSim({"--persona", "p.json", "--pki", "d", "--port", "http"}), 2,
                       "--port needs a TCP port number, not 'http'");
    expectOneLineError(runSim({"--persona", "p.json", "--pki", "d", "--port", "70000"}), 2,
                       "--port needs a TCP port number");
    ProcessResult help = runSim({"--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("usage: balie-card-sim"), std::string::npos);
}

TEST(CardSimProgramTest, RejectsABadPersonaOrPkiInOneLine) {
    expectOneLineError(
        runSim({"--persona", "/nonexistent.json", "--pki", "/tmp", "--port", "40000"}), 1,
        "cannot open persona /nonexistent.json");
    expectOneLineError(runSim({"--persona", personaPath("demo-agent"), "--pki", "/nonexistent-pki",
                               "--port", "40000"}),
                       1, "cannot open key /nonexistent-pki/demo-agent/authentication.key");
}

TEST(CardSimProgramTest, TakesControlLinesOnStandardInput) {
    // Nothing listens on the port: the card keeps trying to connect while it obeys its input.
    std::uint16_t port = FakeVpcd().port();
    ProcessResult result = runSim({"--persona", personaPath("demo-agent"), "--pki",
                                   pkiFor("demo-agent"), "--port", std::to_string(port)},
                                  "glitch 6c\n\nbogus\nremove-after 3\nquit\n");
    EXPECT_EQ(result.exitCode, 0) << result.err;
    EXPECT_EQ(result.out,
              "ok\nerror: unknown command 'bogus' (remove, insert, glitch 6c|61|6b00-midfile, "
              "tamper identity, remove-after N, quit)\nok\nok\n");
}

TEST(CardSimProgramTest, SpeaksTheVpcdProtocol) {
    FakeVpcd vpcd;
    std::string socket = controlPath();
    RunningSim sim("demo-agent", vpcd.port(), socket);
    ASSERT_TRUE(vpcd.accept()) << "the card connects to vpcd";

    vpcd.send({0x01});  // power on: no reply
    Bytes atr = vpcd.exchange({0x04});
    EXPECT_EQ(atr, cardsim::beidAtr(cardsim::AppletVersion::V18));
    EXPECT_EQ(vpcd.exchange(apdu({0x00, 0xA4, 0x08, 0x0C, 0x04, 0xDF, 0x01, 0x40, 0x31})),
              apdu({0x90, 0x00}));
    Bytes read = vpcd.exchange(apdu({0x00, 0xB0, 0x00, 0x00, 0x04}));
    EXPECT_EQ(read, apdu({0x00, 0x02, 0x00, 0x05, 0x90, 0x00})) << "tag 00, version 0005";

    EXPECT_EQ(control(socket, "glitch 61"), "ok");
    EXPECT_EQ(vpcd.exchange(apdu({0x00, 0xB0, 0x00, 0x00, 0x04})), apdu({0x61, 0x04}));
    EXPECT_EQ(vpcd.exchange(apdu({0x00, 0xC0, 0x00, 0x00, 0x04})),
              apdu({0x00, 0x02, 0x00, 0x05, 0x90, 0x00}));
    EXPECT_EQ(control(socket, "glitch 6x"), "error: unknown glitch '6x' (6c, 61 or 6b00-midfile)");
    vpcd.send({0x02});  // reset: no reply, so the next reply belongs to the next APDU
    EXPECT_EQ(vpcd.exchange(apdu({0x80, 0xE4, 0x00, 0x00, 0x1C})).size(), 30u);
}

TEST(CardSimProgramTest, RemovalClosesTheConnectionAndInsertionReconnects) {
    FakeVpcd vpcd;
    std::string socket = controlPath();
    RunningSim sim("demo-agent", vpcd.port(), socket);
    ASSERT_TRUE(vpcd.accept());
    EXPECT_EQ(vpcd.exchange({0x04}).size(), 20u);

    EXPECT_EQ(control(socket, "remove"), "ok");
    EXPECT_TRUE(vpcd.cardGone());
    EXPECT_EQ(control(socket, "insert"), "ok");
    ASSERT_TRUE(vpcd.accept());

    EXPECT_EQ(control(socket, "remove-after 2"), "ok");
    Bytes getCardData = apdu({0x80, 0xE4, 0x00, 0x00, 0x1C});
    EXPECT_EQ(vpcd.exchange({0x04}).size(), 20u) << "control messages do not count";
    EXPECT_EQ(vpcd.exchange(getCardData).size(), 30u);
    EXPECT_EQ(vpcd.exchange(getCardData).size(), 30u) << "the second APDU is still answered";
    EXPECT_TRUE(vpcd.cardGone()) << "then the card is gone";

    EXPECT_EQ(control(socket, "insert"), "ok");
    ASSERT_TRUE(vpcd.accept());
    EXPECT_EQ(vpcd.exchange(getCardData).size(), 30u);
    EXPECT_EQ(control(socket, "quit"), "ok");
    EXPECT_EQ(sim.waitForExit(), 0);
    EXPECT_FALSE(std::filesystem::exists(socket)) << "the control socket is removed on quit";
}

}  // namespace
}  // namespace balie::test
