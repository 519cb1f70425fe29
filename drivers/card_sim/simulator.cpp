// SPDX-License-Identifier: GPL-3.0-or-later
// Event loop of the card simulator: vpcd connection, control socket and standard input.
#include "simulator.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace balie::cardsim {

namespace {

using core::Errc;
using core::fail;

// How often an inserted card retries to reach vpcd while pcscd is (re)starting.
constexpr int kReconnectMilliseconds = 100;

void writeAll(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::send(fd, text.data() + done, text.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == ENOTSOCK) {
            n = ::write(fd, text.data() + done, text.size() - done);
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        done += static_cast<std::size_t>(n);
    }
}

// Appends what \a fd has to \a buffer; false at end of input or on an error.
bool readInto(int fd, std::string& buffer) {
    char chunk[1024];
    ssize_t n;
    do {
        n = ::read(fd, chunk, sizeof chunk);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        return false;
    }
    buffer.append(chunk, static_cast<std::size_t>(n));
    return true;
}

}  // namespace

core::Result<std::unique_ptr<Simulator>> Simulator::create(BeidApplet applet,
                                                           SimulatorOptions options) {
    UniqueFd controlSocket;
    if (!options.controlPath.empty()) {
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        if (options.controlPath.size() >= sizeof address.sun_path) {
            return fail(Errc::Config, "control socket path too long: " + options.controlPath);
        }
        std::memcpy(address.sun_path, options.controlPath.c_str(), options.controlPath.size());
        controlSocket.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        ::unlink(options.controlPath.c_str());
        if (!controlSocket.isValid() ||
            ::bind(controlSocket.get(), reinterpret_cast<const sockaddr*>(&address),
                   sizeof address) != 0 ||
            ::listen(controlSocket.get(), 8) != 0) {
            return fail(Errc::Config, "cannot listen on control socket " + options.controlPath +
                                          ": " + std::strerror(errno));
        }
    }
    return std::unique_ptr<Simulator>(
        new Simulator(std::move(applet), std::move(options), std::move(controlSocket)));
}

Simulator::Simulator(BeidApplet applet, SimulatorOptions options, UniqueFd controlSocket)
    : applet_(std::move(applet)),
      options_(std::move(options)),
      controlSocket_(std::move(controlSocket)),
      stdinOpen_(options_.readStdin) {
}

Simulator::~Simulator() {
    if (controlSocket_.isValid()) {
        ::unlink(options_.controlPath.c_str());
    }
}

core::Result<void> Simulator::run() {
    while (!quit_) {
        if (inserted_ && !link_.has_value()) {
            auto link = VpcdLink::connect(options_.vpcdHost, options_.vpcdPort);
            if (link.has_value()) {
                link_.emplace(std::move(*link));
                applet_.reset();
                std::fprintf(stderr, "balie-card-sim: card inserted (vpcd %s:%u)\n",
                             options_.vpcdHost.c_str(), unsigned{options_.vpcdPort});
            }
        }
        std::vector<pollfd> polls;
        if (link_.has_value()) {
            polls.push_back({link_->fd(), POLLIN, 0});
        }
        std::size_t controlIndex = polls.size();
        if (controlSocket_.isValid()) {
            polls.push_back({controlSocket_.get(), POLLIN, 0});
        }
        std::size_t clientsIndex = polls.size();
        for (const ControlClient& client : clients_) {
            polls.push_back({client.fd.get(), POLLIN, 0});
        }
        std::size_t stdinIndex = polls.size();
        if (stdinOpen_) {
            polls.push_back({STDIN_FILENO, POLLIN, 0});
        }
        int timeout = inserted_ && !link_.has_value() ? kReconnectMilliseconds : -1;
        if (::poll(polls.data(), polls.size(), timeout) < 0) {
            if (errno == EINTR) {
                continue;
            }
            return fail(Errc::InvalidState, std::string("poll: ") + std::strerror(errno), errno);
        }
        if (link_.has_value() && polls[0].revents != 0) {
            handleVpcdMessage();
        }
        if (stdinOpen_ && polls[stdinIndex].revents != 0) {
            stdinOpen_ = readInto(STDIN_FILENO, stdinBuffer_);
            writeAll(STDOUT_FILENO, runLines(stdinBuffer_));
        }
        // Serve the polled clients before accepting new ones, so that the indexes still match.
        std::vector<ControlClient> open;
        for (std::size_t i = 0; i < clients_.size(); ++i) {
            ControlClient& client = clients_[i];
            if (polls[clientsIndex + i].revents != 0) {
                bool more = readInto(client.fd.get(), client.buffer);
                writeAll(client.fd.get(), runLines(client.buffer));
                if (!more) {
                    continue;
                }
            }
            open.push_back(std::move(client));
        }
        clients_ = std::move(open);
        if (controlSocket_.isValid() && polls[controlIndex].revents != 0) {
            UniqueFd client(::accept4(controlSocket_.get(), nullptr, nullptr, SOCK_CLOEXEC));
            if (client.isValid()) {
                clients_.push_back({std::move(client), {}});
            }
        }
    }
    return {};
}

void Simulator::handleVpcdMessage() {
    auto message = link_->receive();
    if (!message.has_value()) {
        // vpcd went away (pcscd stopped): the card stays inserted and reconnects.
        link_.reset();
        return;
    }
    Bytes reply;
    bool answer = false;
    if (message->size() == 1) {
        switch (static_cast<VpcdControl>((*message)[0])) {
            case VpcdControl::PowerOff:
            case VpcdControl::PowerOn:
            case VpcdControl::Reset:
                applet_.reset();
                break;
            case VpcdControl::GetAtr:
                reply = applet_.atr();
                answer = true;
                break;
        }
    } else if (!message->empty()) {
        reply = applet_.transmit(*message);
        answer = true;
    }
    if (answer && !link_->send(reply)) {
        link_.reset();
        return;
    }
    if (answer && message->size() > 1 && removeAfter_.has_value() && --*removeAfter_ == 0) {
        pullCard();
    }
}

void Simulator::pullCard() {
    if (link_.has_value()) {
        link_->pull();
        std::fprintf(stderr, "balie-card-sim: card removed\n");
    }
    link_.reset();
    inserted_ = false;
    removeAfter_.reset();
}

std::string Simulator::execute(const ControlCommand& command) {
    using Kind = ControlCommand::Kind;
    switch (command.kind) {
        case Kind::Remove:
            pullCard();
            break;
        case Kind::Insert:
            inserted_ = true;
            break;
        case Kind::Glitch:
            applet_.armGlitch(command.glitch);
            break;
        case Kind::TamperIdentity:
            applet_.tamperIdentity();
            break;
        case Kind::RemoveAfter:
            if (command.count == 0) {
                pullCard();
            } else {
                removeAfter_ = command.count;
            }
            break;
        case Kind::Quit:
            quit_ = true;
            break;
    }
    return "ok";
}

std::string Simulator::runLines(std::string& buffer) {
    std::string replies;
    std::size_t end;
    while ((end = buffer.find('\n')) != std::string::npos) {
        std::string line = buffer.substr(0, end);
        buffer.erase(0, end + 1);
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        auto command = parseControlCommand(line);
        replies += command.has_value() ? execute(*command) : "error: " + command.error().message;
        replies += '\n';
    }
    return replies;
}

}  // namespace balie::cardsim
