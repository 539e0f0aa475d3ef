// The reserved time of one shared bus, as disjoint stretches [start, end)
// sorted by time, in a ring. reserve() places a slot of a given length in
// the earliest gap at or after its arrival that holds it; stretches that
// touch merge, and stretches ending at or before the caller's horizon (no
// request can arrive earlier) are dropped. The common case, a request
// arriving after every reserved stretch, appends without a search. Times
// are picoseconds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace socsim::soc {

class BusCalendar {
public:
    BusCalendar() : ring_(64) {}

    // Reserves [start, start + len) with start >= at_ps the earliest that
    // fits; returns start. horizon_ps <= at_ps.
    uint64_t reserve(uint64_t at_ps, uint64_t len, uint64_t horizon_ps) {
        while (count_ && at(0).end <= horizon_ps) pop_front();
        if (!count_ || at_ps >= at(count_ - 1).end) return append(at_ps, len);
        return place(at_ps, len);
    }
    // When a request arriving at `at_ps` could start: the end of the
    // stretch covering it, else at_ps.
    uint64_t free_at(uint64_t at_ps) const {
        for (size_t i = 0; i < count_; ++i)
            if (at(i).start <= at_ps && at_ps < at(i).end) return at(i).end;
        return at_ps;
    }
    size_t stretches() const { return count_; }

private:
    struct Span {
        uint64_t start, end;
    };
    Span& at(size_t i) { return ring_[(head_ + i) & (ring_.size() - 1)]; }
    const Span& at(size_t i) const { return ring_[(head_ + i) & (ring_.size() - 1)]; }
    void pop_front() {
        head_ = (head_ + 1) & (ring_.size() - 1);
        --count_;
    }
    uint64_t append(uint64_t start, uint64_t len) {
        if (count_ && at(count_ - 1).end == start) {
            at(count_ - 1).end = start + len;
            return start;
        }
        if (count_ == ring_.size()) grow();
        at(count_++) = Span{start, start + len};
        return start;
    }
    uint64_t place(uint64_t at_ps, uint64_t len);   // a slot before the last stretch ends
    void grow();

    std::vector<Span> ring_;   // a power of two
    size_t head_ = 0, count_ = 0;
};

}  // namespace socsim::soc
