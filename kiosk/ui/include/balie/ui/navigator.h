// SPDX-License-Identifier: GPL-3.0-or-later
// Screens and the stack they are shown from.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

namespace balie::ui {

struct ScreenContext;

/// \brief One full-screen page of the kiosk.
///
/// A screen holds its own state; destroying it must wipe anything personal it held (the
/// navigator destroys screens that are left).
class Screen {
public:
    virtual ~Screen() = default;

    /// \brief A fixed identifier ("language", "start", "pin") for logs and test scripts.
    virtual std::string_view name() const = 0;

    /// \brief Draws the screen's content for one frame into the full-screen window.
    virtual void draw(ScreenContext& context) = 0;

    /// \brief True while the screen waits for work of its own (a PIN check, an answer of the
    /// central service): scripts take their next step only once it has finished.
    virtual bool busy() const { return false; }
};

/// \brief A stack of screens; the top one is shown.
///
/// Screens ask for changes while they draw, so changes wait until the frame ends (apply()),
/// and a screen is never destroyed inside its own draw().
class Navigator {
public:
    /// \brief Shows \a screen on top of the current one.
    void push(std::unique_ptr<Screen> screen);

    /// \brief Goes back to the screen below; nothing happens on the last one.
    void pop();

    /// \brief Drops every screen and shows \a screen alone.
    void reset(std::unique_ptr<Screen> screen);

    /// \brief Carries out the change asked during the frame. \return true when one happened.
    bool apply();

    /// \brief The screen shown, nullptr before the first one.
    Screen* current() const;

    std::size_t depth() const { return stack_.size(); }

private:
    enum class Change { None, Push, Pop, Reset };
    std::vector<std::unique_ptr<Screen>> stack_;
    Change change_ = Change::None;
    std::unique_ptr<Screen> incoming_;
};

}  // namespace balie::ui
