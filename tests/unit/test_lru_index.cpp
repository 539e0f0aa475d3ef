// The TLB's and PTC's tag store against a plain model of the same policy:
// the first free line, else the least recently used.
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "smmu/hw/lru_index.h"

using socsim::smmu::LruIndex;

namespace {

struct NaiveLru {   // scans every line, as the caches did before the index
    struct Line {
        bool valid = false;
        uint64_t key = 0, stamp = 0;
    };
    std::vector<Line> lines;
    uint64_t clock = 0;
    explicit NaiveLru(uint32_t n) : lines(n) {}
    uint32_t find(uint64_t key) {
        for (uint32_t i = 0; i < lines.size(); ++i)
            if (lines[i].valid && lines[i].key == key) {
                lines[i].stamp = ++clock;
                return i;
            }
        return LruIndex::kNone;
    }
    uint32_t insert(uint64_t key) {
        uint32_t victim = 0;
        for (uint32_t i = 0; i < lines.size(); ++i) {
            if (!lines[i].valid) {
                victim = i;
                break;
            }
            if (lines[i].stamp < lines[victim].stamp) victim = i;
        }
        lines[victim] = Line{true, key, ++clock};
        return victim;
    }
};

}  // namespace

TEST_CASE("the LRU index picks the same lines as a scan of every line", "[unit][smmu]") {
    for (uint32_t n : {1u, 4u, 16u, 32u, 48u, 64u}) {
        std::mt19937_64 rng(n);
        LruIndex index(n);
        NaiveLru naive(n);
        for (int op = 0; op < 20000; ++op) {
            uint64_t key = rng() % (3 * n + 1);   // a working set larger than the cache: hits and misses
            int what = int(rng() % 10);
            if (what == 0) {                       // free a line (a flush)
                uint32_t l = uint32_t(rng() % n);
                index.erase(l);
                naive.lines[l].valid = false;
                continue;
            }
            uint32_t a = index.find(key), b = naive.find(key);
            REQUIRE(a == b);
            if (a == LruIndex::kNone) REQUIRE(index.insert(key) == naive.insert(key));
        }
        uint32_t valid = 0;
        for (uint32_t l = 0; l < n; ++l) {
            REQUIRE(index.valid(l) == naive.lines[l].valid);
            if (index.valid(l)) REQUIRE(index.key(l) == naive.lines[l].key);
            valid += index.valid(l);
        }
        CHECK(index.valid_lines() == valid);
    }
}
