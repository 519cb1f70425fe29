// SPDX-License-Identifier: GPL-3.0-or-later
// Group commit over any Database: one leader at a time commits everything queued behind it.
#include "group_commit.h"

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <vector>

namespace balie::sync::central {
namespace {

using Work = std::function<core::Result<void>(Session&)>;

// One caller waiting for its work to be committed.
struct Waiter {
    const Work* work = nullptr;
    core::Result<void> outcome;
    bool finished = false;
};

bool isTransient(const core::Result<void>& result) {
    return !result.has_value() && result.error().native == kTransientStorageError;
}

// Runs one piece of work inside a savepoint, so that its failure undoes only its own writes.
// Returns the work's outcome; fails the whole transaction when the savepoint itself cannot be
// used (the database rolled everything back after an I/O error, say).
core::Result<core::Result<void>> runInSavepoint(Session& session, const Work& work) {
    if (auto opened = session.exec("SAVEPOINT balie_group_member", {}); !opened.has_value()) {
        return tl::unexpected(opened.error());
    }
    core::Result<void> outcome;
    try {
        outcome = work(session);
    } catch (const std::exception& error) {
        outcome =
            core::fail(core::Errc::Storage, std::string("transaction failed: ") + error.what());
    }
    if (!outcome.has_value()) {
        if (auto undone = session.exec("ROLLBACK TO SAVEPOINT balie_group_member", {});
            !undone.has_value()) {
            return tl::unexpected(undone.error());
        }
    }
    if (auto released = session.exec("RELEASE SAVEPOINT balie_group_member", {});
        !released.has_value()) {
        return tl::unexpected(released.error());
    }
    return outcome;
}

class GroupCommitDatabase final : public Database {
public:
    explicit GroupCommitDatabase(std::unique_ptr<Database> inner) : inner_(std::move(inner)) {}

    core::Result<void> transaction(const Work& work) override {
        Waiter self{&work, {}, false};
        std::unique_lock lock(mutex_);
        queue_.push_back(&self);
        while (!self.finished) {
            if (committing_) {
                committed_.wait(lock);
                continue;
            }
            committing_ = true;
            std::vector<Waiter*> batch;
            batch.swap(queue_);
            lock.unlock();
            try {
                runBatch(batch);
            } catch (...) {
                lock.lock();
                finish(batch, core::fail(core::Errc::Storage, "transaction failed"));
                throw;
            }
            lock.lock();
            finish(batch, std::nullopt);
        }
        return std::move(self.outcome);
    }

    Dialect dialect() const override { return inner_->dialect(); }

private:
    // Called with mutex_ held: hands the outcomes over and lets the next leader in.
    void finish(const std::vector<Waiter*>& batch, std::optional<core::Result<void>> failure) {
        for (Waiter* waiter : batch) {
            if (failure.has_value()) {
                waiter->outcome = *failure;
            }
            waiter->finished = true;
        }
        committing_ = false;
        committed_.notify_all();
    }

    void runBatch(const std::vector<Waiter*>& batch) {
        if (batch.size() == 1) {
            batch.front()->outcome = inner_->transaction(*batch.front()->work);
            return;
        }
        std::vector<core::Result<void>> outcomes(batch.size());
        auto shared = inner_->transaction([&](Session& session) -> core::Result<void> {
            for (std::size_t i = 0; i < batch.size(); ++i) {
                auto outcome = runInSavepoint(session, *batch[i]->work);
                if (!outcome.has_value()) {
                    return tl::unexpected(outcome.error());
                }
                outcomes[i] = std::move(*outcome);
            }
            return {};
        });
        for (std::size_t i = 0; i < batch.size(); ++i) {
            // Alone, a transient conflict is retried by the database itself.
            batch[i]->outcome = shared.has_value() && !isTransient(outcomes[i])
                                    ? std::move(outcomes[i])
                                    : inner_->transaction(*batch[i]->work);
        }
    }

    std::unique_ptr<Database> inner_;
    std::mutex mutex_;
    std::condition_variable committed_;
    std::vector<Waiter*> queue_;
    bool committing_ = false;
};

}  // namespace

std::unique_ptr<Database> withGroupCommit(std::unique_ptr<Database> database) {
    return std::make_unique<GroupCommitDatabase>(std::move(database));
}

}  // namespace balie::sync::central
