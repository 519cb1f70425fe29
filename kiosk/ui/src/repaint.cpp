// SPDX-License-Identifier: GPL-3.0-or-later
// RepaintPlanner: fingerprints what a frame draws outside its live part.
#include "balie/ui/repaint.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <utility>

namespace balie::ui {

namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

class Fingerprint {
public:
    template <typename T>
    void add(const T& value) {
        unsigned char bytes[sizeof(T)];
        std::memcpy(bytes, &value, sizeof(T));
        for (unsigned char byte : bytes) {
            hash_ = (hash_ ^ byte) * kFnvPrime;
        }
    }

    std::uint64_t value() const { return hash_; }

private:
    std::uint64_t hash_ = kFnvOffset;
};

void addVertex(Fingerprint& fingerprint, const ImDrawVert& vertex) {
    fingerprint.add(vertex.pos.x);
    fingerprint.add(vertex.pos.y);
    fingerprint.add(vertex.uv.x);
    fingerprint.add(vertex.uv.y);
    fingerprint.add(vertex.col);
}

// Everything the frame draws that may reach outside \a live: each triangle with the texture and
// clip rectangle it is drawn with. Triangles wholly inside the live part are left out: they are
// drawn again in every frame anyway.
std::uint64_t fingerprintOutside(const ImDrawData& frame, const std::optional<ScreenRect>& live) {
    Fingerprint fingerprint;
    fingerprint.add(frame.DisplaySize.x);
    fingerprint.add(frame.DisplaySize.y);
    for (int list = 0; list < frame.CmdListsCount; ++list) {
        const ImDrawList& drawList = *frame.CmdLists[list];
        for (const ImDrawCmd& command : drawList.CmdBuffer) {
            if (command.UserCallback != nullptr) {
                fingerprint.add(reinterpret_cast<std::uintptr_t>(command.UserCallback));
                continue;
            }
            bool described = false;
            for (unsigned int i = 0; i + 2 < command.ElemCount; i += 3) {
                const ImDrawVert* corners[3];
                bool inside = live.has_value();
                for (unsigned int corner = 0; corner < 3; ++corner) {
                    const ImDrawIdx index =
                        drawList.IdxBuffer[static_cast<int>(command.IdxOffset + i + corner)];
                    corners[corner] =
                        &drawList.VtxBuffer[static_cast<int>(command.VtxOffset + index)];
                    inside = inside && live->contains(corners[corner]->pos);
                }
                if (inside) {
                    continue;
                }
                if (!described) {
                    fingerprint.add(reinterpret_cast<std::uintptr_t>(command.TextureId));
                    fingerprint.add(command.ClipRect);
                    described = true;
                }
                for (const ImDrawVert* corner : corners) {
                    addVertex(fingerprint, *corner);
                }
            }
        }
    }
    return fingerprint.value();
}

ScreenRect unite(const ScreenRect& a, const ScreenRect& b) {
    return {ImVec2(std::min(a.min.x, b.min.x), std::min(a.min.y, b.min.y)),
            ImVec2(std::max(a.max.x, b.max.x), std::max(a.max.y, b.max.y))};
}

}  // namespace

void RepaintPlanner::markLive(ScreenRect rect) {
    live_ = live_ ? unite(*live_, rect) : rect;
}

std::optional<ScreenRect> RepaintPlanner::plan(const ImDrawData& frame, int backBufferAge) {
    const std::optional<ScreenRect> live = std::exchange(live_, std::nullopt);
    const std::uint64_t fingerprint = fingerprintOutside(frame, live);
    const bool same = sameFrames_ > 0 && live == lastLive_ && fingerprint == lastFingerprint_;
    sameFrames_ = same ? sameFrames_ + 1 : 1;
    lastLive_ = live;
    lastFingerprint_ = fingerprint;
    // The back buffer shows frame (now - age); it is only of use when that frame was one of the
    // same ones.
    if (!live || backBufferAge < 1 || backBufferAge >= sameFrames_) {
        return std::nullopt;
    }
    return live;
}

void RepaintPlanner::clipTo(ImDrawData& frame, ScreenRect rect) {
    // Clip rectangles are in the same screen coordinates as the vertices.
    for (int list = 0; list < frame.CmdListsCount; ++list) {
        for (ImDrawCmd& command : frame.CmdLists[list]->CmdBuffer) {
            ImVec4& clip = command.ClipRect;
            clip.x = std::max(clip.x, rect.min.x);
            clip.y = std::max(clip.y, rect.min.y);
            clip.z = std::min(clip.z, rect.max.x);
            clip.w = std::min(clip.w, rect.max.y);
        }
    }
}

}  // namespace balie::ui
