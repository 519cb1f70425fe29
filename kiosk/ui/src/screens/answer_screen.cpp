// SPDX-License-Identifier: GPL-3.0-or-later
// The answer after sending: ticket and INSZ, ticket only (an operator looks at it), or queued
// until the network is back; always with the next step.
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <thread>

#include "wizard_parts.h"

namespace balie::ui::wizard {

namespace {

// How long the answer screen waits for the central service before it says "queued". Long
// enough for an identification on a slow mobile network, short enough to keep the agent going.
constexpr std::chrono::seconds kAnswerWait{12};
// While waiting the screen looks at the store this often, in case no change is announced.
constexpr std::chrono::milliseconds kLookInterval{250};

enum class Outcome { Waiting, Identified, Operator, Queued, ActionExpected, Failed, Unknown };

Outcome outcomeOf(core::RequestStatus status, bool waiting) {
    switch (status) {
        case core::RequestStatus::Identified:
            return Outcome::Identified;
        case core::RequestStatus::PendingOperator:
            return Outcome::Operator;
        case core::RequestStatus::Sent:
            // Received, but no answer in time: the answer follows by e-mail, as for an operator.
            return waiting ? Outcome::Waiting : Outcome::Operator;
        case core::RequestStatus::Queued:
        case core::RequestStatus::Draft:
            return waiting ? Outcome::Waiting : Outcome::Queued;
        case core::RequestStatus::ActionExpected:
            return Outcome::ActionExpected;
        case core::RequestStatus::Failed:
        case core::RequestStatus::Deleted:
            return Outcome::Failed;
    }
    return Outcome::Unknown;
}

// "93.05.18-223.61": the way an INSZ is printed on Belgian documents.
std::string printedInsz(const std::string& digits) {
    if (digits.size() != 11) {
        return digits;
    }
    return digits.substr(0, 2) + "." + digits.substr(2, 2) + "." + digits.substr(4, 2) + "-" +
           digits.substr(6, 3) + "." + digits.substr(9, 2);
}

class AnswerScreen final : public Screen {
public:
    AnswerScreen(std::string localId, bool reupload, std::function<void()> newRequest)
        : localId_(std::move(localId)), reupload_(reupload), newRequest_(std::move(newRequest)) {}

    std::string_view name() const override { return "answer"; }
    // Still waiting for the central service's answer: the outcome shown may change.
    bool busy() const override { return waiting_; }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        if (!deadline_) {
            startWaiting(context);
        }
        bool waiting = context.sync != nullptr && Clock::now() < *deadline_;
        topBar(context,
               reupload_ ? i18n.trc("wizard", "New document") : i18n.trc("wizard", "Your request"),
               false);
        beginBody();
        ImVec2 area = ImGui::GetContentRegionAvail();
        ImVec2 origin = ImGui::GetCursorScreenPos();
        float width = area.x * 0.8F;
        ImVec2 text(origin.x + (area.x - width) / 2, origin.y + metrics.spacing * 2);
        ImGui::SetCursorScreenPos(text);

        core::Result<core::Request> request =
            context.store != nullptr
                ? context.store->load(localId_)
                : core::Result<core::Request>(core::fail(core::Errc::NotFound, "no request store"));
        if (!request.has_value()) {
            headline(context, i18n.trc("wizard", "The request was saved, but cannot be shown now."),
                     width);
            paragraph(context,
                      i18n.trc("wizard", "It stays in the overview. Look there for its answer."),
                      width);
        } else {
            answer(context, *request, outcomeOf(request->status, waiting), width);
        }
        waiting_ = request.has_value() && outcomeOf(request->status, waiting) == Outcome::Waiting;

        float buttonWidth = std::min(area.x / 2 - metrics.spacing, metrics.buttonHeight * 4.5F);
        float top = origin.y + area.y - metrics.buttonHeight;
        ImGui::SetCursorScreenPos(
            ImVec2(origin.x + area.x / 2 - metrics.spacing / 2 - buttonWidth, top));
        if (button(context.ui, "answer.new", i18n.trc("wizard", "New request"),
                   ImVec2(buttonWidth, metrics.buttonHeight))) {
            newRequest_();
        }
        ImGui::SetCursorScreenPos(ImVec2(origin.x + area.x / 2 + metrics.spacing / 2, top));
        if (button(context.ui, "answer.overview", i18n.trc("wizard", "To the overview"),
                   ImVec2(buttonWidth, metrics.buttonHeight), ButtonKind::Primary)) {
            context.navigator.pop();
        }
        endBody();
    }

private:
    void startWaiting(ScreenContext& context) {
        deadline_ = Clock::now() + kAnswerWait;
        if (context.sync == nullptr) {
            return;
        }
        // Frames are drawn only when something happens: this wakes the screen to look at the
        // store while it waits, and once more when the wait is over.
        Clock::time_point deadline = *deadline_;
        waker_ = std::jthread([deadline, &loop = context.loop](std::stop_token stop) {
            std::mutex mutex;
            std::condition_variable_any sleeping;
            std::unique_lock lock(mutex);
            while (!stop.stop_requested() && Clock::now() < deadline) {
                sleeping.wait_for(lock, stop, kLookInterval, [] { return false; });
                loop.wake();
            }
        });
    }

    void headline(ScreenContext& context, const char* text, float width) {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        centredText(text, context.ui.fonts.title, width, toImGui(palette::kText));
        ImGui::SetCursorScreenPos(
            ImVec2(pos.x, ImGui::GetCursorScreenPos().y + context.ui.metrics.spacing));
    }

    void paragraph(ScreenContext& context, const std::string& text, float width,
                   Rgb colour = palette::kText) {
        ImVec2 pos = ImGui::GetCursorScreenPos();
        centredText(text.c_str(), context.ui.fonts.body, width, toImGui(colour));
        ImGui::SetCursorScreenPos(
            ImVec2(pos.x, ImGui::GetCursorScreenPos().y + context.ui.metrics.spacing / 2));
    }

    void number(ScreenContext& context, const char* label, const std::string& value, float width) {
        std::string text = std::string(label) + " " + value;
        ImVec2 pos = ImGui::GetCursorScreenPos();
        centredText(text.c_str(), context.ui.fonts.title, width, toImGui(palette::kPrimary));
        ImGui::SetCursorScreenPos(
            ImVec2(pos.x, ImGui::GetCursorScreenPos().y + context.ui.metrics.spacing / 2));
    }

    void answer(ScreenContext& context, const core::Request& request, Outcome outcome,
                float width) {
        Translator& i18n = context.i18n;
        switch (outcome) {
            case Outcome::Waiting:
                headline(context, i18n.trc("wizard", "Sending the request..."), width);
                paragraph(context,
                          i18n.trc("wizard",
                                   "The request is saved on this kiosk. Waiting for the "
                                   "answer of the central service."),
                          width);
                return;
            case Outcome::Queued:
                headline(context,
                         i18n.trc("wizard", "Queued: it will be sent when the network is back"),
                         width);
                paragraph(context,
                          i18n.trc("wizard",
                                   "The request is saved safely on this kiosk and nothing "
                                   "is lost. The kiosk sends it by itself; the overview "
                                   "shows it as queued until then."),
                          width);
                return;
            case Outcome::Identified:
                headline(context, i18n.trc("wizard", "The person is identified."), width);
                number(context, i18n.trc("wizard", "Ticket number:"), request.ticketNumber, width);
                number(context, i18n.trc("wizard", "INSZ:"), printedInsz(request.insz), width);
                paragraph(context,
                          i18n.trc("wizard",
                                   "Write the INSZ down or find it later in the "
                                   "overview."),
                          width);
                return;
            case Outcome::Operator:
                headline(context, i18n.trc("wizard", "The request was received."), width);
                number(context, i18n.trc("wizard", "Ticket number:"), request.ticketNumber, width);
                paragraph(context,
                          i18n.trc("wizard",
                                   "An operator looks at it. The final answer follows "
                                   "later; an e-mail tells you when it is there."),
                          width);
                return;
            case Outcome::ActionExpected:
                headline(context, i18n.trc("wizard", "The request needs a new document."), width);
                number(context, i18n.trc("wizard", "Ticket number:"), request.ticketNumber, width);
                paragraph(context, i18n.trc("wizard", "Upload a new document from the overview."),
                          width);
                return;
            case Outcome::Failed:
                headline(context, i18n.trc("wizard", "The person could not be identified."), width);
                number(context, i18n.trc("wizard", "Ticket number:"), request.ticketNumber, width);
                paragraph(context,
                          i18n.trc("wizard", "The overview shows the request with its details."),
                          width);
                return;
            case Outcome::Unknown:
                return;
        }
    }

    std::string localId_;
    bool reupload_;
    std::function<void()> newRequest_;
    std::optional<Clock::time_point> deadline_;
    bool waiting_ = false;
    std::jthread waker_;
};

}  // namespace

std::unique_ptr<Screen> makeAnswerScreen(std::string localId, bool reupload,
                                         std::function<void()> newRequest) {
    return std::make_unique<AnswerScreen>(std::move(localId), reupload, std::move(newRequest));
}

}  // namespace balie::ui::wizard
