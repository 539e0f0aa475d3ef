// [system] `socsim run --vcd`: the VCD of shipped scenarios has a
// well-formed header declaring every identifier the body uses, strictly
// increasing timestamps, and the signals the README lists move: the MC
// interrupt line in the fault scenario; the FIFO level, VBLANK and
// underflow of the throttled display scenario.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_command.h"

using socsim::test::run_socsim;
using socsim::test::source_path;

namespace {

struct Signal {
    std::string name;   // scope.name
    unsigned width = 0;
    std::vector<std::pair<uint64_t, std::string>> values;   // (time, value) from #0 on
};

struct Vcd {
    std::map<std::string, Signal> signals;   // by identifier
    std::string timescale;
    size_t timestamps = 0;

    const Signal& find(const std::string& name) const {
        for (const auto& [id, s] : signals)
            if (s.name == name) return s;
        FAIL("no signal " << name);
        static Signal none;
        return none;
    }
};

// Parses and checks a VCD file.
Vcd read_vcd(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    Vcd v;
    std::vector<std::string> scope;
    std::string tok;
    // Header: keyword sections up to $enddefinitions.
    for (;;) {
        REQUIRE(in >> tok);
        if (tok == "$enddefinitions") {
            REQUIRE(in >> tok);
            REQUIRE(tok == "$end");
            break;
        }
        std::vector<std::string> words;
        for (std::string w; in >> w && w != "$end";) words.push_back(w);
        if (tok == "$scope") {
            REQUIRE(words.size() == 2);
            scope.push_back(words[1]);
        } else if (tok == "$upscope") {
            REQUIRE(!scope.empty());
            scope.pop_back();
        } else if (tok == "$var") {
            REQUIRE(words.size() == 4);
            REQUIRE((words[0] == "wire" || words[0] == "integer"));
            std::string full;
            for (const auto& s : scope) full += s + ".";
            Signal s{full + words[3], unsigned(std::stoul(words[1])), {}};
            REQUIRE(s.width >= 1);
            REQUIRE(v.signals.emplace(words[2], s).second);   // identifiers are unique
        } else if (tok == "$timescale") {
            for (const auto& w : words) v.timescale += w;
        } else {
            REQUIRE((tok == "$version" || tok == "$date" || tok == "$comment"));
        }
    }
    CHECK(scope.empty());
    CHECK(v.timescale == "1ps");
    REQUIRE(!v.signals.empty());
    // Body: #time lines, $dumpvars ... $end, value changes.
    bool have_time = false;
    uint64_t now = 0;
    auto change = [&](const std::string& id, const std::string& value) {
        INFO("identifier '" << id << "'");
        REQUIRE(have_time);
        auto it = v.signals.find(id);
        REQUIRE(it != v.signals.end());
        it->second.values.emplace_back(now, value);
    };
    while (in >> tok) {
        if (tok == "$dumpvars" || tok == "$end") continue;
        if (tok[0] == '#') {
            uint64_t t = std::stoull(tok.substr(1));
            if (have_time) CHECK(t > now);   // strictly increasing
            have_time = true;
            now = t;
            ++v.timestamps;
        } else if (tok[0] == 'b') {
            std::string id;
            REQUIRE(in >> id);
            REQUIRE(tok.find_first_not_of("01xz", 1) == std::string::npos);
            change(id, tok.substr(1));
        } else {
            REQUIRE(std::string("01xz").find(tok[0]) != std::string::npos);
            change(tok.substr(1), tok.substr(0, 1));
        }
    }
    for (const auto& [id, s] : v.signals) {
        INFO(s.name);
        REQUIRE(!s.values.empty());            // every signal has its initial value
        CHECK(s.values.front().first == 0);
    }
    std::remove(path.c_str());
    return v;
}

Vcd run_vcd(const std::string& scenario, const std::string& file) {
    auto r = run_socsim({"run", source_path(scenario), "--vcd", file});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("warning") == std::string::npos);   // no change came too late
    return read_vcd(file);
}

std::set<std::string> distinct(const Signal& s) {
    std::set<std::string> out;
    for (const auto& [t, v] : s.values) out.insert(v);
    return out;
}

}  // namespace

TEST_CASE("VCD: the MC interrupt line and SMMU counters of the fault scenario", "[system][trace]") {
    Vcd v = run_vcd("scenarios/test-dma-translate-and-fault.yaml", "socsim-test-faults.vcd");
    const Signal& irq = v.find("soc.mc.irq");
    CHECK(irq.width == 1);
    CHECK(distinct(irq) == std::set<std::string>{"0", "1"});
    CHECK(v.find("soc.smmu.tlb_misses").values.size() > 1);
    CHECK(v.find("soc.mc.msencswr_bytes").values.size() > 1);
}

TEST_CASE("VCD: FIFO level, VBLANK, underflow and syncpoints of the throttled display", "[system][trace]") {
    Vcd v = run_vcd("scenarios/tegra124-display-underflow.yaml", "socsim-test-underflow.vcd");
    CHECK(v.timestamps > 10);
    const Signal& fifo = v.find("soc.dc0.win_a_min_fifo_bytes");
    std::set<std::string> levels = distinct(fifo);
    levels.erase("x");
    CHECK(levels.size() >= 2);   // the level moves
    CHECK(distinct(v.find("soc.dc0.vblank")) == std::set<std::string>{"0", "1"});
    CHECK(distinct(v.find("soc.dc0.underflow")) == std::set<std::string>{"0", "1"});
    size_t syncpt_changes = 0;
    for (const auto& [id, s] : v.signals)
        if (s.name.rfind("soc.host1x.syncpt_", 0) == 0) syncpt_changes += s.values.size() - 1;
    CHECK(syncpt_changes > 0);
}
