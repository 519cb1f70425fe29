// SPDX-License-Identifier: GPL-3.0-or-later
// Timestamps stay sane when a kiosk's clock is wrong: a request cannot be filed in the central
// service's future, and a clock that runs behind does not change what the request is.
#include <gtest/gtest.h>

#include <chrono>

#include "balie/sync/protocol/codec.h"
#include "central_fixture.h"

namespace balie::test {
namespace {

namespace protocol = sync::protocol;
using namespace std::chrono_literals;

class ClockSkewTest : public CentralTest {};

TEST_F(ClockSkewTest, AKioskClockAheadDoesNotFileRequestsInTheFuture) {
    const auto pages = std::vector{pageBytes(800, 11)};
    auto request = newPersonRequest(server_->agentId(), pages);
    request.request.submittedAt = std::chrono::system_clock::now() + 3h;
    const HttpAnswer created = client_->create(request, newKey());
    ASSERT_EQ(created.status, 201) << created.body;
    auto resource = protocol::decodeRequestResource(created.body);
    ASSERT_TRUE(resource.has_value()) << resource.error().message;
    EXPECT_LE(resource->submittedAt, std::chrono::system_clock::now());
}

TEST_F(ClockSkewTest, AKioskClockBehindKeepsItsSubmissionTime) {
    const auto pages = std::vector{pageBytes(800, 12)};
    auto request = newPersonRequest(server_->agentId(), pages);
    const auto behind = std::chrono::system_clock::now() - 400 * 24h;
    request.request.submittedAt = behind;
    const HttpAnswer created = client_->create(request, newKey());
    ASSERT_EQ(created.status, 201) << created.body;
    auto resource = protocol::decodeRequestResource(created.body);
    ASSERT_TRUE(resource.has_value()) << resource.error().message;
    EXPECT_LT(std::chrono::abs(resource->submittedAt - behind), 1s);
}

}  // namespace
}  // namespace balie::test
