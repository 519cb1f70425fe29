// SPDX-License-Identifier: GPL-3.0-or-later
// The start of an agent's session: their choices and the final answers that are new to them.
#include "screens.h"

namespace balie::ui {

namespace {

// The newest requests of one agent looked at for new answers; older ones were seen long ago.
constexpr std::size_t kAnswersLookedAt = 200;

}  // namespace

void beginSession(ScreenContext& context, const core::AgentAccess& agent, LoginMethod method) {
    AgentSession session;
    session.requester = core::Requester{agent.agentId, agent.displayName};
    if (method == LoginMethod::Card) {
        session.cardInsertions = context.card.insertions();
    }
    if (context.preferences != nullptr) {
        AgentChoices choices = context.preferences->get(agent.agentId);
        session.firstLogin = !choices.tourDone;
        if (context.store != nullptr) {
            core::RequestQuery query{agent.agentId, std::nullopt, kAnswersLookedAt};
            if (auto list = context.store->list(query)) {
                for (const core::Request& request : list->requests) {
                    if (core::isFinal(request.status) &&
                        request.status != core::RequestStatus::Deleted &&
                        !choices.answersSeen.contains(request.localId)) {
                        session.newAnswers.insert(request.localId);
                        choices.answersSeen.insert(request.localId);
                    }
                }
            }
        }
        // A file that cannot be written only means the answers show once more next time.
        static_cast<void>(context.preferences->set(agent.agentId, std::move(choices)));
    }
    context.session = std::move(session);
}

}  // namespace balie::ui
