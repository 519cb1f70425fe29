// SPDX-License-Identifier: GPL-3.0-or-later
// One request in detail: ticket number, the expected action with the operator's words, summary,
// the fields the registry completed, and deleting it while it is not final.
#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "balie/core/country.h"
#include "balie/ui/date_format.h"
#include "screens.h"
#include "wizard_parts.h"

namespace balie::ui {

namespace {

std::string countryName(const std::string& alpha2, core::Language language) {
    const core::Country* country = core::countryByAlpha2(alpha2);
    return country != nullptr ? std::string(country->name(language)) : alpha2;
}

std::string dayOf(std::optional<std::chrono::system_clock::time_point> time,
                  core::Language language) {
    if (!time) {
        return {};
    }
    std::chrono::year_month_day date(std::chrono::floor<std::chrono::days>(*time));
    return formatDate(core::PartialDate{static_cast<int>(date.year()),
                                        static_cast<int>(static_cast<unsigned>(date.month())),
                                        static_cast<int>(static_cast<unsigned>(date.day()))},
                      language, DateStyle::Numeric);
}

/// \brief The lines of the summary: label and value.
using Summary = std::vector<std::pair<const char*, std::string>>;

/// \brief The fields the registry completed, each with the wizard's label for it.
Summary completedFields(const Translator& i18n, const core::PersonCompletion& completed) {
    Summary lines;
    if (completed.givenNames) {
        lines.emplace_back(i18n.trc("wizard", "Given names"), *completed.givenNames);
    }
    if (completed.birthDate) {
        lines.emplace_back(i18n.trc("wizard", "Birth date"),
                           wizard::dateText(i18n, completed.birthDate));
    }
    if (completed.birthPlace) {
        lines.emplace_back(i18n.trc("wizard", "Birth place"), *completed.birthPlace);
    }
    if (completed.birthCountry) {
        lines.emplace_back(i18n.trc("wizard", "Birth country"),
                           wizard::countryName(i18n, *completed.birthCountry));
    }
    if (completed.nationality) {
        lines.emplace_back(i18n.trc("wizard", "Nationality"),
                           wizard::countryName(i18n, *completed.nationality));
    }
    if (completed.sex) {
        lines.emplace_back(i18n.trc("wizard", "Sex"), wizard::sexName(i18n, *completed.sex));
    }
    return lines;
}

/// \brief Label and value side by side, the value wrapped to the rest of \a width.
void drawSummary(const Summary& summary, float width, float spacing) {
    // As wide as the widest label, so that no translation runs into its value.
    float labelWidth = width * 0.3F;
    for (const auto& line : summary) {
        labelWidth = std::max(labelWidth, ImGui::CalcTextSize(line.first).x + spacing);
    }
    labelWidth = std::min(labelWidth, width * 0.5F);
    float left = ImGui::GetCursorPosX();
    for (const auto& [label, value] : summary) {
        ImGui::SetCursorPosX(left);
        float top = ImGui::GetCursorPosY();
        ImGui::PushStyleColor(ImGuiCol_Text, toImGui(palette::kOnDisabled));
        ImGui::TextUnformatted(label);
        ImGui::PopStyleColor();
        ImGui::SetCursorPos(ImVec2(left + labelWidth, top));
        ImGui::PushTextWrapPos(left + width);
        ImGui::TextUnformatted(value.empty() ? "\u2014" : value.c_str());
        ImGui::PopTextWrapPos();
    }
}

class RequestScreen final : public Screen {
public:
    RequestScreen(std::optional<core::Request> request, std::optional<core::HistoryEntry> entry)
        : request_(std::move(request)), entry_(std::move(entry)) {}

    std::string_view name() const override { return "request"; }

    void draw(ScreenContext& context) override {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        if (sessionTopBar(context, i18n.tr("Request"), true)) {
            context.navigator.pop();
        }
        beginBody();
        float width = ImGui::GetContentRegionAvail().x;
        const std::string& ticket = request_ ? request_->ticketNumber : entry_->ticketNumber;
        std::string heading = ticket.empty()
                                  ? std::string(i18n.tr("No ticket number yet"))
                                  : substitute(i18n.tr("Ticket {ticket}"), {{"ticket", ticket}});
        ImGui::PushFont(context.ui.fonts.title);
        ImGui::TextUnformatted(heading.c_str());
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(width, metrics.spacing));

        // Above the delete button and its message the details scroll by dragging: the
        // operator's words and the completed fields may be long.
        float bottom = ImGui::GetWindowHeight() - metrics.margin - metrics.buttonHeight;
        bool deletable = request_ && core::canDelete(request_->status);
        float detailsBottom = ImGui::GetWindowHeight() - metrics.margin;
        if (!message_.empty()) {
            detailsBottom = bottom - 2 * metrics.buttonHeight;
        } else if (deletable) {
            detailsBottom = bottom;
        }
        float detailsHeight =
            std::max(detailsBottom - ImGui::GetCursorPosY(), ImGui::GetTextLineHeightWithSpacing());
        ImGui::BeginChild("request.details", ImVec2(width, detailsHeight), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        dragToScroll();
        // The expected action or the fields the registry completed go beside the summary.
        bool action = request_ && request_->status == core::RequestStatus::ActionExpected;
        bool completed = request_ && !request_->personCompleted.empty();
        float summaryWidth = action || completed ? (width - metrics.spacing) * 0.55F : width;
        float top = ImGui::GetCursorPosY();
        drawSummary(request_ ? summaryOf(i18n, *request_) : summaryOf(i18n, *entry_), summaryWidth,
                    metrics.spacing);
        ImGui::SetCursorPos(ImVec2(summaryWidth + metrics.spacing, top));
        float sideWidth = width - summaryWidth - metrics.spacing;
        if (action) {
            drawAction(context, *request_, sideWidth);
        } else if (completed) {
            drawCompleted(context, request_->personCompleted, sideWidth);
        }
        ImGui::EndChild();

        if (!message_.empty()) {
            ImGui::SetCursorPosY(bottom - 2 * metrics.buttonHeight);
            ImGui::PushStyleColor(ImGuiCol_Text, toImGui(palette::kError));
            ImGui::TextWrapped("%s", message_.c_str());
            ImGui::PopStyleColor();
        }
        if (deletable) {
            drawDelete(context, width, bottom);
        }
        endBody();
    }

private:
    /// \brief What the agent is asked to do, with the operator's own words under it, on a
    /// notice band; the words are target "request.operator-words".
    static void drawAction(ScreenContext& context, const core::Request& request, float width) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        std::string text = actionRequested(i18n, request);
        float height =
            centredTextHeight(text.c_str(), context.ui.fonts.body, width - 2 * metrics.spacing) +
            2 * metrics.spacing;
        ImVec2 min = ImGui::GetCursorScreenPos();
        banner(context.ui, text.c_str(), palette::kNotice, palette::kText, height);
        if (!request.actionDetail.empty()) {
            context.ui.targets.add("request.operator-words", min,
                                   ImVec2(min.x + width, min.y + height));
        }
    }

    /// \brief The fields the registry completed under their heading, target "request.completed".
    static void drawCompleted(ScreenContext& context, const core::PersonCompletion& completed,
                              float width) {
        Translator& i18n = context.i18n;
        float left = ImGui::GetCursorPosX();
        ImVec2 min = ImGui::GetCursorScreenPos();
        ImGui::PushFont(context.ui.fonts.title);
        ImGui::PushTextWrapPos(left + width);
        ImGui::TextUnformatted(i18n.tr("Completed by the central service"));
        ImGui::PopTextWrapPos();
        ImGui::PopFont();
        ImGui::SetCursorPosX(left);
        drawSummary(completedFields(i18n, completed), width, context.ui.metrics.spacing);
        context.ui.targets.add("request.completed", min,
                               ImVec2(min.x + width, ImGui::GetCursorScreenPos().y));
    }

    static Summary summaryOf(const Translator& i18n, const core::Request& request) {
        core::Language language = i18n.language();
        Summary summary;
        summary.emplace_back(i18n.tr("State"), statusText(i18n, request.status));
        if (request.status == core::RequestStatus::Identified) {
            summary.emplace_back(i18n.tr("INSZ"), formatInsz(request.insz));
        }
        summary.emplace_back(i18n.tr("Surname"), request.person.surname);
        summary.emplace_back(i18n.tr("Given names"), request.person.givenNames);
        summary.emplace_back(i18n.tr("Birth date"),
                             formatDate(request.person.birthDate, language, DateStyle::Numeric));
        summary.emplace_back(i18n.tr("Nationality"),
                             countryName(request.person.nationality, language));
        std::string document;
        if (request.document.type) {
            document = documentTypeText(i18n, *request.document.type);
        }
        if (!request.document.issuingCountry.empty()) {
            document += " (" + countryName(request.document.issuingCountry, language) + ")";
        }
        summary.emplace_back(i18n.tr("Document"), document);
        summary.emplace_back(i18n.tr("Document number"), request.document.number);
        summary.emplace_back(i18n.tr("Submitted on"), dayOf(request.submittedAt, language));
        summary.emplace_back(i18n.tr("Requester"), request.requester.displayName);
        return summary;
    }

    static Summary summaryOf(const Translator& i18n, const core::HistoryEntry& entry) {
        Summary summary;
        summary.emplace_back(i18n.tr("State"), statusText(i18n, entry.status));
        if (entry.status == core::RequestStatus::Identified) {
            summary.emplace_back(i18n.tr("INSZ"), formatInsz(entry.insz));
        }
        summary.emplace_back(i18n.tr("Surname"), entry.surname);
        summary.emplace_back(i18n.tr("Given names"), entry.givenNames);
        summary.emplace_back(i18n.tr("Submitted on"), dayOf(entry.submittedAt, i18n.language()));
        summary.emplace_back(i18n.tr("Requester"), entry.requester.displayName);
        return summary;
    }

    void drawDelete(ScreenContext& context, float width, float bottom) {
        Translator& i18n = context.i18n;
        const Metrics& metrics = context.ui.metrics;
        float buttonWidth = metrics.buttonHeight * 5;
        if (!confirming_) {
            ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX(), bottom));
            if (button(context.ui, "request.delete", i18n.tr("Delete this request"),
                       ImVec2(buttonWidth, metrics.buttonHeight))) {
                confirming_ = true;
                message_.clear();
            }
            return;
        }
        // The question goes beside its two buttons: above them the summary may reach down.
        float confirmWidth = metrics.buttonHeight * 3;
        ImGui::SetCursorPosY(bottom);
        float left = ImGui::GetCursorPosX();
        if (button(context.ui, "request.delete.confirm", i18n.tr("Delete"),
                   ImVec2(confirmWidth, metrics.buttonHeight), ButtonKind::Primary)) {
            confirming_ = false;
            deleteRequest(context);
        }
        ImGui::SetCursorPos(ImVec2(left + confirmWidth + metrics.spacing, bottom));
        if (button(context.ui, "request.delete.cancel", i18n.tr("Keep it"),
                   ImVec2(confirmWidth, metrics.buttonHeight))) {
            confirming_ = false;
        }
        const char* question = i18n.tr(
            "Delete this request? All processing stops and its data is removed. This cannot be "
            "undone.");
        float questionLeft = left + 2 * (confirmWidth + metrics.spacing);
        float questionWidth = left + width - questionLeft;
        float questionHeight = ImGui::CalcTextSize(question, nullptr, false, questionWidth).y;
        ImGui::SetCursorPos(ImVec2(
            questionLeft, bottom + std::max(0.0F, (metrics.buttonHeight - questionHeight) / 2)));
        ImGui::PushTextWrapPos(left + width);
        ImGui::TextUnformatted(question);
        ImGui::PopTextWrapPos();
    }

    void deleteRequest(ScreenContext& context) {
        if (context.sync == nullptr) {
            message_ = context.i18n.tr("The request could not be deleted.");
            return;
        }
        auto deleted = context.sync->deleteRequest(request_->localId);
        if (!deleted) {
            message_ = context.i18n.tr("The request could not be deleted.");
            return;
        }
        context.navigator.pop();
    }

    std::optional<core::Request> request_;
    std::optional<core::HistoryEntry> entry_;
    bool confirming_ = false;
    std::string message_;
};

}  // namespace

std::unique_ptr<Screen> makeRequestScreen(core::Request request) {
    return std::make_unique<RequestScreen>(std::move(request), std::nullopt);
}

std::unique_ptr<Screen> makeHistoryEntryScreen(core::HistoryEntry entry) {
    return std::make_unique<RequestScreen>(std::nullopt, std::move(entry));
}

}  // namespace balie::ui
