// SPDX-License-Identifier: GPL-3.0-or-later
// Tests of the request life cycle: the full transition table, final states, deletion, overview
// symbols and status names.
#include "balie/core/request_status.h"

#include <gtest/gtest.h>

#include <array>
#include <set>
#include <string>
#include <utility>

namespace balie::core {
namespace {

using enum RequestStatus;

constexpr std::array kAllStatuses = {Draft,           Queued,         Sent,   Identified,
                                     PendingOperator, ActionExpected, Failed, Deleted};

// The life cycle as the product describes it, written out independently of the implementation.
const std::set<std::pair<RequestStatus, RequestStatus>> kExpectedAllowed = {
    {Draft, Queued},
    {Queued, Sent},
    {Queued, Deleted},
    {Sent, Identified},
    {Sent, PendingOperator},
    {Sent, ActionExpected},
    {Sent, Failed},
    {Sent, Deleted},
    {PendingOperator, Identified},
    {PendingOperator, ActionExpected},
    {PendingOperator, Failed},
    {PendingOperator, Deleted},
    {ActionExpected, Queued},
    {ActionExpected, Deleted},
};

TEST(RequestStatusTest, AllowsExactlyTheLifeCycleTransitions) {
    for (RequestStatus from : kAllStatuses) {
        for (RequestStatus to : kAllStatuses) {
            SCOPED_TRACE(std::string(statusKey(from)) + " -> " + std::string(statusKey(to)));
            const bool expected = kExpectedAllowed.contains({from, to});
            EXPECT_EQ(isTransitionAllowed(from, to), expected);
            auto checked = checkTransition(from, to);
            if (expected) {
                ASSERT_TRUE(checked.has_value());
                EXPECT_EQ(*checked, to);
            } else {
                ASSERT_FALSE(checked.has_value());
                EXPECT_EQ(checked.error().code, Errc::InvalidState);
                EXPECT_EQ(checked.error().message, "a request cannot go from " +
                                                       std::string(statusKey(from)) + " to " +
                                                       std::string(statusKey(to)));
            }
        }
    }
}

TEST(RequestStatusTest, PublishesTheTransitionTableItEnforces) {
    std::set<std::pair<RequestStatus, RequestStatus>> published;
    for (const StatusTransition& transition : allowedTransitions()) {
        published.insert({transition.from, transition.to});
    }
    EXPECT_EQ(published, kExpectedAllowed);
    EXPECT_EQ(allowedTransitions().size(), kExpectedAllowed.size()) << "no duplicates";
}

TEST(RequestStatusTest, FinalStatusesHaveNoWayOut) {
    for (RequestStatus status : kAllStatuses) {
        SCOPED_TRACE(statusKey(status));
        const bool final = status == Identified || status == Failed || status == Deleted;
        EXPECT_EQ(isFinal(status), final);
        if (final) {
            for (RequestStatus to : kAllStatuses) {
                EXPECT_FALSE(isTransitionAllowed(status, to));
            }
        }
    }
}

TEST(RequestStatusTest, StoredRequestsAreDeletableUntilFinal) {
    EXPECT_TRUE(canDelete(Queued)) << "never sent: the outbox entry is dropped";
    EXPECT_TRUE(canDelete(Sent));
    EXPECT_TRUE(canDelete(PendingOperator));
    EXPECT_TRUE(canDelete(ActionExpected));
    EXPECT_FALSE(canDelete(Draft)) << "a draft is abandoned, not deleted";
    EXPECT_FALSE(canDelete(Identified));
    EXPECT_FALSE(canDelete(Failed));
    EXPECT_FALSE(canDelete(Deleted));
}

TEST(RequestStatusTest, GivesEachListedRequestItsOverviewSymbol) {
    EXPECT_EQ(overviewSymbol(Identified), OverviewSymbol::Identified);
    EXPECT_EQ(overviewSymbol(Failed), OverviewSymbol::Failed);
    EXPECT_EQ(overviewSymbol(Sent), OverviewSymbol::InProgress);
    EXPECT_EQ(overviewSymbol(PendingOperator), OverviewSymbol::InProgress);
    EXPECT_EQ(overviewSymbol(ActionExpected), OverviewSymbol::InProgress);
    EXPECT_EQ(overviewSymbol(Queued), OverviewSymbol::QueuedNotSent);
    EXPECT_EQ(overviewSymbol(Draft), std::nullopt);
    EXPECT_EQ(overviewSymbol(Deleted), std::nullopt);
}

TEST(RequestStatusTest, NamesStatusesStably) {
    EXPECT_EQ(statusKey(Draft), "draft");
    EXPECT_EQ(statusKey(Queued), "queued");
    EXPECT_EQ(statusKey(Sent), "sent");
    EXPECT_EQ(statusKey(Identified), "identified");
    EXPECT_EQ(statusKey(PendingOperator), "pending_operator");
    EXPECT_EQ(statusKey(ActionExpected), "action_expected");
    EXPECT_EQ(statusKey(Failed), "failed");
    EXPECT_EQ(statusKey(Deleted), "deleted");
    for (RequestStatus status : kAllStatuses) {
        EXPECT_EQ(statusFromKey(statusKey(status)), status);
    }
    EXPECT_EQ(statusFromKey("Queued"), std::nullopt);
    EXPECT_EQ(statusFromKey(""), std::nullopt);
}

TEST(RequestStatusTest, NamesActionReasonsStably) {
    EXPECT_EQ(actionReasonKey(ActionReason::BadQuality), "bad_quality");
    EXPECT_EQ(actionReasonKey(ActionReason::ExpiredDocument), "expired_document");
    EXPECT_EQ(actionReasonKey(ActionReason::Other), "other");
    for (auto reason :
         {ActionReason::BadQuality, ActionReason::ExpiredDocument, ActionReason::Other}) {
        EXPECT_EQ(actionReasonFromKey(actionReasonKey(reason)), reason);
    }
    EXPECT_EQ(actionReasonFromKey("expired"), std::nullopt);
}

}  // namespace
}  // namespace balie::core
