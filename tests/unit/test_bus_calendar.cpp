// The DRAM bus calendar: requests take the earliest gap at or after their
// arrival that holds them, whatever order they are placed in.
#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include "soc/bus_calendar.h"
#include "soc/dram_timing.h"

using socsim::soc::BusCalendar;

TEST_CASE("the bus calendar appends in time order and fills gaps for late callers", "[unit][dram]") {
    BusCalendar bus;
    CHECK(bus.reserve(100, 10, 0) == 100);
    CHECK(bus.reserve(105, 10, 0) == 110);   // busy until 110
    CHECK(bus.reserve(200, 10, 0) == 200);
    CHECK(bus.stretches() == 2);             // [100,120) merged, [200,210)
    // Called later but arriving earlier: takes the gap it arrived in, not
    // a slot after everything reserved so far.
    CHECK(bus.reserve(130, 10, 0) == 130);
    CHECK(bus.reserve(50, 10, 0) == 50);
    // A gap too short is skipped: [140, 200) holds 60 but not 70.
    CHECK(bus.reserve(135, 70, 0) == 210);
    CHECK(bus.free_at(105) == 120);
    CHECK(bus.free_at(125) == 125);
}

TEST_CASE("the bus calendar merges touching slots and drops what ends before the horizon", "[unit][dram]") {
    BusCalendar bus;
    bus.reserve(0, 10, 0);
    bus.reserve(20, 10, 0);
    CHECK(bus.stretches() == 2);
    CHECK(bus.reserve(10, 10, 0) == 10);     // fills [10,20) exactly: one stretch
    CHECK(bus.stretches() == 1);
    CHECK(bus.free_at(0) == 30);
    bus.reserve(100, 10, 50);                // [0,30) ends before the horizon
    CHECK(bus.stretches() == 1);
    CHECK(bus.free_at(0) == 0);
}

TEST_CASE("the bus calendar serves by arrival time whatever the call order", "[unit][dram]") {
    // Requests that never overlap one another get their arrival time as
    // start in any call order; overlapping ones never share the bus.
    std::mt19937_64 rng(7);
    for (int round = 0; round < 50; ++round) {
        std::vector<std::pair<uint64_t, uint64_t>> req;   // arrival, length
        for (int i = 0; i < 200; ++i) req.emplace_back(rng() % 100000, 1 + rng() % 40);
        BusCalendar bus;
        std::vector<std::pair<uint64_t, uint64_t>> slots;
        for (auto [at, len] : req) {
            uint64_t start = bus.reserve(at, len, 0);
            REQUIRE(start >= at);
            slots.emplace_back(start, start + len);
        }
        std::sort(slots.begin(), slots.end());
        for (size_t i = 1; i < slots.size(); ++i) REQUIRE(slots[i - 1].second <= slots[i].first);
    }
    std::vector<uint64_t> arrivals{0, 1000, 2000, 3000, 4000};
    BusCalendar forward, backward;
    for (uint64_t a : arrivals) CHECK(forward.reserve(a, 100, 0) == a);
    for (auto it = arrivals.rbegin(); it != arrivals.rend(); ++it) CHECK(backward.reserve(*it, 100, 0) == *it);
}

TEST_CASE("DRAM timing charges whole bursts at the bus bandwidth and waits for a busy bus", "[unit][dram]") {
    socsim::soc::DramTiming dram(12'800'000'000ull, 100, 32);   // 32 B in 2.5 ns
    auto s = dram.access(1000, 0x40, 64, false, 0);
    CHECK(s.start_ps == 1000);
    CHECK(s.end_ps == 6000);
    CHECK(s.done_ps == 106000);
    auto t = dram.access(2000, 0x50, 32, false, 0);              // straddles two bursts, bus busy until 6000
    CHECK(t.start_ps == 6000);
    CHECK(t.end_ps == 11000);
    CHECK(dram.stats().bursts == 4);
    CHECK(dram.stats().wait_ps == 4000);
}
