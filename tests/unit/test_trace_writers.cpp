// [unit] The trace writers: Chrome trace-event JSON (times, windows, async
// pairs, escaping) and VCD (ordering of out-of-order changes, one #time
// per instant, pulses, late changes, identifiers).
#include <catch2/catch.hpp>

#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/read_text.h"
#include "trace/perfetto_writer.h"
#include "trace/vcd_writer.h"

using namespace socsim::trace;
using nlohmann::json;

namespace {

// A file name unique to the running test case, removed at the end.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& name) : path("socsim-unit-" + name) {}
    ~TempFile() { std::remove(path.c_str()); }
};

// A VCD file as its header (through the initial values' $end) and body lines.
struct Vcd {
    std::vector<std::string> header, body;
};

Vcd split(const std::string& text) {
    Vcd v;
    std::istringstream in(text);
    bool in_body = false, in_dump = false;
    for (std::string l; std::getline(in, l);) {
        (in_body ? v.body : v.header).push_back(l);
        if (l == "$dumpvars") in_dump = true;
        else if (in_dump && l == "$end") in_body = true;
    }
    return v;
}

}  // namespace

TEST_CASE("trace JSON: escaping of names and arguments", "[unit][trace]") {
    CHECK(json_escape("plain") == "plain");
    CHECK(json_escape("a\"b\\c") == "a\\\"b\\\\c");
    CHECK(json_escape(std::string("x\ny\x01", 4)) == "x\\ny\\u0001");
    EventArgs a;
    a.num("n", 7).str("s", "q\"").hex("h", 0x1f000).flag("f", false).real("r", 0.5);
    json parsed = json::parse("{" + a.body() + "}");
    CHECK(parsed["n"] == 7);
    CHECK(parsed["s"] == "q\"");
    CHECK(parsed["h"] == "0x1f000");
    CHECK(parsed["f"] == false);
    CHECK(parsed["r"] == 0.5);
}

TEST_CASE("trace JSON: microsecond times floored from picoseconds to the nanosecond, async pairs, counters",
          "[unit][trace]") {
    TempFile f("events.json");
    {
        PerfettoWriter w;
        REQUIRE(w.open(f.path));
        w.process_name(2, "mc", 2);
        w.thread_name(2, 7, "client \"x\"");
        w.complete(2, 7, "slot", "dram", 1'234'567, 2'500'999);   // 1.234 us .. 2.500 us
        w.async(2, "display0a", "mc", 7, 10'000, 90'000);
        w.async(2, "display0a", "mc", 8, 20'000, 95'000);
        w.instant(2, 7, "fault", "fault", 3'000'000);
        w.counter(2, "display0a bandwidth", "MBps", 4'000'000, 497.664);
        CHECK(w.finish());
        CHECK(w.events() == 10);   // a process's name comes with its sort index
    }
    json t = json::parse(socsim::test::read_text(f.path));
    CHECK(t["displayTimeUnit"] == "ns");
    const json& ev = t["traceEvents"];
    REQUIRE(ev.size() == 10);
    CHECK(ev[0]["args"]["name"] == "mc");
    CHECK(ev[1]["args"]["sort_index"] == 2);
    CHECK(ev[2]["args"]["name"] == "client \"x\"");
    CHECK(ev[3]["ph"] == "X");
    // Nanoseconds, a tenth of one over: x 1000 and truncated, they come back exactly.
    CHECK(int64_t(ev[3]["ts"].get<double>() * 1000.0) == 1234);
    CHECK(int64_t(ev[3]["dur"].get<double>() * 1000.0) == 1266);   // 2500 ns - 1234 ns
    CHECK(ev[3]["ts"].get<double>() == Approx(1.234).margin(2e-4));
    // An async span is a b/e pair with the caller's id.
    CHECK(ev[4]["ph"] == "b");
    CHECK(ev[5]["ph"] == "e");
    CHECK(ev[4]["id"] == 7);
    CHECK(ev[5]["id"] == 7);
    CHECK(ev[6]["id"] == 8);
    CHECK(ev[7]["id"] == 8);
    CHECK(int64_t(ev[5]["ts"].get<double>() * 1000.0) == 90);
    CHECK(ev[8]["ph"] == "i");
    CHECK(ev[9]["ph"] == "C");
    CHECK(ev[9]["args"]["MBps"].get<double>() == Approx(497.664));
}

TEST_CASE("trace JSON: a window keeps the events overlapping it, and metadata", "[unit][trace]") {
    TempFile f("window.json");
    {
        PerfettoWriter w;
        REQUIRE(w.open(f.path));
        w.set_window(10'000'000, 20'000'000);   // 10 us .. 20 us
        w.process_name(1, "driver", 1);
        w.complete(1, 1, "before", "step", 1'000'000, 9'999'000);
        w.complete(1, 1, "across-start", "step", 9'000'000, 11'000'000);
        w.complete(1, 1, "inside", "step", 12'000'000, 13'000'000);
        w.complete(1, 1, "across-end", "step", 19'000'000, 30'000'000);
        w.complete(1, 1, "after", "step", 20'001'000, 30'000'000);
        w.async(1, "in", "mc", 1, 15'000'000, 16'000'000);
        w.async(1, "out", "mc", 2, 25'000'000, 26'000'000);
        w.instant(1, 1, "at-end", "driver", 20'000'000);
        w.instant(1, 1, "late", "driver", 21'000'000);
        w.counter(1, "c", "v", 5'000'000, 1.0);
        CHECK(w.finish());
    }
    json t = json::parse(socsim::test::read_text(f.path));
    std::set<std::string> names;
    for (const auto& e : t["traceEvents"])
        if (e["ph"] != "M") names.insert(e["name"].get<std::string>());
    CHECK(names == std::set<std::string>{"across-start", "inside", "across-end", "in", "at-end"});
}

TEST_CASE("trace JSON: an unwritable path fails at open", "[unit][trace]") {
    PerfettoWriter w;
    CHECK_FALSE(w.open("/nonexistent-dir/x.json"));
}

TEST_CASE("VCD: identifiers are distinct printable codes", "[unit][trace]") {
    std::set<std::string> ids;
    for (size_t n = 0; n < 10000; ++n) {
        std::string id = vcd_id(n);
        for (char c : id) REQUIRE((c >= '!' && c <= '~'));
        ids.insert(id);
    }
    CHECK(ids.size() == 10000);
}

TEST_CASE("VCD: out-of-order changes come out in time order, one #time per instant, only real changes",
          "[unit][trace]") {
    TempFile f("order.vcd");
    {
        VcdWriter w;
        REQUIRE(w.open(f.path, "test"));
        int a = w.declare("soc.mc", "irq", 1, 0);
        int b = w.declare("soc.smmu", "walks", 64, 0);
        int c = w.declare("soc.dc0", "level", 32, std::nullopt);
        w.set(b, 3000, 5);
        w.set(a, 1000, 1);
        w.set(b, 1000, 2);
        w.set(a, 2000, 1);          // unchanged: not written
        w.set(c, 2000, 9);
        w.flush_before(2500);       // the change at 3000 waits
        CHECK(w.pending() == 1);
        w.set_unknown(c, 4000);
        w.set(a, 3000, 0);
        CHECK(w.finish());
        CHECK(w.late_changes() == 0);
    }
    Vcd v = split(socsim::test::read_text(f.path));
    CHECK(v.header == std::vector<std::string>{
                          "$version test $end", "$timescale 1 ps $end", "$scope module soc $end",
                          "$scope module dc0 $end", "$var integer 32 # level $end", "$upscope $end",
                          "$scope module mc $end", "$var wire 1 ! irq $end", "$upscope $end",
                          "$scope module smmu $end", "$var integer 64 \" walks $end", "$upscope $end",
                          "$upscope $end", "$enddefinitions $end", "#0", "$dumpvars", "0!", "b0 \"", "bx #",
                          "$end"});
    CHECK(v.body == std::vector<std::string>{"#1000", "1!", "b10 \"", "#2000", "b1001 #", "#3000", "b101 \"", "0!",
                                             "#4000", "bx #"});
}

TEST_CASE("VCD: pulses that overlap or touch keep a wire high", "[unit][trace]") {
    TempFile f("pulse.vcd");
    {
        VcdWriter w;
        REQUIRE(w.open(f.path, "test"));
        int p = w.declare("soc", "underflow", 1, 0);
        w.pulse(p, 2000, 3000);
        w.pulse(p, 1000, 2000);     // touches the next: one high stretch
        w.pulse(p, 1500, 2500);     // inside it
        w.pulse(p, 5000, 6000);
        w.pulse(p, 7000, 7000);     // empty: nothing
        CHECK(w.finish());
    }
    CHECK(split(socsim::test::read_text(f.path)).body == std::vector<std::string>{"#1000", "1!", "#3000", "0!", "#5000", "1!",
                                                                    "#6000", "0!"});
}

TEST_CASE("VCD: a change for a time already written goes to the earliest open time and is counted",
          "[unit][trace]") {
    TempFile f("late.vcd");
    VcdWriter w;
    REQUIRE(w.open(f.path, "test"));
    int s = w.declare("soc", "n", 8, 0);
    w.set(s, 1000, 1);
    w.flush_before(5000);
    w.set(s, 2000, 2);   // too late for 2000
    CHECK(w.late_changes() == 1);
    CHECK(w.finish());
    CHECK(split(socsim::test::read_text(f.path)).body == std::vector<std::string>{"#1000", "b1 !", "#5000", "b10 !"});
}
