// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's document camera: a frame source and a document scanner behind the UI's
// DocumentCamera, each frame grabbed and analysed off the UI thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "balie/core/document_reading.h"
#include "balie/core/frame_source.h"
#include "balie/core/mrz.h"
#include "balie/drivers/vision/document_scanner.h"
#include "balie/ui/document_camera.h"

namespace balie::app {

/// \brief The fields a wizard can take from an agreed zone: document type from the document code
/// (P passport; IR, RP and R... residence permit; I, A, C identity card), countries as ISO
/// alpha-2, dates with the century guessed (expiry 20YY; birth in the past), the Belgian national
/// number from a Belgian card's optional data.
core::DocumentReading readingFromMrz(const core::Mrz& mrz,
                                     std::chrono::system_clock::time_point now);

class CameraDocumentSource final : public ui::DocumentCamera {
public:
    struct Options {
        int previewWidth = 960;  ///< the preview fits in this box, never enlarged
        int previewHeight = 720;
        int thumbnailSize = 160;  ///< long side of a captured page's thumbnail
        std::chrono::milliseconds frameTimeout{1000};
        std::chrono::milliseconds retryDelay{2000};  ///< between tries to open a missing camera
    };

    CameraDocumentSource(std::unique_ptr<core::FrameSource> source,
                         drivers::vision::DocumentScanner scanner, Options options);
    CameraDocumentSource(std::unique_ptr<core::FrameSource> source,
                         drivers::vision::DocumentScanner scanner)
        : CameraDocumentSource(std::move(source), std::move(scanner), Options{}) {}
    CameraDocumentSource(const CameraDocumentSource&) = delete;
    CameraDocumentSource& operator=(const CameraDocumentSource&) = delete;
    ~CameraDocumentSource() override;

    void start(std::function<void()> changed) override;
    void stop() override;
    ui::CameraState state() const override;
    std::string message() const override;
    std::optional<ui::CameraView> view() override;
    std::optional<ui::CapturedPage> takeCapture() override;
    void captureNow() override;

private:
    void grabFrames();
    void analyseFrames();
    bool openSource();
    void setState(ui::CameraState state, std::string message);
    void showPreview(const core::Image& frame);
    /// \brief Puts the scan into the view; true when its advice to the worker changed.
    bool showScan(const drivers::vision::ScanResult& result);
    void keepCapture(drivers::vision::CapturedDocument captured);
    void notify();

    std::unique_ptr<core::FrameSource> source_;
    drivers::vision::DocumentScanner scanner_;
    Options options_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::function<void()> changed_;
    bool running_ = false;
    ui::CameraState state_ = ui::CameraState::Unavailable;
    std::string message_;
    std::optional<core::Image> pending_;  ///< newest frame not yet analysed; older ones are skipped
    std::optional<ui::CameraView> view_;
    double previewScale_ = 1.0;  ///< preview pixels per frame pixel
    std::optional<ui::CapturedPage> capture_;
    bool captureRequested_ = false;
    std::thread grabber_;
    std::thread analyser_;
};

}  // namespace balie::app
