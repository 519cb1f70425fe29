// SPDX-License-Identifier: GPL-3.0-or-later
// PIN storage that leaves no digit behind in memory it releases.
#include "balie/ui/pin_buffer.h"

#include <string.h>

namespace balie::ui {

PinBuffer::PinBuffer(PinBuffer&& other) noexcept : digits_(other.digits_), size_(other.size_) {
    other.clear();
}

PinBuffer& PinBuffer::operator=(PinBuffer&& other) noexcept {
    if (this != &other) {
        clear();
        digits_ = other.digits_;
        size_ = other.size_;
        other.clear();
    }
    return *this;
}

bool PinBuffer::append(char digit) {
    if (digit < '0' || digit > '9' || size_ == kMaxDigits) {
        return false;
    }
    digits_[size_++] = digit;
    return true;
}

void PinBuffer::removeLast() {
    if (size_ > 0) {
        --size_;
        explicit_bzero(&digits_[size_], 1);
    }
}

void PinBuffer::clear() {
    // explicit_bzero, unlike memset, may not be optimised away before the memory is released.
    explicit_bzero(digits_.data(), digits_.size());
    size_ = 0;
}

}  // namespace balie::ui
