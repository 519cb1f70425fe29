// SPDX-License-Identifier: GPL-3.0-or-later
// The overview: a new request, the notifications, the chronological list of requests, filters
// and the link to the central service.
#include <algorithm>
#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "balie/ui/date_format.h"
#include "balie/ui/wizard_screens.h"
#include "screens.h"

namespace balie::ui {

namespace {

// Requests per "load older".
constexpr std::size_t kPageSize = 20;

// A row's name or detail line, cut at a whole UTF-8 character with "..." when it is wider than
// the row: the detail screen shows it whole.
std::string fitToWidth(std::string text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) {
        return text;
    }
    const std::string ellipsis = "...";
    while (!text.empty() && ImGui::CalcTextSize((text + ellipsis).c_str()).x > width) {
        // Drop one character: its continuation bytes, then its lead byte.
        while (!text.empty()) {
            const auto last = static_cast<unsigned char>(text.back());
            text.pop_back();
            if ((last & 0xC0) != 0x80) {
                break;
            }
        }
    }
    return text + ellipsis;
}

/// \brief One line of the list: a request of this kiosk, or one the central service listed.
struct Row {
    std::optional<core::Request> local;
    std::optional<core::HistoryEntry> remote;

    core::RequestStatus status() const { return local ? local->status : remote->status; }
    const std::string& requester() const {
        return local ? local->requester.displayName : remote->requester.displayName;
    }
    std::optional<std::chrono::system_clock::time_point> submittedAt() const {
        return local ? local->submittedAt : remote->submittedAt;
    }
};

std::string personName(const std::string& surname, const std::string& givenNames) {
    if (givenNames.empty()) {
        return surname;
    }
    return surname + ", " + givenNames;
}

std::string formatDay(std::optional<std::chrono::system_clock::time_point> time,
                      core::Language language) {
    if (!time) {
        return {};
    }
    auto days = std::chrono::floor<std::chrono::days>(*time);
    std::chrono::year_month_day date(days);
    core::PartialDate partial{static_cast<int>(date.year()),
                              static_cast<int>(static_cast<unsigned>(date.month())),
                              static_cast<int>(static_cast<unsigned>(date.day()))};
    return formatDate(partial, language, DateStyle::Numeric);
}

/// \brief \a text wrapped in full on a notice band \a width wide, registered as \a target unless
/// that is empty.
void noteBand(Ui& ui, const std::string& target, const std::string& text, float width) {
    const Metrics& metrics = ui.metrics;
    float textWidth = width - 2 * metrics.spacing;
    float height =
        ImGui::CalcTextSize(text.c_str(), nullptr, false, textWidth).y + 2 * metrics.spacing;
    ImVec2 min = ImGui::GetCursorScreenPos();
    ImVec2 max(min.x + width, min.y + height);
    ImGui::GetWindowDrawList()->AddRectFilled(
        min, max, ImGui::ColorConvertFloat4ToU32(toImGui(palette::kNotice)), metrics.rounding);
    if (!target.empty()) {
        ui.targets.add(target, min, max);
    }
    ImVec2 start = ImGui::GetCursorPos();
    ImGui::SetCursorPos(ImVec2(start.x + metrics.spacing, start.y + metrics.spacing));
    ImGui::PushTextWrapPos(start.x + width - metrics.spacing);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPos(ImVec2(start.x, start.y + height));
    ImGui::Dummy(ImVec2(width, 0.0F));
}

/// \brief A tappable row of \a size: a framed area registered as \a target.
bool rowButton(Ui& ui, const std::string& target, ImVec2 size, bool dragging) {
    ImVec2 min = ImGui::GetCursorScreenPos();
    ImVec2 max(min.x + size.x, min.y + size.y);
    ui.targets.add(target, min, max);
    ImGui::PushID(target.c_str());
    bool tapped = ImGui::InvisibleButton("row", size);
    bool held = ImGui::IsItemActive();
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max,
                        ImGui::ColorConvertFloat4ToU32(
                            toImGui(held ? palette::kSecondaryPressed : palette::kSecondary)),
                        ui.metrics.rounding);
    draw->AddRect(min, max, ImGui::ColorConvertFloat4ToU32(toImGui(palette::kText)),
                  ui.metrics.rounding, 0, ui.metrics.border);
    return tapped && !dragging;
}

class OverviewScreen final : public Screen {
public:
    ~OverviewScreen() override {
        if (history_.valid()) {
            history_.wait();
        }
    }

    std::string_view name() const override { return "overview"; }
    bool busy() const override { return history_.valid(); }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        if (!context.session) {
            context.navigator.reset(makeStartScreen());
            return;
        }
        if (context.session->firstLogin) {
            context.session->firstLogin = false;
            context.navigator.push(makeTourScreen());
        }
        reloadIfStale(context);
        takeHistory();

        sessionTopBar(context, i18n.tr("Overview"), false);
        beginBody();
        float width = ImGui::GetContentRegionAvail().x;
        float statusHeight = metrics.buttonHeight * 0.8F;
        if (button(context.ui, "overview.new", i18n.tr("Request a Belgian identification number"),
                   ImVec2(width, metrics.buttonHeight * 1.2F), ButtonKind::Primary,
                   context.ui.fonts.title)) {
            context.navigator.push(makeWizardScreen(WizardStart{}));
        }
        ImGui::Dummy(ImVec2(width, metrics.spacing));

        // Landscape: the notifications on the left, the list of requests on the right, each
        // scrolled by dragging.
        float areaHeight = ImGui::GetContentRegionAvail().y - statusHeight - metrics.spacing;
        float notificationsWidth = (width - metrics.spacing) * 0.4F;
        float listWidth = width - notificationsWidth - metrics.spacing;
        float left = ImGui::GetCursorPosX();
        float top = ImGui::GetCursorPosY();
        ImGui::BeginChild("overview.notifications", ImVec2(notificationsWidth, areaHeight), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        drawNotifications(context, ImGui::GetContentRegionAvail().x, dragToScroll());
        ImGui::EndChild();
        ImGui::SetCursorPos(ImVec2(left + notificationsWidth + metrics.spacing, top));
        ImGui::BeginChild("overview.list", ImVec2(listWidth, areaHeight), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        drawList(context, ImGui::GetContentRegionAvail().x, dragToScroll());
        ImGui::EndChild();
        ImGui::SetCursorPos(ImVec2(left, top + areaHeight));

        ImGui::Dummy(ImVec2(width, metrics.spacing));
        drawSyncStatus(context, statusHeight);
        endBody();
    }

private:
    void reloadIfStale(ScreenContext& context) {
        if (loaded_ && loadedVersion_ == context.dataVersion) {
            return;
        }
        loaded_ = true;
        loadedVersion_ = context.dataVersion;
        local_.clear();
        localHasOlder_ = false;
        storeError_ = context.store == nullptr;
        const std::string& agentId = context.session->requester.agentId;
        if (context.store != nullptr) {
            core::RequestQuery query;
            if (onlyMine_) {
                query.requesterAgentId = agentId;
            }
            query.limit = limit_;
            if (auto list = context.store->list(query)) {
                local_ = std::move(list->requests);
                localHasOlder_ = list->hasOlder;
            } else {
                storeError_ = true;
            }
        }
        noteNewAnswers(context);
        if (context.sync != nullptr && !history_.valid()) {
            core::HistoryQuery query;
            if (onlyMine_) {
                query.requesterAgentId = agentId;
            }
            query.limit = limit_;
            core::SyncService* sync = context.sync;
            const EventLoop* loop = &context.loop;
            // The central service may take seconds to answer: the list shows this kiosk's
            // requests meanwhile and the company's when they arrive.
            history_ = std::async(std::launch::async, [sync, loop, query] {
                auto page = sync->history(query);
                loop->wake();
                return page;
            });
        }
    }

    // Final answers that arrived during this session join the notifications, and count as seen
    // from the next login on.
    void noteNewAnswers(ScreenContext& context) {
        if (context.preferences == nullptr) {
            return;
        }
        const std::string& agentId = context.session->requester.agentId;
        AgentChoices choices = context.preferences->get(agentId);
        bool changed = false;
        for (const core::Request& request : local_) {
            if (request.requester.agentId == agentId && core::isFinal(request.status) &&
                request.status != core::RequestStatus::Deleted &&
                !choices.answersSeen.contains(request.localId)) {
                choices.answersSeen.insert(request.localId);
                context.session->newAnswers.insert(request.localId);
                changed = true;
            }
        }
        if (changed) {
            static_cast<void>(context.preferences->set(agentId, std::move(choices)));
        }
    }

    void takeHistory() {
        if (!history_.valid() ||
            history_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            return;
        }
        auto page = history_.get();
        remote_.clear();
        historyAvailable_ = page.has_value();
        if (page) {
            remote_ = std::move(page->entries);
            remoteHasOlder_ = page->hasOlder;
        }
    }

    std::vector<Row> rows(ScreenContext& context) const {
        std::vector<Row> result;
        for (const core::Request& request : local_) {
            if (request.status == core::RequestStatus::Deleted ||
                context.session->newAnswers.contains(request.localId)) {
                continue;
            }
            result.push_back(Row{request, std::nullopt});
        }
        for (const core::HistoryEntry& entry : remote_) {
            bool known = std::any_of(local_.begin(), local_.end(), [&](const core::Request& r) {
                return (!entry.localId.empty() && r.localId == entry.localId) ||
                       (!entry.ticketNumber.empty() && r.ticketNumber == entry.ticketNumber);
            });
            if (!known && entry.status != core::RequestStatus::Deleted) {
                result.push_back(Row{std::nullopt, entry});
            }
        }
        std::stable_sort(result.begin(), result.end(), [](const Row& a, const Row& b) {
            return a.submittedAt() > b.submittedAt();
        });
        if (byRequester_) {
            std::stable_sort(result.begin(), result.end(), [](const Row& a, const Row& b) {
                return a.requester() < b.requester();
            });
        }
        return result;
    }

    void drawNotifications(ScreenContext& context, float width, bool dragging) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        const std::string& agentId = context.session->requester.agentId;
        std::vector<const core::Request*> actions;
        std::vector<const core::Request*> answers;
        for (const core::Request& request : local_) {
            if (request.requester.agentId != agentId) {
                continue;
            }
            if (request.status == core::RequestStatus::ActionExpected) {
                actions.push_back(&request);
            } else if (context.session->newAnswers.contains(request.localId)) {
                answers.push_back(&request);
            }
        }
        std::size_t count = actions.size() + answers.size();
        std::string heading =
            substitute(i18n.trn("{count} new notification", "{count} new notifications",
                                static_cast<unsigned long>(count)),
                       {{"count", std::to_string(count)}});
        if (count == 0) {
            ImGui::TextWrapped("%s", i18n.tr("Nothing new since your last login."));
        } else {
            ImGui::PushFont(context.ui.fonts.title);
            ImGui::TextUnformatted(heading.c_str());
            ImGui::PopFont();
        }
        float rowHeight = metrics.buttonHeight * 1.3F;
        // "Go to upload" beside its request, and what to do with the operator's words under
        // both, across the whole width: long words never push the button out of view.
        float uploadWidth = width * 0.35F;
        for (std::size_t i = 0; i < actions.size(); ++i) {
            const core::Request& request = *actions[i];
            const std::string target = "notification.action." + std::to_string(i);
            ImVec2 top = ImGui::GetCursorPos();
            drawRequestRow(context, target, request,
                           ImVec2(width - uploadWidth - metrics.spacing, rowHeight), dragging);
            ImVec2 after = ImGui::GetCursorPos();
            ImGui::SetCursorPos(ImVec2(top.x + width - uploadWidth, top.y));
            if (button(context.ui, "notification.upload." + std::to_string(i),
                       i18n.tr("Go to upload"), ImVec2(uploadWidth, rowHeight),
                       ButtonKind::Primary) &&
                !dragging) {
                context.navigator.push(makeWizardScreen(WizardStart{request.localId}));
            }
            ImGui::SetCursorPos(after);
            noteBand(context.ui,
                     request.actionDetail.empty() ? std::string() : target + ".operator-words",
                     actionRequested(i18n, request), width);
            ImGui::Dummy(ImVec2(width, metrics.spacing));
        }
        for (std::size_t i = 0; i < answers.size(); ++i) {
            drawRequestRow(context, "notification.answer." + std::to_string(i), *answers[i],
                           ImVec2(width, rowHeight), dragging);
        }
        ImGui::Dummy(ImVec2(width, metrics.spacing));
    }

    void drawRequestRow(ScreenContext& context, const std::string& target,
                        const core::Request& request, ImVec2 size, bool dragging) {
        Row row{request, std::nullopt};
        drawRow(context, target, row, size, dragging);
    }

    void drawRow(ScreenContext& context, const std::string& target, const Row& row, ImVec2 size,
                 bool dragging) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        ImVec2 start = ImGui::GetCursorPos();
        if (rowButton(context.ui, target, size, dragging)) {
            if (row.local) {
                context.navigator.push(makeRequestScreen(*row.local));
            } else {
                context.navigator.push(makeHistoryEntryScreen(*row.remote));
            }
        }
        ImVec2 after = ImGui::GetCursorPos();
        float symbolSize = std::min(size.y - 2 * metrics.spacing, metrics.buttonHeight * 0.8F);
        ImGui::SetCursorPos(ImVec2(start.x + metrics.spacing, start.y + (size.y - symbolSize) / 2));
        if (auto symbol = core::overviewSymbol(row.status())) {
            statusSymbol(metrics, *symbol, symbolSize);
        }
        float textLeft = start.x + 2 * metrics.spacing + symbolSize;
        float lineHeight = ImGui::GetTextLineHeightWithSpacing();
        ImGui::SetCursorPos(ImVec2(textLeft, start.y + (size.y - 2 * lineHeight) / 2));
        std::string name = row.local
                               ? personName(row.local->person.surname, row.local->person.givenNames)
                               : personName(row.remote->surname, row.remote->givenNames);
        ImGui::PushFont(context.ui.fonts.title);
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
        float scale = metrics.bodyFont / metrics.titleFont;
        ImGui::SetWindowFontScale(scale);
        ImGui::TextUnformatted(
            fitToWidth(std::move(name), start.x + size.x - metrics.spacing - textLeft).c_str());
        ImGui::SetWindowFontScale(1.0F);
        ImGui::PopStyleVar();
        ImGui::PopFont();
        std::string details = statusText(i18n, row.status());
        const std::string& insz = row.local ? row.local->insz : row.remote->insz;
        if (row.status() == core::RequestStatus::Identified && !insz.empty()) {
            details += "  \u00B7  " + formatInsz(insz);
        }
        std::string day = formatDay(row.submittedAt(), i18n.language());
        if (!day.empty()) {
            details += "  \u00B7  " + day;
        }
        if (!row.requester().empty()) {
            details += "  \u00B7  " + row.requester();
        }
        ImGui::SetCursorPosX(textLeft);
        ImGui::TextUnformatted(
            fitToWidth(std::move(details), start.x + size.x - metrics.spacing - textLeft).c_str());
        ImGui::SetCursorPos(after);
        ImGui::Dummy(ImVec2(size.x, metrics.spacing * 0.5F));
    }

    void drawList(ScreenContext& context, float width, bool dragging) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        // The heading, then the two filters side by side below it: translated labels are long,
        // so neither shares a row with the heading.
        ImGui::PushFont(context.ui.fonts.title);
        ImGui::TextUnformatted(i18n.tr("Earlier requests"));
        ImGui::PopFont();
        float toggleWidth = (width - metrics.spacing) / 2;
        float left = ImGui::GetCursorPosX();
        float top = ImGui::GetCursorPosY();
        if (checkBox(context.ui, "overview.mine", i18n.tr("Only my requests"), onlyMine_,
                     toggleWidth)) {
            limit_ = kPageSize;
            loaded_ = false;
        }
        ImGui::SetCursorPos(ImVec2(left + toggleWidth + metrics.spacing, top));
        checkBox(context.ui, "overview.sort", i18n.tr("Sort by requester"), byRequester_,
                 toggleWidth);
        ImGui::Dummy(ImVec2(width, metrics.spacing));
        if (storeError_) {
            ImGui::PushStyleColor(ImGuiCol_Text, toImGui(palette::kError));
            ImGui::TextWrapped("%s", i18n.tr("The requests stored on this kiosk cannot be read."));
            ImGui::PopStyleColor();
        }
        if (context.sync != nullptr && !history_.valid() && !historyAvailable_ && loaded_) {
            ImGui::TextWrapped("%s", i18n.tr("Only this kiosk's requests are shown: the central "
                                             "service cannot be reached."));
        }
        std::vector<Row> list = rows(context);
        if (list.empty()) {
            ImGui::TextUnformatted(i18n.tr("No requests yet."));
        }
        float rowHeight = metrics.buttonHeight * 1.3F;
        for (std::size_t i = 0; i < list.size(); ++i) {
            drawRow(context, "request." + std::to_string(i), list[i], ImVec2(width, rowHeight),
                    dragging);
        }
        if (localHasOlder_ || remoteHasOlder_) {
            ImGui::Dummy(ImVec2(width, metrics.spacing));
            float buttonWidth = metrics.buttonHeight * 4;
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - buttonWidth) / 2);
            if (button(context.ui, "overview.older", i18n.tr("Load older"),
                       ImVec2(buttonWidth, metrics.buttonHeight)) &&
                !dragging) {
                limit_ += kPageSize;
                loaded_ = false;
            }
        }
        ImGui::Dummy(ImVec2(width, metrics.spacing));
    }

    void drawSyncStatus(ScreenContext& context, float height) {
        Translator& i18n = context.i18n;
        std::string text;
        core::SyncStatus status;
        if (context.sync == nullptr) {
            text = i18n.tr("No central service is configured.");
        } else {
            status = context.sync->status();
            if (status.online) {
                text = status.queued == 0
                           ? std::string(i18n.tr("Online: everything is sent."))
                           : substitute(i18n.trn("Online: {count} request is being sent.",
                                                 "Online: {count} requests are being sent.",
                                                 static_cast<unsigned long>(status.queued)),
                                        {{"count", std::to_string(status.queued)}});
            } else {
                text = substitute(i18n.trn("Offline: {count} request waits to be sent.",
                                           "Offline: {count} requests wait to be sent.",
                                           static_cast<unsigned long>(status.queued)),
                                  {{"count", std::to_string(status.queued)}});
            }
        }
        if (context.sync == nullptr || status.queued == 0) {
            banner(context.ui, text.c_str(), palette::kNotice, palette::kText, height);
            return;
        }
        // Waiting requests may wait for their backoff even once the link is back, and the agent
        // may know the network is back before the engine does: "Send now" at the banner's end,
        // as wide as the longer of its two labels so it does not jump.
        const Metrics& metrics = context.ui.metrics;
        const char* sendNow = i18n.tr("Send now");
        const char* sending = i18n.tr("Sending...");
        ImGui::PushFont(context.ui.fonts.body);
        float labelWidth = std::max(ImGui::CalcTextSize(sendNow).x, ImGui::CalcTextSize(sending).x);
        ImGui::PopFont();
        float buttonWidth =
            std::max(labelWidth + 2 * ImGui::GetStyle().FramePadding.x, metrics.minTarget);
        float width = ImGui::GetContentRegionAvail().x;
        ImGui::BeginChild("overview.status", ImVec2(width - buttonWidth - metrics.spacing, height),
                          false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        banner(context.ui, text.c_str(), palette::kNotice, palette::kText, height);
        ImGui::EndChild();
        ImGui::SameLine(0, metrics.spacing);
        if (button(context.ui, "overview.send-now", status.retrying ? sending : sendNow,
                   ImVec2(buttonWidth, std::max(height, metrics.minTarget)),
                   status.retrying ? ButtonKind::Disabled : ButtonKind::Primary)) {
            context.sync->retryNow();
        }
    }

    bool loaded_ = false;
    std::uint64_t loadedVersion_ = 0;
    bool onlyMine_ = false;
    bool byRequester_ = false;
    std::size_t limit_ = kPageSize;
    std::vector<core::Request> local_;
    bool localHasOlder_ = false;
    bool storeError_ = false;
    std::future<core::Result<core::HistoryPage>> history_;
    std::vector<core::HistoryEntry> remote_;
    bool remoteHasOlder_ = false;
    bool historyAvailable_ = false;
};

}  // namespace

std::unique_ptr<Screen> makeOverviewScreen() {
    return std::make_unique<OverviewScreen>();
}

}  // namespace balie::ui
