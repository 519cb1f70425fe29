// SPDX-License-Identifier: GPL-3.0-or-later
// The screen stack, changed between frames.
#include "balie/ui/navigator.h"

#include <utility>

namespace balie::ui {

void Navigator::push(std::unique_ptr<Screen> screen) {
    change_ = Change::Push;
    incoming_ = std::move(screen);
}

void Navigator::pop() {
    change_ = Change::Pop;
    incoming_.reset();
}

void Navigator::reset(std::unique_ptr<Screen> screen) {
    change_ = Change::Reset;
    incoming_ = std::move(screen);
}

Screen* Navigator::current() const {
    return stack_.empty() ? nullptr : stack_.back().get();
}

bool Navigator::apply() {
    Change change = std::exchange(change_, Change::None);
    switch (change) {
        case Change::None:
            return false;
        case Change::Push:
            stack_.push_back(std::move(incoming_));
            return true;
        case Change::Pop:
            if (stack_.size() <= 1) {
                return false;
            }
            stack_.pop_back();
            return true;
        case Change::Reset:
            // Newest first, so each screen is destroyed while the ones below it still exist.
            while (!stack_.empty()) {
                stack_.pop_back();
            }
            stack_.push_back(std::move(incoming_));
            return true;
    }
    return false;
}

}  // namespace balie::ui
