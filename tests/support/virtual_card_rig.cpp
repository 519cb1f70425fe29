// SPDX-License-Identifier: GPL-3.0-or-later
// Private pcscd + vpcd + balie-card-sim for tests, started and stopped by process id.
#include "virtual_card_rig.h"

#include <PCSC/winscard.h>
#include <PCSC/wintypes.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "process.h"

namespace balie::test {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kPcscdPath = "/usr/sbin/pcscd";
constexpr const char* kVpcdDriver = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
constexpr int kStartTimeoutMs = 15000;
constexpr int kCardTimeoutMs = 10000;

// One directory per test process for pcscd's run directory, whose socket path must not change
// within a process (libpcsclite caches PCSCLITE_CSOCK_NAME), and the rigs' files.
struct ProcessDirectory {
    std::string base;
    std::string run;
    std::atomic<bool> rigActive = false;
    std::atomic<int> rigCount = 0;

    ProcessDirectory() {
        std::string pattern = (fs::temp_directory_path() / "balie-rig-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            return;
        }
        base = pattern;
        run = base + "/run";
        std::error_code ignored;
        fs::create_directories(run, ignored);
    }
    ~ProcessDirectory() {
        if (!base.empty()) {
            std::error_code ignored;
            fs::remove_all(base, ignored);
        }
    }
};

ProcessDirectory& processDirectory() {
    static ProcessDirectory directory;
    return directory;
}

// Only async-signal-safe calls between fork and exec: the test may run other threads.
[[noreturn]] void childFailed(const char* what) {
    int code = errno;
    char digits[12];
    std::size_t length = 0;
    do {
        digits[sizeof digits - 1 - length++] = static_cast<char>('0' + code % 10);
        code /= 10;
    } while (code > 0 && length < sizeof digits);
    ssize_t ignored = ::write(STDERR_FILENO, what, std::strlen(what));
    ignored = ::write(STDERR_FILENO, " failed, errno ", 15);
    ignored = ::write(STDERR_FILENO, digits + sizeof digits - length, length);
    ignored = ::write(STDERR_FILENO, "\n", 1);
    static_cast<void>(ignored);
    ::_exit(127);
}

// Output to \a logPath, no input, and death with the parent: a crashed test leaves nothing.
void prepareChild(const char* logPath) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    int log = ::open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (log < 0 || null < 0) {
        childFailed("open");
    }
    ::dup2(null, STDIN_FILENO);
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
}

std::vector<char*> argvOf(std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (std::string& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    return argv;
}

// pcscd always listens on /run/pcscd/pcscd.comm: give it a private /run/pcscd.
pid_t startPcscd(const std::string& runDir, const std::string& readerConf,
                 const std::string& logPath) {
    std::vector<std::string> args = {kPcscdPath, "--foreground", "--debug",
                                     "--apdu",   "--config",     readerConf};
    std::vector<char*> argv = argvOf(args);
    pid_t pid = ::fork();
    if (pid != 0) {
        return pid;
    }
    prepareChild(logPath.c_str());
    if (::unshare(CLONE_NEWNS) != 0) {
        childFailed("unshare(CLONE_NEWNS)");
    }
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        childFailed("making / private");
    }
    if (::mkdir("/run/pcscd", 0755) != 0 && errno != EEXIST) {
        childFailed("mkdir /run/pcscd");
    }
    if (::mount(runDir.c_str(), "/run/pcscd", nullptr, MS_BIND, nullptr) != 0) {
        childFailed("bind mount on /run/pcscd");
    }
    ::execv(kPcscdPath, argv.data());
    childFailed("exec pcscd");
}

pid_t startSimulator(std::vector<std::string> args, const std::string& logPath) {
    std::vector<char*> argv = argvOf(args);
    pid_t pid = ::fork();
    if (pid != 0) {
        return pid;
    }
    prepareChild(logPath.c_str());
    ::execv(argv[0], argv.data());
    childFailed("exec balie-card-sim");
}

bool isRunning(pid_t pid) {
    return ::waitpid(pid, nullptr, WNOHANG) == 0;
}

// SIGTERM, then SIGKILL if the process does not end within two seconds.
void stopProcess(pid_t pid) {
    if (pid <= 0) {
        return;
    }
    ::kill(pid, SIGTERM);
    auto deadline = Clock::now() + std::chrono::seconds(2);
    while (Clock::now() < deadline) {
        pid_t done = ::waitpid(pid, nullptr, WNOHANG);
        if (done == pid || (done < 0 && errno == ECHILD)) {
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

bool canBind(std::uint16_t port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    bool ok = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return ok;
}

// vpcd listens on the configured port for slot 0 and on the next one for slot 1: find a free
// pair, chosen by the kernel so that parallel test processes do not pick the same one.
std::optional<std::uint16_t> freePortPair() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_ANY);
        socklen_t length = sizeof address;
        bool bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
                     ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
        ::close(fd);
        std::uint16_t port = ntohs(address.sin_port);
        if (bound && port < 65535 && canBind(port) &&
            canBind(static_cast<std::uint16_t>(port + 1))) {
            return port;
        }
    }
    return std::nullopt;
}

std::string readText(const std::string& path) {
    std::ifstream file(path);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// FNV-1a of \a text in hexadecimal: a short, stable directory name for some content.
std::string contentKey(const std::string& text) {
    std::uint64_t hash = 14695981039346656037ull;
    for (char c : text) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    char name[17];
    std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(hash));
    return name;
}

// The last lines of a log: pcscd --debug is verbose, and the end says what went wrong.
std::string tail(const std::string& text, std::size_t maxLines) {
    std::size_t position = text.size();
    for (std::size_t lines = 0; lines <= maxLines && position > 0; ++lines) {
        std::size_t newline = text.rfind('\n', position - 1);
        if (newline == std::string::npos) {
            return text;
        }
        position = newline;
    }
    return text.substr(position + 1);
}

}  // namespace

std::string makeTestPki(const std::string& personaPath, std::string* error) {
    static std::mutex mutex;
    static std::map<std::string, std::string> made;  // persona path -> PKI directory
    std::lock_guard<std::mutex> guard(mutex);
    if (auto it = made.find(personaPath); it != made.end()) {
        return it->second;
    }
    auto failWith = [&](const std::string& message) {
        if (error != nullptr) {
            *error = message;
        }
        return std::string();
    };
    const std::string script = BALIE_TEST_DATA_DIR "/eid/make_test_pki.sh";
    std::string persona = readText(personaPath);
    if (persona.empty()) {
        return failWith("cannot read persona " + personaPath);
    }
    // The directory is named after the script and the persona, so a change to either gets
    // fresh keys and certificates; test processes share it, one generating while the others
    // wait on the lock.
    fs::path cache = fs::temp_directory_path() / ("balie-test-pki-" + std::to_string(::getuid()));
    std::error_code ignored;
    fs::create_directories(cache, ignored);
    std::string dir = (cache / contentKey(readText(script) + '\0' + persona)).string();
    int lock = ::open((dir + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) {
        if (lock >= 0) {
            ::close(lock);
        }
        return failWith("cannot lock " + dir + ".lock: " + std::strerror(errno));
    }
    std::string message;
    if (!fs::exists(dir + "/.complete")) {
        try {
            ProcessResult pki = runProcess("/bin/sh", {script, dir, personaPath});
            if (pki.exitCode == 0) {
                std::ofstream(dir + "/.complete") << personaPath << "\n";
            } else {
                message = "make_test_pki.sh failed: " + pki.err;
            }
        } catch (const std::exception& e) {
            message = std::string("cannot run make_test_pki.sh: ") + e.what();
        }
    }
    ::close(lock);
    if (!message.empty()) {
        return failWith(message);
    }
    made[personaPath] = dir;
    return dir;
}

std::unique_ptr<VirtualCardRig> VirtualCardRig::start(const std::string& personaPath,
                                                      std::string* error) {
    auto failWith = [&](const std::string& message, const VirtualCardRig* rig) {
        if (error != nullptr) {
            *error = message;
            if (rig != nullptr) {
                *error += "\n" + rig->logs();
            }
        }
        return nullptr;
    };
    ProcessDirectory& directory = processDirectory();
    if (directory.base.empty()) {
        return failWith("cannot create a temporary directory for the rig", nullptr);
    }
    if (directory.rigActive.exchange(true)) {
        return failWith("only one VirtualCardRig at a time per process", nullptr);
    }
    std::unique_ptr<VirtualCardRig> rig(new VirtualCardRig());
    rig->socketPath_ = directory.run + "/pcscd.comm";
    rig->rigDir_ = directory.base + "/rig-" + std::to_string(++directory.rigCount);
    rig->controlPath_ = rig->rigDir_ + "/control.sock";
    std::error_code ignored;
    fs::create_directories(rig->rigDir_, ignored);

    std::string pkiError;
    rig->pkiDir_ = makeTestPki(personaPath, &pkiError);
    if (rig->pkiDir_.empty()) {
        return failWith(pkiError, nullptr);
    }
    if (::access(kPcscdPath, X_OK) != 0 || ::access(kVpcdDriver, R_OK) != 0) {
        return failWith(std::string("needs ") + kPcscdPath + " and " + kVpcdDriver +
                            " (packages pcscd and vsmartcard-vpcd)",
                        nullptr);
    }
    std::optional<std::uint16_t> port = freePortPair();
    if (!port.has_value()) {
        return failWith("no free pair of TCP ports for vpcd", nullptr);
    }
    std::string readerConf = rig->rigDir_ + "/reader.conf";
    std::ofstream(readerConf) << "FRIENDLYNAME \"Virtual PCD\"\n"
                              << "DEVICENAME /dev/null:" << *port << "\n"
                              << "LIBPATH " << kVpcdDriver << "\n";

    // A socket left by a killed pcscd would look like a ready daemon.
    fs::remove(rig->socketPath_, ignored);
    rig->pcscdPid_ = startPcscd(directory.run, readerConf, rig->rigDir_ + "/pcscd.log");
    if (rig->pcscdPid_ < 0) {
        return failWith("cannot fork pcscd", rig.get());
    }
    auto deadline = Clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
    while (!fs::exists(rig->socketPath_)) {
        if (!isRunning(rig->pcscdPid_)) {
            rig->pcscdPid_ = -1;
            return failWith("pcscd exited at start (mount namespaces need root)", rig.get());
        }
        if (Clock::now() > deadline) {
            return failWith("pcscd did not create " + rig->socketPath_, rig.get());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }

    rig->simulatorPid_ =
        startSimulator({BALIE_CARD_SIM_PATH, "--persona", personaPath, "--pki", rig->pkiDir_,
                        "--port", std::to_string(*port), "--control", rig->controlPath_},
                       rig->rigDir_ + "/simulator.log");
    if (rig->simulatorPid_ < 0) {
        return failWith("cannot fork balie-card-sim", rig.get());
    }
    ::setenv("PCSCLITE_CSOCK_NAME", rig->socketPath_.c_str(), 1);
    if (!rig->waitForCard(true, kStartTimeoutMs)) {
        if (!isRunning(rig->simulatorPid_)) {
            rig->simulatorPid_ = -1;
            return failWith("balie-card-sim exited", rig.get());
        }
        return failWith("the card did not show up in " + rig->readerName_, rig.get());
    }
    return rig;
}

VirtualCardRig::~VirtualCardRig() {
    stopProcess(simulatorPid_);
    stopProcess(pcscdPid_);
    std::error_code ignored;
    fs::remove_all(rigDir_, ignored);
    processDirectory().rigActive = false;
}

const std::string& VirtualCardRig::socketPath() const {
    return socketPath_;
}

const std::string& VirtualCardRig::readerName() const {
    return readerName_;
}

const std::string& VirtualCardRig::pkiDir() const {
    return pkiDir_;
}

bool VirtualCardRig::command(const std::string& line) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, controlPath_.c_str(), sizeof address.sun_path - 1);
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string request = line + "\n";
    std::string reply;
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
        ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(request.size())) {
        char c;
        while (::recv(fd, &c, 1, 0) == 1 && c != '\n') {
            reply.push_back(c);
        }
    }
    ::close(fd);
    return reply == "ok";
}

bool VirtualCardRig::removeCard() {
    return command("remove") && waitForCard(false, kCardTimeoutMs);
}

bool VirtualCardRig::insertCard() {
    return command("insert") && waitForCard(true, kCardTimeoutMs);
}

std::string VirtualCardRig::logs() const {
    return "--- pcscd (last lines) ---\n" + tail(readText(rigDir_ + "/pcscd.log"), 30) +
           "--- balie-card-sim ---\n" + readText(rigDir_ + "/simulator.log");
}

bool VirtualCardRig::waitForCard(bool present, int timeoutMs) const {
    auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    auto remainingMs = [&] {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        return left.count() > 0 ? static_cast<DWORD>(left.count()) : DWORD{0};
    };
    while (remainingMs() > 0) {
        SCARDCONTEXT context = 0;
        if (SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &context) !=
            SCARD_S_SUCCESS) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        SCARD_READERSTATE state{};
        state.szReader = readerName_.c_str();
        state.dwCurrentState = SCARD_STATE_UNAWARE;
        bool reached = false;
        LONG rv = SCARD_S_SUCCESS;
        while (!reached && remainingMs() > 0) {
            rv = SCardGetStatusChange(context, remainingMs(), &state, 1);
            if (rv != SCARD_S_SUCCESS) {
                break;
            }
            DWORD seen = state.dwEventState;
            bool hasCard = (seen & SCARD_STATE_PRESENT) != 0 && (seen & SCARD_STATE_MUTE) == 0;
            bool isEmpty = (seen & SCARD_STATE_EMPTY) != 0;
            reached = present ? hasCard : isEmpty;
            state.dwCurrentState = seen & ~static_cast<DWORD>(SCARD_STATE_CHANGED);
        }
        SCardReleaseContext(context);
        if (reached) {
            return true;
        }
        if (rv == SCARD_E_TIMEOUT) {
            return false;
        }
        // The reader may not be registered yet right after pcscd started: ask again.
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace balie::test
