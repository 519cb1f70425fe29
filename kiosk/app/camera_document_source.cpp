// SPDX-License-Identifier: GPL-3.0-or-later
// CameraDocumentSource: a grabbing thread keeps the preview live and hands the newest frame to an
// analysing thread, which guides, agrees on the zone and captures.
#include "camera_document_source.h"

#include <pthread.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <ctime>
#include <utility>

#include "balie/core/country.h"
#include "balie/drivers/vision/document_quality.h"

namespace balie::app {
namespace {

namespace vision = drivers::vision;

std::optional<std::string> alpha2Of(std::string_view mrzCode) {
    const core::Country* country = core::countryByMrzCode(mrzCode);
    if (country == nullptr || !country->isIso()) {
        return std::nullopt;
    }
    return std::string(country->alpha2);
}

// "YYMMDD" with '<' for unknown parts, the century chosen by \a centuryOf(two-digit year).
template <typename CenturyOf>
std::optional<core::PartialDate> dateOf(const std::string& yymmdd, CenturyOf centuryOf) {
    const auto number = [&yymmdd](std::size_t at) -> int {
        const char tens = yymmdd[at];
        const char ones = yymmdd[at + 1];
        if (std::isdigit(static_cast<unsigned char>(tens)) == 0 ||
            std::isdigit(static_cast<unsigned char>(ones)) == 0) {
            return 0;
        }
        return (tens - '0') * 10 + (ones - '0');
    };
    if (yymmdd.size() != 6 || std::isdigit(static_cast<unsigned char>(yymmdd[0])) == 0) {
        return std::nullopt;
    }
    core::PartialDate date{centuryOf(number(0)) + number(0), number(2), number(4)};
    return date.isPlausible() ? std::optional(date) : std::nullopt;
}

std::optional<core::DocumentType> typeOf(const std::string& code) {
    if (code.starts_with("P")) {
        return core::DocumentType::Passport;
    }
    if (code == "IR" || code == "RP" || code.starts_with("R")) {
        return core::DocumentType::ResidencePermit;
    }
    if (code.starts_with("I") || code.starts_with("A") || code.starts_with("C")) {
        return core::DocumentType::IdentityCard;
    }
    return std::nullopt;
}

ui::CaptureHint hintOf(vision::QualityIssue issue) {
    switch (issue) {
        case vision::QualityIssue::NoDocument:
            return ui::CaptureHint::NoDocument;
        case vision::QualityIssue::NotWhollyVisible:
            return ui::CaptureHint::ShowWholePage;
        case vision::QualityIssue::TooFar:
            return ui::CaptureHint::TooFar;
        case vision::QualityIssue::TooClose:
            return ui::CaptureHint::TooClose;
        case vision::QualityIssue::Tilted:
            return ui::CaptureHint::Tilted;
        case vision::QualityIssue::Glare:
            return ui::CaptureHint::Glare;
        case vision::QualityIssue::Blurred:
            return ui::CaptureHint::Blurred;
    }
    return ui::CaptureHint::NoDocument;
}

}  // namespace

core::DocumentReading readingFromMrz(const core::Mrz& mrz,
                                     std::chrono::system_clock::time_point now) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    const int thisYear = utc.tm_year + 1900;
    core::DocumentReading reading;
    reading.type = typeOf(mrz.documentCode);
    reading.issuingCountry = alpha2Of(mrz.issuingState);
    reading.documentNumber = mrz.documentNumber;
    reading.mrzLines = mrz.lines;
    reading.surname = mrz.surname();
    reading.givenNames = mrz.givenNames();
    reading.nationality = alpha2Of(mrz.nationality);
    reading.sex = mrz.sex == 'M'   ? core::Sex::Male
                  : mrz.sex == 'F' ? core::Sex::Female
                                   : core::Sex::Unknown;
    // Documents expire this century; people are born in the past.
    reading.validUntil = dateOf(mrz.expiryDate, [](int) { return 2000; });
    reading.birthDate = dateOf(
        mrz.birthDate, [thisYear](int year) { return 2000 + year > thisYear ? 1900 : 2000; });
    // A Belgian card carries the holder's national number as its second optional data.
    const std::string& national = mrz.optionalData2;
    if (mrz.issuingState == "BEL" && national.size() == 11 &&
        std::all_of(national.begin(), national.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
        reading.nationalNumber = national;
    }
    return reading;
}

CameraDocumentSource::CameraDocumentSource(std::unique_ptr<core::FrameSource> source,
                                           vision::DocumentScanner scanner, Options options)
    : source_(std::move(source)), scanner_(std::move(scanner)), options_(options) {
}

CameraDocumentSource::~CameraDocumentSource() {
    stop();
}

void CameraDocumentSource::start(std::function<void()> changed) {
    stop();
    {
        const std::lock_guard lock(mutex_);
        changed_ = std::move(changed);
        running_ = true;
        state_ = ui::CameraState::Starting;
        message_.clear();
    }
    scanner_.reset();
    // Named so that `top -H` and the kiosk benchmark can tell the camera's work from the UI's.
    grabber_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "camera-grab");
        grabFrames();
    });
    analyser_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "camera-scan");
        analyseFrames();
    });
}

void CameraDocumentSource::stop() {
    {
        const std::lock_guard lock(mutex_);
        running_ = false;
    }
    wake_.notify_all();
    if (grabber_.joinable()) {
        grabber_.join();
    }
    if (analyser_.joinable()) {
        analyser_.join();
    }
    source_->stop();
    const std::lock_guard lock(mutex_);
    pending_.reset();
    view_.reset();
    captureRequested_ = false;
    if (state_ != ui::CameraState::Unavailable) {
        state_ = ui::CameraState::Starting;
    }
}

ui::CameraState CameraDocumentSource::state() const {
    const std::lock_guard lock(mutex_);
    return state_;
}

std::string CameraDocumentSource::message() const {
    const std::lock_guard lock(mutex_);
    return message_;
}

std::optional<ui::CameraView> CameraDocumentSource::view() {
    const std::lock_guard lock(mutex_);
    return view_;
}

std::optional<ui::CapturedPage> CameraDocumentSource::takeCapture() {
    const std::lock_guard lock(mutex_);
    return std::exchange(capture_, std::nullopt);
}

void CameraDocumentSource::captureNow() {
    {
        const std::lock_guard lock(mutex_);
        captureRequested_ = true;
    }
    wake_.notify_all();
}

void CameraDocumentSource::setState(ui::CameraState state, std::string message) {
    bool changed = false;
    {
        const std::lock_guard lock(mutex_);
        changed = state_ != state || message_ != message;
        state_ = state;
        message_ = std::move(message);
    }
    if (changed) {
        notify();
    }
}

void CameraDocumentSource::notify() {
    std::function<void()> changed;
    {
        const std::lock_guard lock(mutex_);
        changed = changed_;
    }
    if (changed) {
        changed();
    }
}

bool CameraDocumentSource::openSource() {
    while (true) {
        auto started = source_->start();
        if (started.has_value()) {
            return true;
        }
        setState(ui::CameraState::Unavailable, started.error().message);
        // A camera plugged in later is picked up without a restart.
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, options_.retryDelay, [this] { return !running_; })) {
            return false;
        }
    }
}

void CameraDocumentSource::grabFrames() {
    if (!openSource()) {
        return;
    }
    while (true) {
        {
            const std::lock_guard lock(mutex_);
            if (!running_) {
                return;
            }
        }
        auto frame = source_->nextFrame(options_.frameTimeout);
        if (!frame.has_value()) {
            switch (frame.error().code) {
                case core::Errc::InvalidFormat:
                    continue;  // one bad frame; the next one may be fine
                case core::Errc::NotFound:
                    setState(ui::CameraState::Unavailable, frame.error().message);
                    return;  // a recording that ended
                default:
                    // Unplugged or silent: the source reopens the device on the next call.
                    if (frame.error().native != ETIMEDOUT) {
                        setState(ui::CameraState::Unavailable, frame.error().message);
                        std::unique_lock lock(mutex_);
                        wake_.wait_for(lock, options_.retryDelay, [this] { return !running_; });
                    }
                    continue;
            }
        }
        setState(ui::CameraState::Streaming, {});
        showPreview(*frame);
        {
            const std::lock_guard lock(mutex_);
            pending_ = std::move(*frame);
        }
        wake_.notify_all();
        notify();
    }
}

void CameraDocumentSource::showPreview(const core::Image& frame) {
    auto preview = vision::scaleToRgb(frame, options_.previewWidth, options_.previewHeight);
    if (!preview.has_value()) {
        return;
    }
    const std::lock_guard lock(mutex_);
    previewScale_ = static_cast<double>(preview->width) / frame.width;
    if (!view_.has_value()) {
        view_.emplace();
    }
    view_->preview = std::move(*preview);
}

void CameraDocumentSource::analyseFrames() {
    while (true) {
        core::Image frame;
        bool captureRequested = false;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return !running_ || pending_.has_value(); });
            if (!running_) {
                return;
            }
            frame = std::move(*pending_);
            pending_.reset();
            captureRequested = std::exchange(captureRequested_, false);
        }
        if (captureRequested) {
            if (auto captured = scanner_.captureNow(frame); captured.has_value()) {
                keepCapture(std::move(*captured));
            }
            continue;
        }
        auto result = scanner_.scan(frame);
        if (!result.has_value()) {
            continue;  // a frame Tesseract failed on; the next one is analysed afresh
        }
        // A new outline is drawn with the next preview picture; only new advice needs a frame
        // of its own (a capture brings its own).
        if (showScan(*result)) {
            notify();
        }
        if (result->capture.has_value()) {
            keepCapture(std::move(*result->capture));
        }
    }
}

bool CameraDocumentSource::showScan(const vision::ScanResult& result) {
    std::vector<ui::CaptureHint> hints;
    for (const auto issue : result.quality.issues) {
        hints.push_back(hintOf(issue));
    }
    if (hints.empty()) {
        hints.push_back(result.steady && result.steadiness >= 1.0F ? ui::CaptureHint::Ready
                                                                   : ui::CaptureHint::HoldStill);
    }
    const std::lock_guard lock(mutex_);
    if (!view_.has_value()) {
        view_.emplace();
    }
    const bool adviceChanged = view_->hints != hints;
    view_->hints = std::move(hints);
    view_->where = result.quality.glareWhere;
    view_->steadiness = result.steadiness;
    view_->outline.reset();
    if (result.quality.outline.has_value()) {
        std::vector<std::pair<float, float>> corners;
        for (const auto& corner : *result.quality.outline) {
            corners.emplace_back(static_cast<float>(corner.x * previewScale_),
                                 static_cast<float>(corner.y * previewScale_));
        }
        view_->outline = std::move(corners);
    }
    return adviceChanged;
}

void CameraDocumentSource::keepCapture(vision::CapturedDocument captured) {
    ui::CapturedPage page;
    auto thumbnail =
        vision::scaleToRgb(captured.page, options_.thumbnailSize, options_.thumbnailSize);
    if (thumbnail.has_value()) {
        page.thumbnail = std::move(*thumbnail);
    }
    if (captured.mrz.has_value()) {
        page.reading = readingFromMrz(*captured.mrz, std::chrono::system_clock::now());
    }
    page.page = std::move(captured.jpeg);
    {
        const std::lock_guard lock(mutex_);
        capture_ = std::move(page);
    }
    notify();
}

}  // namespace balie::app
