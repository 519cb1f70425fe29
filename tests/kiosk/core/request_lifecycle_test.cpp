// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of status changes applied to a request and the data that goes with them.
#include "balie/core/request_lifecycle.h"

#include <gtest/gtest.h>

#include "request_examples.h"

namespace balie::core {
namespace {

Request requestIn(RequestStatus status) {
    Request request = test::validRequest();
    request.status = status;
    return request;
}

TEST(RequestLifecycleTest, QueuesAndSendsADraft) {
    Request request = requestIn(RequestStatus::Draft);
    ASSERT_TRUE(changeStatus(request, RequestStatus::Queued).has_value());
    EXPECT_EQ(request.status, RequestStatus::Queued);
    ASSERT_TRUE(changeStatus(request, RequestStatus::Sent).has_value());
    EXPECT_EQ(request.status, RequestStatus::Sent);
}

TEST(RequestLifecycleTest, RefusesAForbiddenChangeAndKeepsTheRequest) {
    Request request = requestIn(RequestStatus::Failed);
    const Request before = request;
    auto changed = changeStatus(request, RequestStatus::Deleted);
    ASSERT_FALSE(changed.has_value());
    EXPECT_EQ(changed.error().code, Errc::InvalidState);
    EXPECT_EQ(changed.error().message, "a request cannot go from failed to deleted");
    EXPECT_EQ(request, before);
}

TEST(RequestLifecycleTest, NeedsTheDataOfStatusesThatCarryData) {
    Request request = requestIn(RequestStatus::Sent);
    auto identified = changeStatus(request, RequestStatus::Identified);
    ASSERT_FALSE(identified.has_value());
    EXPECT_EQ(identified.error().code, Errc::InvalidArgument);
    EXPECT_EQ(identified.error().message, "an identified request needs its INSZ");
    auto action = changeStatus(request, RequestStatus::ActionExpected);
    ASSERT_FALSE(action.has_value());
    EXPECT_EQ(action.error().code, Errc::InvalidArgument);
    EXPECT_EQ(action.error().message, "an expected action needs its reason");
    EXPECT_EQ(request.status, RequestStatus::Sent);
}

TEST(RequestLifecycleTest, RecordsTheInszOfAnIdentifiedRequest) {
    Request request = requestIn(RequestStatus::PendingOperator);
    ASSERT_TRUE(markIdentified(request, "93051822361").has_value());
    EXPECT_EQ(request.status, RequestStatus::Identified);
    EXPECT_EQ(request.insz, "93051822361");
}

TEST(RequestLifecycleTest, RefusesAnInszThatIsNotElevenDigits) {
    for (const char* insz : {"9305182236", "930518223612", "93.05.18-223.61", "9305182236X", ""}) {
        SCOPED_TRACE(insz);
        Request request = requestIn(RequestStatus::Sent);
        auto marked = markIdentified(request, insz);
        ASSERT_FALSE(marked.has_value());
        EXPECT_EQ(marked.error().code, Errc::InvalidFormat);
        EXPECT_EQ(request.status, RequestStatus::Sent);
        EXPECT_TRUE(request.insz.empty());
    }
}

TEST(RequestLifecycleTest, RefusesToIdentifyARequestNotYetSent) {
    Request request = requestIn(RequestStatus::Queued);
    auto marked = markIdentified(request, "93051822361");
    ASSERT_FALSE(marked.has_value());
    EXPECT_EQ(marked.error().code, Errc::InvalidState);
    EXPECT_TRUE(request.insz.empty());
}

TEST(RequestLifecycleTest, KeepsTheActionReasonOnlyWhileTheActionIsExpected) {
    Request request = requestIn(RequestStatus::Sent);
    ASSERT_TRUE(markActionExpected(request, ActionReason::ExpiredDocument).has_value());
    EXPECT_EQ(request.status, RequestStatus::ActionExpected);
    EXPECT_EQ(request.actionReason, ActionReason::ExpiredDocument);

    ASSERT_TRUE(changeStatus(request, RequestStatus::Queued).has_value()) << "re-upload";
    EXPECT_EQ(request.status, RequestStatus::Queued);
    EXPECT_EQ(request.actionReason, std::nullopt);
}

TEST(RequestLifecycleTest, RefusesToExpectAnActionOnAQueuedRequest) {
    Request request = requestIn(RequestStatus::Queued);
    auto marked = markActionExpected(request, ActionReason::BadQuality);
    ASSERT_FALSE(marked.has_value());
    EXPECT_EQ(marked.error().code, Errc::InvalidState);
    EXPECT_EQ(request.status, RequestStatus::Queued);
    EXPECT_EQ(request.actionReason, std::nullopt);
}

TEST(RequestLifecycleTest, DeletesAnUnansweredRequest) {
    Request request = requestIn(RequestStatus::ActionExpected);
    request.actionReason = ActionReason::BadQuality;
    ASSERT_TRUE(changeStatus(request, RequestStatus::Deleted).has_value());
    EXPECT_EQ(request.status, RequestStatus::Deleted);
    EXPECT_EQ(request.actionReason, std::nullopt);
}

}  // namespace
}  // namespace balie::core
