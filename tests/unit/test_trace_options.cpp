// [unit] The trace and sampling options of `socsim run`: --trace-filter
// against a SoC's memory clients and swgroups, --trace-window, the default
// sampling interval (1-2-5 steps, at most 500 intervals) and --sample.
#include <catch2/catch.hpp>

#include <string>

#include "soc/soc_registry.h"
#include "trace/trace_options.h"

using namespace socsim;
using namespace socsim::trace;

namespace {

const soc::SocInfo& t124() {
    const soc::SocInfo* s = soc::find_soc("tegra124");
    REQUIRE(s);
    return *s;
}

size_t index_of(const soc::SocInfo& soc, std::string_view client) {
    for (size_t i = 0; i < soc.clients.size(); ++i)
        if (soc.clients[i].name == client) return i;
    FAIL("no client " << client);
    return 0;
}

}  // namespace

TEST_CASE("trace filter: clients by name or swgroup, components, several keys", "[unit][trace]") {
    const soc::SocInfo& soc = t124();
    std::string error;
    auto all = parse_trace_filters({}, soc, error);
    REQUIRE(all);
    CHECK(all->client_on(index_of(soc, "display0a")));
    CHECK(all->component_on("dram"));

    auto f = parse_trace_filters({"client=DC,vicsrd", "component=mc,display", "component=dram"}, soc, error);
    REQUIRE(f);
    CHECK(f->client_on(index_of(soc, "display0a")));   // swgroup dc
    CHECK(f->client_on(index_of(soc, "display0b")));
    CHECK(f->client_on(index_of(soc, "vicsrd")));
    CHECK_FALSE(f->client_on(index_of(soc, "vicswr")));
    CHECK_FALSE(f->client_on(index_of(soc, "display0ab")));   // swgroup dcb
    CHECK(f->component_on("mc"));
    CHECK(f->component_on("dram"));
    CHECK_FALSE(f->component_on("driver"));
}

TEST_CASE("trace filter: bad keys and names are errors that name them", "[unit][trace]") {
    const soc::SocInfo& soc = t124();
    std::string error;
    CHECK_FALSE(parse_trace_filters({"clients=dc"}, soc, error));
    CHECK(error.find("clients=dc") != std::string::npos);
    CHECK_FALSE(parse_trace_filters({"client"}, soc, error));
    CHECK_FALSE(parse_trace_filters({"client=dc,,vic"}, soc, error));
    CHECK(error.find("empty") != std::string::npos);
    CHECK_FALSE(parse_trace_filters({"client=g2"}, soc, error));   // a Tegra30 swgroup
    CHECK(error.find("'g2'") != std::string::npos);
    CHECK(error.find("tegra124") != std::string::npos);
    CHECK_FALSE(parse_trace_filters({"component=gpu"}, soc, error));
    CHECK(error.find("'gpu'") != std::string::npos);
}

TEST_CASE("trace window: START:END with units, start before end", "[unit][trace]") {
    std::string error;
    auto w = parse_trace_window("10ms:20.5ms", error);
    REQUIRE(w);
    CHECK(w->from_ps == 10'000'000'000ull);
    CHECK(w->to_ps == 20'500'000'000ull);
    CHECK(parse_trace_window("0ns:1us", error));
    CHECK_FALSE(parse_trace_window("20ms:10ms", error));
    CHECK_FALSE(parse_trace_window("10ms:10ms", error));
    CHECK_FALSE(parse_trace_window("10ms", error));
    CHECK_FALSE(parse_trace_window("10:20", error));
    CHECK_FALSE(parse_trace_window(":20ms", error));
}

TEST_CASE("sampling: the default is the smallest 1-2-5 step from 1 us with at most 500 intervals",
          "[unit][trace]") {
    CHECK(default_sample_interval_ns(1) == 1000);
    CHECK(default_sample_interval_ns(500'000) == 1000);          // 500 us: 500 x 1 us
    CHECK(default_sample_interval_ns(500'001) == 2000);
    CHECK(default_sample_interval_ns(5'000'000) == 10'000);      // 5 ms
    CHECK(default_sample_interval_ns(80'000'000) == 200'000);    // 80 ms: 400 x 200 us
    CHECK(default_sample_interval_ns(100'000'000) == 200'000);   // exactly 500
    CHECK(default_sample_interval_ns(1'000'000'000) == 2'000'000);
    CHECK(default_sample_interval_ns(2'000'000'001) == 5'000'000);
    for (uint64_t d : {1ull, 999'999ull, 3'000'000ull, 77'777'777ull, 10'000'000'000ull}) {
        uint64_t v = default_sample_interval_ns(d);
        CHECK((d + v - 1) / v <= kDefaultMaxIntervals);
    }
}

TEST_CASE("sampling: --sample takes a positive time within the interval limit", "[unit][trace]") {
    std::string error;
    CHECK(parse_sample_interval("50us", 80'000'000, error) == uint64_t(50'000));
    CHECK_FALSE(parse_sample_interval("0us", 80'000'000, error));
    CHECK_FALSE(parse_sample_interval("50", 80'000'000, error));
    CHECK_FALSE(parse_sample_interval("-1us", 80'000'000, error));
    CHECK_FALSE(parse_sample_interval("100ns", 1'000'000'000, error));   // 10 million intervals
    CHECK(error.find("at most") != std::string::npos);
}
