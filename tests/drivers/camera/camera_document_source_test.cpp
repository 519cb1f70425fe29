// SPDX-License-Identifier: GPL-3.0-or-later
// The kiosk's camera adapter over the real replay backend and the real scanner.
#include "camera_document_source.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "balie/drivers/camera/replay_source.h"
#include "balie/drivers/camera/v4l2_source.h"
#include "balie/drivers/image_codec/image_codec.h"
#include "temp_dir.h"

namespace balie::app {
namespace {

using namespace std::chrono_literals;

const std::filesystem::path kData = BALIE_TEST_VISION_DATA_DIR;
// Only a bound against a hang: on a loaded machine a page takes seconds, never a minute.
constexpr auto kPatience = 120s;

drivers::vision::DocumentScanner makeScanner() {
    auto scanner = drivers::vision::DocumentScanner::create(BALIE_TEST_MODEL_DIR);
    EXPECT_TRUE(scanner.has_value());
    return std::move(*scanner);
}

// Counts the adapter's change notifications and lets the test wait for a condition.
class Changes {
public:
    std::function<void()> callback() {
        return [this] {
            const std::lock_guard lock(mutex_);
            ++count_;
            changed_.notify_all();
        };
    }

    template <typename Predicate>
    bool waitFor(Predicate predicate) {
        std::unique_lock lock(mutex_);
        const auto deadline = std::chrono::steady_clock::now() + kPatience;
        while (!predicate()) {
            if (changed_.wait_until(lock, deadline) == std::cv_status::timeout) {
                return predicate();
            }
        }
        return true;
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int count_ = 0;
};

class CameraDocumentSourceTest : public ::testing::Test {
protected:
    std::filesystem::path recording(const std::string& frame, int count) {
        for (int i = 0; i < count; ++i) {
            std::filesystem::copy_file(kData / frame,
                                       dir_.path() / ("frame-" + std::to_string(i) + ".jpg"));
        }
        return dir_.path();
    }

    test::TempDir dir_;
};

TEST_F(CameraDocumentSourceTest, CapturesAPageWithItsAgreedReading) {
    auto source = drivers::camera::makeReplaySource(recording("td3-easy.jpg", 3),
                                                    {.loop = true, .framesPerSecond = 15.0});
    CameraDocumentSource camera(std::move(source), makeScanner(),
                                {.previewWidth = 640, .previewHeight = 480});
    Changes changes;
    camera.start(changes.callback());
    std::optional<ui::CapturedPage> page;
    ASSERT_TRUE(changes.waitFor([&] {
        page = camera.takeCapture();
        return page.has_value();
    }));
    EXPECT_EQ(camera.state(), ui::CameraState::Streaming);
    EXPECT_TRUE(camera.message().empty());
    ASSERT_TRUE(page->reading.has_value());
    const core::DocumentReading& reading = *page->reading;
    EXPECT_EQ(reading.type, core::DocumentType::Passport);
    EXPECT_EQ(reading.issuingCountry, "PT");
    EXPECT_EQ(reading.nationality, "IT");
    EXPECT_EQ(reading.documentNumber, "PD1471782");
    EXPECT_EQ(reading.surname, "DE JONG");
    EXPECT_EQ(reading.givenNames, "ALI");
    EXPECT_EQ(reading.sex, core::Sex::Female);
    EXPECT_EQ(reading.birthDate, (core::PartialDate{1950, 11, 4}));
    EXPECT_EQ(reading.validUntil, (core::PartialDate{2037, 9, 18}));
    EXPECT_GT(page->page.encoded.size(), 10000U);
    EXPECT_EQ(page->thumbnail.format, core::PixelFormat::Rgb24);
    EXPECT_EQ(std::max(page->thumbnail.width, page->thumbnail.height), 160);

    const auto view = camera.view();
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->preview.format, core::PixelFormat::Rgb24);
    EXPECT_EQ(view->preview.width, 640);
    EXPECT_EQ(view->preview.height, 360);
    ASSERT_TRUE(view->outline.has_value());
    for (const auto& [x, y] : *view->outline) {
        EXPECT_LE(x, 640.0F);
        EXPECT_LE(y, 360.0F);
    }
    camera.stop();
    EXPECT_FALSE(camera.view().has_value()) << "stopping drops what was held";
}

TEST_F(CameraDocumentSourceTest, AsksForTheDocumentWhenThereIsNone) {
    // An empty grey desk.
    {
        core::Image desk{.width = 320,
                         .height = 240,
                         .stride = 320,
                         .format = core::PixelFormat::Gray8,
                         .bytes = std::vector<std::uint8_t>(320 * 240, 70)};
        const auto jpeg = drivers::image_codec::encodeJpeg(desk, 90);
        ASSERT_TRUE(jpeg.has_value());
        std::ofstream(dir_.path() / "desk.jpg", std::ios::binary)
            .write(reinterpret_cast<const char*>(jpeg->data()), std::ssize(*jpeg));
    }
    auto source = drivers::camera::makeReplaySource(dir_.path(), {.loop = true});
    CameraDocumentSource camera(std::move(source), makeScanner());
    Changes changes;
    camera.start(changes.callback());
    ASSERT_TRUE(changes.waitFor([&] {
        const auto view = camera.view();
        return view.has_value() && !view->hints.empty();
    }));
    const auto view = camera.view();
    EXPECT_EQ(view->hints, std::vector<ui::CaptureHint>{ui::CaptureHint::NoDocument});
    EXPECT_FALSE(view->outline.has_value());
    EXPECT_FALSE(camera.takeCapture().has_value());
    camera.stop();
}

TEST_F(CameraDocumentSourceTest, APageWithoutZoneIsReadyToCapture) {
    auto source = drivers::camera::makeReplaySource(recording("no-mrz.jpg", 1), {.loop = true});
    CameraDocumentSource camera(std::move(source), makeScanner());
    Changes changes;
    camera.start(changes.callback());
    std::optional<ui::CapturedPage> page;
    ASSERT_TRUE(changes.waitFor([&] {
        page = camera.takeCapture();
        return page.has_value();
    }));
    EXPECT_FALSE(page->reading.has_value()) << "no zone, nothing to fill in";
    camera.stop();
}

TEST_F(CameraDocumentSourceTest, CapturesNowOnRequestWithoutReading) {
    auto source = drivers::camera::makeReplaySource(recording("td1-medium.jpg", 1),
                                                    {.loop = true, .framesPerSecond = 10.0});
    CameraDocumentSource camera(std::move(source), makeScanner());
    Changes changes;
    camera.start(changes.callback());
    ASSERT_TRUE(changes.waitFor([&] { return camera.view().has_value(); }));
    camera.captureNow();
    std::optional<ui::CapturedPage> page;
    ASSERT_TRUE(changes.waitFor([&] {
        page = camera.takeCapture();
        return page.has_value();
    }));
    EXPECT_FALSE(page->page.encoded.empty());
    camera.stop();
}

TEST_F(CameraDocumentSourceTest, WithoutCameraItIsUnavailableAndSaysWhy) {
    CameraDocumentSource camera(drivers::camera::makeV4l2Source("/dev/video-balie-missing"),
                                makeScanner());
    Changes changes;
    camera.start(changes.callback());
    ASSERT_TRUE(changes.waitFor([&] { return camera.state() == ui::CameraState::Unavailable; }));
    EXPECT_EQ(camera.message(), "no camera at /dev/video-balie-missing");
    EXPECT_FALSE(camera.view().has_value());
    camera.stop();
}

TEST_F(CameraDocumentSourceTest, AnEndedRecordingMakesTheCameraUnavailable) {
    auto source = drivers::camera::makeReplaySource(recording("td3-easy.jpg", 1), {.loop = false});
    CameraDocumentSource camera(std::move(source), makeScanner());
    Changes changes;
    camera.start(changes.callback());
    ASSERT_TRUE(changes.waitFor([&] { return camera.state() == ui::CameraState::Unavailable; }));
    EXPECT_NE(camera.message().find("end of"), std::string::npos);
    camera.stop();
}

TEST(ReadingFromMrzTest, MapsABelgianCardWithItsNationalNumber) {
    const std::vector<std::string> lines = {"IDBEL000001115<7027<<<<<<<<<<<",
                                            "9502286F3001064BEL950228998747",
                                            "SPECIMEN<<SPECIMEN<<<<<<<<<<<<"};
    const auto mrz = core::parseMrzLines(lines);
    ASSERT_TRUE(mrz.has_value());
    const auto reading = readingFromMrz(*mrz, std::chrono::system_clock::now());
    EXPECT_EQ(reading.type, core::DocumentType::IdentityCard);
    EXPECT_EQ(reading.issuingCountry, "BE");
    EXPECT_EQ(reading.nationalNumber, "95022899874");
    EXPECT_EQ(reading.birthDate, (core::PartialDate{1995, 2, 28}));
    EXPECT_EQ(reading.validUntil, (core::PartialDate{2030, 1, 6}));
}

}  // namespace
}  // namespace balie::app
