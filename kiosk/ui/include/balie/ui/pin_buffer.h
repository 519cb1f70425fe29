// SPDX-License-Identifier: GPL-3.0-or-later
// PIN digits in memory that is wiped as soon as they are no longer needed.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace balie::ui {

/// \brief Up to kMaxDigits PIN digits in a fixed buffer (no heap copies), wiped on clear(), on
/// destruction and when moved from.
class PinBuffer {
public:
    /// \brief Belgian eID PINs have 4 to 12 digits.
    static constexpr std::size_t kMinDigits = 4;
    static constexpr std::size_t kMaxDigits = 12;

    PinBuffer() = default;
    PinBuffer(PinBuffer&& other) noexcept;
    PinBuffer& operator=(PinBuffer&& other) noexcept;
    PinBuffer(const PinBuffer&) = delete;
    PinBuffer& operator=(const PinBuffer&) = delete;
    ~PinBuffer() { clear(); }

    /// \brief Adds a digit. \return false, changing nothing, for a non-digit or a full buffer.
    bool append(char digit);

    /// \brief Removes the last digit, if any, and wipes its byte.
    void removeLast();

    /// \brief Wipes every digit.
    void clear();

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    /// \brief True when the length fits a Belgian eID PIN.
    bool isComplete() const { return size_ >= kMinDigits; }

    /// \brief The digits, for the card driver only; valid until the buffer changes.
    std::string_view digits() const { return {digits_.data(), size_}; }

private:
    std::array<char, kMaxDigits> digits_{};
    std::size_t size_ = 0;
};

}  // namespace balie::ui
