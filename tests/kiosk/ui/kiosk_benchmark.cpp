// SPDX-License-Identifier: GPL-3.0-or-later
// What the kiosk costs the machine, measured on the real program under Xvfb at 1920x1080: time
// to the first screen, CPU while nothing happens, CPU per frame while the camera preview runs,
// and resident memory. The demo agent logs in with the virtual card; balie-central answers the
// access check; the replay camera shows the sample documents.
//
// usage: balie_kiosk_benchmark [IDLE_SECONDS] [PREVIEW_SECONDS]     (defaults 10 and 10)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "central_server.h"
#include "virtual_card_rig.h"
#include "xvfb.h"

namespace balie::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kNationalNumber = "90072104503";  // the demo persona's

/// \brief CPU seconds of one process, split by who spent them.
struct CpuSplit {
    double ui = 0;      ///< the main thread: events, layout, GL calls
    double render = 0;  ///< Mesa's rasteriser threads drawing the UI's frames
    double camera = 0;  ///< grabbing and analysing camera frames
    double other = 0;   ///< card monitor, sync engine, anything else
    double total() const { return ui + render + camera + other; }
};

struct Sample {
    Clock::time_point at;
    long frames = 0;
    CpuSplit cpu;
    long rssKiB = 0;
    long anonymousKiB = 0;  ///< of rssKiB: the process's own memory, not pages of shared files
    long peakRssKiB = 0;
};

// utime + stime of /proc/PID/task/TID/stat, and the thread's name.
std::optional<std::pair<std::string, double>> threadCpu(const fs::path& stat) {
    std::ifstream file(stat);
    std::string text;
    std::getline(file, text);  // the whole record is one line
    std::size_t open = text.find('(');
    std::size_t close = text.rfind(')');
    if (open == std::string::npos || close == std::string::npos) {
        return std::nullopt;
    }
    std::istringstream rest(text.substr(close + 2));
    std::vector<std::string> fields;
    for (std::string field; rest >> field;) {
        fields.push_back(field);
    }
    // After the name: state is field 3 of the line, utime 14 and stime 15.
    if (fields.size() < 13) {
        return std::nullopt;
    }
    double ticks = std::stod(fields[11]) + std::stod(fields[12]);
    return std::pair(text.substr(open + 1, close - open - 1),
                     ticks / static_cast<double>(::sysconf(_SC_CLK_TCK)));
}

CpuSplit cpuOf(pid_t pid) {
    CpuSplit split;
    std::error_code error;
    fs::path tasks = fs::path("/proc") / std::to_string(pid) / "task";
    for (const fs::directory_entry& task : fs::directory_iterator(tasks, error)) {
        auto thread = threadCpu(task.path() / "stat");
        if (!thread) {
            continue;
        }
        const auto& [name, seconds] = *thread;
        if (task.path().filename() == std::to_string(pid)) {
            split.ui += seconds;
        } else if (name.starts_with("llvmpipe")) {
            split.render += seconds;
        } else if (name.starts_with("camera-")) {
            split.camera += seconds;
        } else {
            split.other += seconds;
        }
    }
    return split;
}

long statusKiB(pid_t pid, const std::string& key) {
    std::ifstream file(fs::path("/proc") / std::to_string(pid) / "status");
    for (std::string line; std::getline(file, line);) {
        if (line.starts_with(key + ":")) {
            return std::stol(line.substr(key.size() + 1));
        }
    }
    return 0;
}

std::string script(int idleSeconds, int previewSeconds) {
    std::ostringstream text;
    text << "frames\n"
         << "wait " << idleSeconds * 1000 << "\n"
         << "frames\n"
         << "tap language.en\nexpect start\ntap start.pin\n"
         << "tap pad.1\ntap pad.2\ntap pad.3\ntap pad.4\ntap pad.confirm\n"
         << "await tour\ntap tour.close\nexpect overview\n"
         << "frames\n"
         << "tap overview.new\nexpect wizard\n"
         << "wait 3000\n"  // the camera starts and the preview fills
         << "frames\n"
         << "wait " << previewSeconds * 1000 << "\n"
         << "frames\n"
         << "quit\n";
    return text.str();
}

void printFigures(Clock::time_point started, const std::vector<Sample>& samples) {
    const Sample& first = samples[0];
    const Sample& idleEnd = samples[1];
    const Sample& overview = samples[2];
    const Sample& previewStart = samples[3];
    const Sample& previewEnd = samples[4];
    auto seconds = [](Clock::time_point from, Clock::time_point to) {
        return std::chrono::duration<double>(to - from).count();
    };
    double idleWall = seconds(first.at, idleEnd.at);
    double previewWall = seconds(previewStart.at, previewEnd.at);
    long previewFrames = previewEnd.frames - previewStart.frames;
    auto perFrame = [previewFrames](double before, double after) {
        return previewFrames > 0 ? 1000 * (after - before) / static_cast<double>(previewFrames) : 0;
    };
    double uiPerFrame = perFrame(previewStart.cpu.ui, previewEnd.cpu.ui);
    double renderPerFrame = perFrame(previewStart.cpu.render, previewEnd.cpu.render);
    std::printf("| figure | measured | bar |\n|---|---|---|\n");
    std::printf("| first screen drawn | %.0f ms | <= 1000 ms |\n",
                seconds(started, first.at) * 1000);
    std::printf("| CPU while idle (%.0f s, %ld frames drawn) | %.2f %% of a core | < 1 %% |\n",
                idleWall, idleEnd.frames - first.frames,
                100 * (idleEnd.cpu.total() - first.cpu.total()) / idleWall);
    std::printf(
        "| CPU per frame, camera preview at 1920x1080 (%ld frames in %.0f s): UI thread "
        "+ Mesa's software rasteriser | %.1f + %.1f = %.1f ms | <= 8 ms |\n",
        previewFrames, previewWall, uiPerFrame, renderPerFrame, uiPerFrame + renderPerFrame);
    std::printf("| camera threads (grab + MRZ analysis) during preview | %.0f %% of a core | |\n",
                100 * (previewEnd.cpu.camera - previewStart.cpu.camera) / previewWall);
    std::printf(
        "| resident memory: idle / logged in (overview) / camera preview / peak | %ld / %ld / "
        "%ld / %ld MB | < 250 MB |\n",
        idleEnd.rssKiB / 1024, overview.rssKiB / 1024, previewEnd.rssKiB / 1024,
        previewEnd.peakRssKiB / 1024);
    std::printf(
        "| of it the kiosk's own (anonymous) memory: idle / overview / camera preview | %ld / "
        "%ld / %ld MB | |\n",
        idleEnd.anonymousKiB / 1024, overview.anonymousKiB / 1024, previewEnd.anonymousKiB / 1024);
}

int run(int idleSeconds, int previewSeconds) {
    std::string error;
    auto rig = VirtualCardRig::start(BALIE_TEST_DATA_DIR "/eid/personas/demo-agent.json", &error);
    if (rig == nullptr) {
        std::cerr << "balie_kiosk_benchmark: " << error << '\n';
        return 1;
    }
    auto xvfb = Xvfb::start(1920, 1080, error);
    if (xvfb == nullptr) {
        std::cerr << "balie_kiosk_benchmark: " << error << '\n';
        return 1;
    }
    CentralServerOptions options;
    options.agents = {{kNationalNumber, "Demo Agent Specimen"}};
    CentralServer central = CentralServer::start(options);

    fs::path work =
        fs::temp_directory_path() / ("balie-kiosk-benchmark-" + std::to_string(getpid()));
    fs::create_directories(work / "state");
    std::ofstream(work / "central.token") << central.token() << '\n';
    std::ofstream(work / "kiosk.conf")
        << "language = en\n"
        << "state-dir = " << (work / "state").string() << "\n"
        << "eid-trust = " << rig->pkiDir() << "/root.pem\n"
        << "camera = replay:" << BALIE_SOURCE_DIR << "/tests/data/vision/demo\n"
        << "central-url = " << central.url() << "\n"
        << "central-token-file = " << (work / "central.token").string() << "\n";
    std::ofstream(work / "script.txt") << script(idleSeconds, previewSeconds);

    std::vector<Sample> samples;
    auto onLine = [&samples](pid_t pid, const std::string& line) {
        if (!line.starts_with("frames ")) {
            return;
        }
        samples.push_back(Sample{Clock::now(), std::stol(line.substr(7)), cpuOf(pid),
                                 statusKiB(pid, "VmRSS"), statusKiB(pid, "RssAnon"),
                                 statusKiB(pid, "VmHWM")});
    };
    Clock::time_point started = Clock::now();
    KioskRun result = runKiosk(xvfb->display(),
                               {"--config", (work / "kiosk.conf").string(), "--window", "1920x1080",
                                "--script", (work / "script.txt").string()},
                               std::chrono::seconds(300 + idleSeconds + previewSeconds), onLine);
    fs::remove_all(work);
    if (result.exitCode != 0 || samples.size() != 5) {
        std::cerr << "balie_kiosk_benchmark: the kiosk run failed (exit " << result.exitCode
                  << (result.timedOut ? ", timed out" : "") << "):\n"
                  << result.err;
        return 1;
    }
    printFigures(started, samples);
    return 0;
}

}  // namespace
}  // namespace balie::test

int main(int argc, char** argv) {
    int idleSeconds = argc > 1 ? std::atoi(argv[1]) : 10;
    int previewSeconds = argc > 2 ? std::atoi(argv[2]) : 10;
    if (idleSeconds <= 0 || previewSeconds <= 0) {
        std::cerr << "usage: balie_kiosk_benchmark [IDLE_SECONDS] [PREVIEW_SECONDS]\n";
        return 2;
    }
    try {
        return balie::test::run(idleSeconds, previewSeconds);
    } catch (const std::exception& failure) {
        // CentralServer reports a server that would not start by throwing.
        std::cerr << "balie_kiosk_benchmark: " << failure.what() << '\n';
        return 1;
    }
}
