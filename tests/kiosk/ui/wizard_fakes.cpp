// SPDX-License-Identifier: GPL-3.0-or-later
// A central service answering at once, through the store like the real sync engine.
#include "wizard_fakes.h"

#include <chrono>

namespace balie::test {

void AnsweringSyncService::wake() {
    ++wakes;
    if (answer_ == Answer::Silent) {
        return;
    }
    auto due = store_.outbox();
    if (!due.has_value()) {
        return;
    }
    for (const core::OutboxItem& item : *due) {
        auto request = store_.load(item.localId);
        if (!request.has_value() || !core::changeStatus(*request, core::RequestStatus::Sent)) {
            continue;
        }
        request->ticketNumber = "BID-2026-000042";
        if (!store_.update(*request)) {
            continue;
        }
        if (answer_ == Answer::Identified) {
            (void)core::markIdentified(*request, "85010100214");
        } else {
            (void)core::changeStatus(*request, core::RequestStatus::PendingOperator);
        }
        (void)store_.update(*request);
    }
}

core::Result<void> AnsweringSyncService::resubmitDocument(std::string_view localId,
                                                          core::Document document,
                                                          std::vector<core::PageImage> pages) {
    static_cast<void>(document);
    resubmitted.emplace_back(localId);
    resubmittedPages = pages.size();
    return {};
}

}  // namespace balie::test
