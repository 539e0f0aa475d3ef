// A latency histogram that costs one increment per sample: exact 1 ns bins
// up to 1 us, then 64 bins per power of two (under 1.6% relative error),
// so percentiles of long tails stay meaningful without storing samples.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace socsim {

class Histogram {
public:
    void add(uint64_t ns) {
        ++count_;
        sum_ += ns;
        if (ns > max_) max_ = ns;
        if (count_ == 1 || ns < min_) min_ = ns;
        ++bins_[bin_of(ns)];
    }

    uint64_t count() const { return count_; }
    uint64_t min() const { return count_ ? min_ : 0; }
    uint64_t max() const { return max_; }
    double mean() const { return count_ ? double(sum_) / double(count_) : 0.0; }
    // The smallest value v such that at least `q` of the samples are <= v
    // (within the bin resolution above); 0 when empty.
    uint64_t quantile(double q) const {
        if (count_ == 0) return 0;
        uint64_t rank = static_cast<uint64_t>(q * double(count_) + 0.999999);
        if (rank == 0) rank = 1;
        uint64_t seen = 0;
        for (size_t b = 0; b < bins_.size(); ++b) {
            seen += bins_[b];
            if (seen >= rank) return std::min(upper_of(b), max_);
        }
        return max_;
    }
    // Non-empty bins as (upper bound ns, count), for reports.
    std::vector<std::pair<uint64_t, uint64_t>> buckets() const {
        std::vector<std::pair<uint64_t, uint64_t>> out;
        for (size_t b = 0; b < bins_.size(); ++b)
            if (bins_[b]) out.emplace_back(upper_of(b), bins_[b]);
        return out;
    }

private:
    static constexpr uint64_t kLinear = 1024;     // exact bins [0, 1024)
    static constexpr int kSub = 64;               // bins per octave above
    static constexpr int kOctaves = 54;           // up to 2^64

    static size_t bin_of(uint64_t ns) {
        if (ns < kLinear) return static_cast<size_t>(ns);
        int msb = 63 - __builtin_clzll(ns);       // >= 10
        uint64_t sub = (ns >> (msb - 6)) & (kSub - 1);
        return kLinear + size_t(msb - 10) * kSub + size_t(sub);
    }
    static uint64_t upper_of(size_t b) {
        if (b < kLinear) return b;
        size_t k = b - kLinear;
        int msb = int(k / kSub) + 10;
        uint64_t sub = k % kSub;
        uint64_t lo = (uint64_t(kSub) + sub) << (msb - 6);
        return lo + (uint64_t(1) << (msb - 6)) - 1;
    }

    uint64_t count_ = 0, sum_ = 0, min_ = 0, max_ = 0;
    std::array<uint64_t, kLinear + kOctaves * kSub> bins_{};
};

}  // namespace socsim
