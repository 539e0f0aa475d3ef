#include "soc/bus_calendar.h"

namespace socsim::soc {

void BusCalendar::grow() {
    std::vector<Span> bigger(ring_.size() * 2);
    for (size_t i = 0; i < count_; ++i) bigger[i] = at(i);
    ring_.swap(bigger);
    head_ = 0;
}

uint64_t BusCalendar::place(uint64_t at_ps, uint64_t len) {
    // First stretch that ends after the arrival (one exists: the last).
    size_t lo = 0, hi = count_ - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (at(mid).end <= at_ps) lo = mid + 1;
        else hi = mid;
    }
    size_t i = lo;
    uint64_t start = at_ps;
    while (i < count_ && at(i).start < start + len) {
        if (at(i).end > start) start = at(i).end;
        ++i;
    }
    if (i == count_) return append(start, len);
    // Between stretch i - 1 (ends at or before start) and stretch i.
    uint64_t end = start + len;
    bool joins_prev = i > 0 && at(i - 1).end == start;
    bool joins_next = at(i).start == end;
    if (joins_prev && joins_next) {
        at(i - 1).end = at(i).end;
        for (size_t j = i; j + 1 < count_; ++j) at(j) = at(j + 1);   // close the gap
        --count_;
    } else if (joins_prev) {
        at(i - 1).end = end;
    } else if (joins_next) {
        at(i).start = start;
    } else {
        if (count_ == ring_.size()) grow();
        for (size_t j = count_; j > i; --j) at(j) = at(j - 1);   // open a gap
        at(i) = Span{start, end};
        ++count_;
    }
    return start;
}

}  // namespace socsim::soc
