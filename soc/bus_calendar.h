// The reserved time of one shared bus, as disjoint stretches [start, end)
// sorted by time. reserve() places a slot of a given length in the earliest
// gap at or after its arrival that holds it; stretches that touch merge, and
// stretches ending at or before the caller's horizon (no request can arrive
// earlier) are dropped. The common case, a request arriving after every
// reserved stretch, appends without a search. Times are picoseconds.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace socsim::soc {

class BusCalendar {
public:
    // Reserves [start, start + len) with start >= at_ps the earliest that
    // fits; returns start. horizon_ps <= at_ps.
    uint64_t reserve(uint64_t at_ps, uint64_t len, uint64_t horizon_ps) {
        prune(horizon_ps);
        if (head_ == spans_.size() || at_ps >= spans_.back().end) return append(at_ps, len);
        // First stretch that ends after the arrival: the slot goes at or after it.
        size_t i = size_t(std::partition_point(spans_.begin() + std::ptrdiff_t(head_), spans_.end(),
                                               [&](const Span& s) { return s.end <= at_ps; }) -
                          spans_.begin());
        uint64_t start = at_ps;
        while (i < spans_.size() && spans_[i].start < start + len) start = std::max(start, spans_[i++].end);
        if (i == spans_.size()) return append(start, len);
        // Between spans_[i - 1] (ends at or before start) and spans_[i].
        uint64_t end = start + len;
        bool joins_prev = i > head_ && spans_[i - 1].end == start;
        bool joins_next = spans_[i].start == end;
        if (joins_prev && joins_next) {
            spans_[i - 1].end = spans_[i].end;
            spans_.erase(spans_.begin() + std::ptrdiff_t(i));
        } else if (joins_prev) {
            spans_[i - 1].end = end;
        } else if (joins_next) {
            spans_[i].start = start;
        } else {
            spans_.insert(spans_.begin() + std::ptrdiff_t(i), Span{start, end});
        }
        return start;
    }
    // When a request arriving at `at_ps` could start: the end of the
    // stretch covering it, else at_ps.
    uint64_t free_at(uint64_t at_ps) const {
        for (size_t i = head_; i < spans_.size(); ++i)
            if (spans_[i].start <= at_ps && at_ps < spans_[i].end) return spans_[i].end;
        return at_ps;
    }
    size_t stretches() const { return spans_.size() - head_; }

private:
    struct Span {
        uint64_t start, end;
    };
    uint64_t append(uint64_t start, uint64_t len) {
        if (head_ < spans_.size() && spans_.back().end == start) spans_.back().end = start + len;
        else spans_.push_back(Span{start, start + len});
        return start;
    }
    void prune(uint64_t horizon_ps) {
        while (head_ < spans_.size() && spans_[head_].end <= horizon_ps) ++head_;
        if (head_ == spans_.size()) {
            spans_.clear();
            head_ = 0;
        } else if (head_ >= 64 && head_ * 2 >= spans_.size()) {
            spans_.erase(spans_.begin(), spans_.begin() + std::ptrdiff_t(head_));
            head_ = 0;
        }
    }

    std::vector<Span> spans_;
    size_t head_ = 0;   // spans_[0, head_) are pruned
};

}  // namespace socsim::soc
