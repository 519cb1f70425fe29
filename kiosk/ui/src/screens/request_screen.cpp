// SPDX-License-Identifier: GPL-3.0-or-later
// One request in detail: ticket number and summary, and deleting it while it is not final.
#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "balie/core/country.h"
#include "balie/ui/date_format.h"
#include "screens.h"

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

        Summary summary = request_ ? summaryOf(i18n, *request_) : summaryOf(i18n, *entry_);
        float labelWidth = width * 0.3F;
        for (const auto& [label, value] : summary) {
            float top = ImGui::GetCursorPosY();
            float left = ImGui::GetCursorPosX();
            ImGui::PushStyleColor(ImGuiCol_Text, toImGui(palette::kOnDisabled));
            ImGui::TextUnformatted(label);
            ImGui::PopStyleColor();
            ImGui::SetCursorPos(ImVec2(left + labelWidth, top));
            ImGui::PushTextWrapPos(left + width);
            ImGui::TextUnformatted(value.empty() ? "\u2014" : value.c_str());
            ImGui::PopTextWrapPos();
        }

        float bottom = ImGui::GetWindowHeight() - metrics.margin - metrics.buttonHeight;
        if (!message_.empty()) {
            ImGui::SetCursorPosY(bottom - 2 * metrics.buttonHeight);
            ImGui::PushStyleColor(ImGuiCol_Text, toImGui(palette::kError));
            ImGui::TextWrapped("%s", message_.c_str());
            ImGui::PopStyleColor();
        }
        if (request_ && core::canDelete(request_->status)) {
            drawDelete(context, width, bottom);
        }
        endBody();
    }

private:
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
