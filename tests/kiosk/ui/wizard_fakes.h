// SPDX-License-Identifier: GPL-3.0-or-later
// A central service answering at once, for the wizard's answer screen: it takes the store's
// queued requests and gives them the answer a test chose.
#pragma once

#include <string>
#include <vector>

#include "balie/core/request_lifecycle.h"
#include "balie/core/request_store.h"
#include "balie/core/sync_service.h"

namespace balie::test {

class AnsweringSyncService final : public core::SyncService {
public:
    enum class Answer { Identified, Operator, Silent };

    AnsweringSyncService(core::RequestStore& store, Answer answer)
        : store_(store), answer_(answer) {}

    void start(ChangeListener listener) override { listener_ = std::move(listener); }
    void stop() override {}
    void wake() override;
    /// Everything queued is answered at once anyway.
    void retryNow() override { wake(); }
    core::SyncStatus status() const override { return {}; }
    core::Result<core::AgentAccess> verifyAgent(std::string_view) override {
        return core::fail(core::Errc::Network, "not asked in these tests");
    }
    core::Result<core::AgentAccess> loginWithDigitalKey(const core::DigitalKey&) override {
        return core::fail(core::Errc::Network, "not asked in these tests");
    }
    core::Result<void> deleteRequest(std::string_view) override { return {}; }
    core::Result<void> resubmitDocument(std::string_view localId, core::Document document,
                                        std::vector<core::PageImage> pages) override;
    core::Result<core::HistoryPage> history(const core::HistoryQuery&) override { return {}; }

    int wakes = 0;
    std::vector<std::string> resubmitted;  ///< local ids, in order
    std::size_t resubmittedPages = 0;

private:
    core::RequestStore& store_;
    Answer answer_;
    ChangeListener listener_;
};

}  // namespace balie::test
