// [unit] What compare and sweep make of reports: the metrics one report
// flattens into (names, units, values, what a report lacks left out), the
// side-by-side table (row order across variants, which rows differ), RFC
// 4180 quoting of results.csv, and `--set` values read by the board
// reader's own code.
#include <catch2/catch.hpp>

#include <map>

#include <sstream>

#include "app/report_metrics.h"
#include "app/sweep_results.h"
#include "dts/parser/board_settings.h"

using namespace socsim;
using nlohmann::ordered_json;

namespace {

ordered_json report(double tlb_hit_rate, int hazards, bool passed) {
    ordered_json r = {
        {"passed", passed},
        {"sim_time_ns", 2'000'000},
        {"wall_time_s", 0.5},
        {"expectations", {{{"passed", true}}, {{"passed", passed}}}},
        {"hazards", ordered_json::array()},
        {"mc", {{"faults", 3}}},
        {"clients", {{{"name", "display0a"}, {"bandwidth_MBps", 497.664}, {"avg_latency_ns", 120.25},
                      {"p99_latency_ns", 300}, {"requests", 1000}, {"faults", 0}}}},
        {"smmu", {{"walks", 7}, {"asids_in_use", 2},
                  {"tlb", {{"lines", 32}, {"hit_rate", tlb_hit_rate}, {"flushes", {{"all", 1}, {"asid", 2}}}}},
                  {"ptc", {{"lines", 64}, {"hit_rate", 0.5}, {"flushes", {{"all", 4}}}}},
                  {"faults", {{"pte-invalid", 3}, {"read-denied", 0}}}}},
        {"display", {{{"head", 0}, {"device", "dc0"}, {"frames", 3}, {"underflows", 0}, {"bandwidth_MBps", 497.7},
                      {"windows", {{{"min_fifo_bytes", 900}}, {{"min_fifo_bytes", 700}}}}}}},
        {"host1x", nullptr},
        {"dram", {{"bandwidth_Bps", 6'400'000'000ull}, {"utilisation", 0.25}}},
    };
    for (int i = 0; i < hazards; ++i) r["hazards"].push_back({{"group", "drm"}});
    return r;
}

const app::Metric* find(const std::vector<app::Metric>& ms, const std::string& column) {
    for (const auto& m : ms)
        if (app::metric_column(m) == column) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("report metrics: headline figures by section, with units", "[unit][metrics]") {
    auto ms = app::report_metrics(report(0.75, 1, false));
    REQUIRE_FALSE(ms.empty());
    CHECK(app::metric_column(ms.front()) == "run.passed");
    CHECK(app::format_metric(ms.front()) == "no");
    struct Want { const char* column; const char* cell; };
    for (const Want& w : {Want{"run.failed expectations", "1"}, Want{"run.sim time ms", "2.000"},
                          Want{"run.wall time s", "0.500"}, Want{"run.real-time factor", "0.0040"},
                          Want{"hazards.isolation hazards", "1"}, Want{"mc.faults", "3"},
                          Want{"clients.display0a MB/s", "497.7"}, Want{"clients.display0a avg latency ns", "120.2"},
                          Want{"clients.display0a p99 latency ns", "300"}, Want{"smmu.TLB hit rate %", "75.00"},
                          Want{"smmu.TLB flushes", "3"}, Want{"smmu.PTC flushes", "4"}, Want{"smmu.ASIDs in use", "2"},
                          Want{"smmu.faults pte-invalid", "3"}, Want{"display.dc0 frames", "3"},
                          Want{"display.dc0 min FIFO B", "700"}, Want{"dram.peak bandwidth MB/s", "6400.0"},
                          Want{"dram.utilisation %", "25.00"}}) {
        INFO(w.column);
        const app::Metric* m = find(ms, w.column);
        REQUIRE(m);
        CHECK(app::format_metric(*m) == w.cell);
    }
    // host1x is null on this board: no host1x rows rather than zeros.
    CHECK_FALSE(find(ms, "host1x.jobs completed"));
    // Files keep full precision: counts as integers, figures as doubles.
    CHECK(app::metric_json(*find(ms, "clients.display0a MB/s")) == 497.664);
    CHECK(app::metric_json(*find(ms, "mc.faults")).is_number_integer());
    CHECK(app::metric_json(ms.front()) == false);
}

TEST_CASE("report metrics: a report lacking sections yields what it has", "[unit][metrics]") {
    CHECK(app::report_metrics(ordered_json::object()).empty());
    auto ms = app::report_metrics({{"passed", true}, {"clients", "not a list"}, {"smmu", 3}});
    REQUIRE(ms.size() == 1);
    CHECK(app::metric_label(ms[0]) == "passed");
}

TEST_CASE("compare table: one row per metric, differing rows marked", "[unit][metrics]") {
    auto a = app::report_metrics(report(0.75, 0, true));
    auto b = app::report_metrics(report(0.75, 1, true));
    auto c = app::report_metrics(report(0.5, 0, true));
    // A client only the third variant has goes in with the other clients.
    auto extra = report(0.5, 0, true);
    extra["clients"].push_back({{"name", "vicsrd"}, {"bandwidth_MBps", 10.0}});
    c = app::report_metrics(extra);
    auto t = app::metrics_table({"a", "b", "c"}, {a, b, c});
    CHECK(t.columns == std::vector<std::string>{"a", "b", "c"});
    auto row = [&](const std::string& metric) -> const app::CompareTable::Row& {
        for (const auto& r : t.rows)
            if (r.metric == metric) return r;
        FAIL("no row " << metric);
        return t.rows.front();
    };
    CHECK(row("isolation hazards").cells == std::vector<std::string>{"0", "1", "0"});
    CHECK(row("isolation hazards").differs);
    CHECK(row("TLB hit rate %").differs);
    CHECK_FALSE(row("passed").differs);
    CHECK_FALSE(row("display0a MB/s").differs);
    CHECK(row("vicsrd MB/s").cells == std::vector<std::string>{"", "", "10.0"});
    CHECK(row("vicsrd MB/s").differs);
    size_t vic = 0, last_client = 0, smmu = 0;
    for (size_t i = 0; i < t.rows.size(); ++i) {
        if (t.rows[i].metric == "vicsrd MB/s") vic = i;
        if (t.rows[i].metric == "display0a faults") last_client = i;
        if (t.rows[i].section == "smmu" && !smmu) smmu = i;
    }
    CHECK(vic == last_client + 1);
    CHECK(vic < smmu);
    CHECK(t.rows.size() == app::metric_columns({a, b, c}).size());
}

TEST_CASE("results.csv: RFC 4180 quoting", "[unit][sweep]") {
    CHECK(app::csv_field("plain text") == "plain text");
    CHECK(app::csv_field("3.2GB/s") == "3.2GB/s");
    CHECK(app::csv_field("a,b") == "\"a,b\"");
    CHECK(app::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(app::csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(app::csv_field("cr\r") == "\"cr\r\"");
    CHECK(app::csv_field("") == "");

    app::SweepResults r;
    r.columns = {"point", "note", "value"};
    r.rows.push_back({{"point", 1}, {"note", "a,\"b\""}, {"value", nullptr}});
    r.rows.push_back({{"point", 2}, {"note", "x"}, {"value", 2.5}});
    std::ostringstream out;
    app::write_results_csv(out, r);
    CHECK(out.str() == "point,note,value\r\n1,\"a,\"\"b\"\"\",\r\n2,x,2.5\r\n");
}

TEST_CASE("--set values: the board reader's keys, units and checks", "[unit][settings]") {
    std::string error;
    auto o = dts::parse_setting_override("mc.dram_bandwidth=6.4GB/s", error);
    REQUIRE(o);
    CHECK(o->key == "mc.dram_bandwidth");
    CHECK(o->value == "6.4GB/s");
    dts::BoardSettings s;
    dts::apply_setting_overrides({*o, {"smmu.tlb_lines", "16"}, {"group_table", "display"}, {"mc.dram_latency", "1.5us"}},
                                 s);
    CHECK(s.hw.dram_bandwidth == 6'400'000'000ull);
    CHECK(s.hw.tlb_lines == 16);
    CHECK(s.hw.dram_latency_ns == 1500);
    CHECK(s.group_table == dts::GroupTableChoice::Display);

    CHECK_FALSE(dts::parse_setting_override("smmu.tlb_lines=0", error));
    CHECK(error.find("between 1 and 4096") != std::string::npos);
    CHECK_FALSE(dts::parse_setting_override("mc.dram_bandwidth=12.8", error));
    CHECK(error.find("GB/s") != std::string::npos);
    CHECK_FALSE(dts::parse_setting_override("mc.dram_latency=", error));
    CHECK(error.find("time with a unit") != std::string::npos);
    CHECK_FALSE(dts::parse_setting_override("default_domain=paging", error));
    CHECK(error.find("identity | dma") != std::string::npos);
    CHECK_FALSE(dts::parse_setting_override("smmu.tlb=4", error));
    CHECK(error.find("unknown setting 'smmu.tlb'") != std::string::npos);
    CHECK(error.find("smmu.tlb_lines (count)") != std::string::npos);
    CHECK_FALSE(dts::parse_setting_override("no-equals", error));
    CHECK(error.find("KEY=VALUE") != std::string::npos);
    // Every key --set lists is read by the board's reader with a value of its kind.
    const std::map<std::string, std::string> valid = {
        {"group_table", "display"},     {"default_domain", "dma"}, {"mc.dram_bandwidth", "6.4GB/s"},
        {"mc.dram_latency", "120ns"},   {"mc.reg_access", "40ns"}, {"smmu.tlb_hit", "3ns"},
        {"smmu.ptc_hit", "5ns"},        {"smmu.tlb_lines", "16"},  {"smmu.ptc_lines", "32"}};
    for (const auto& k : dts::board_setting_keys()) {
        INFO(k);
        REQUIRE(valid.count(k));
        auto o = dts::parse_setting_override(k + "=" + valid.at(k), error);
        CHECK(o);
    }
}
