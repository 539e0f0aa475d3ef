#include "app/report_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

namespace socsim::app {

using json = nlohmann::ordered_json;

namespace {

const json* field(const json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

// A numeric field (a boolean counts as 0/1), or nothing.
const json* number(const json& j, const char* key) {
    const json* v = field(j, key);
    return v && (v->is_number() || v->is_boolean()) ? v : nullptr;
}

double as_double(const json& v) { return v.is_boolean() ? (v.get<bool>() ? 1.0 : 0.0) : v.get<double>(); }

std::string text(const json& j, const char* key) {
    const json* v = field(j, key);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}

class Builder {
public:
    explicit Builder(std::vector<Metric>& out) : out_(out) {}
    void section(std::string s) { section_ = std::move(s); }
    void add(std::string name, std::string unit, double value, int decimals = 0) {
        out_.push_back({section_, std::move(name), std::move(unit), value, decimals, false});
    }
    // `j[key]` when it is a number.
    void add(const json& j, const char* key, std::string name, std::string unit = "", int decimals = 0,
             double scale = 1.0) {
        if (const json* v = number(j, key)) add(std::move(name), std::move(unit), as_double(*v) * scale, decimals);
    }
    void flag(std::string name, bool value) { out_.push_back({section_, std::move(name), "", value ? 1.0 : 0.0, 0, true}); }

private:
    std::vector<Metric>& out_;
    std::string section_;
};

void run_metrics(const json& r, Builder& b) {
    b.section("run");
    if (const json* p = field(r, "passed"); p && p->is_boolean()) b.flag("passed", p->get<bool>());
    if (const json* e = field(r, "expectations"); e && e->is_array()) {
        size_t failed = 0;
        for (const auto& x : *e)
            if (const json* p = field(x, "passed"); p && p->is_boolean() && !p->get<bool>()) ++failed;
        b.add("failed expectations", "", double(failed));
    }
    const json* sim = number(r, "sim_time_ns");
    const json* wall = number(r, "wall_time_s");
    if (sim) b.add("sim time", "ms", as_double(*sim) / 1e6, 3);
    if (wall) b.add("wall time", "s", as_double(*wall), 3);
    // Simulated seconds per host second: above 1, faster than the SoC would run.
    if (sim && wall && as_double(*wall) > 0) b.add("real-time factor", "", as_double(*sim) / 1e9 / as_double(*wall), 4);
    if (const json* h = field(r, "hazards"); h && h->is_array()) {
        b.section("hazards");
        b.add("isolation hazards", "", double(h->size()));
    }
    if (const json* mc = field(r, "mc")) {
        b.section("mc");
        b.add(*mc, "faults", "faults");
    }
}

void client_metrics(const json& r, Builder& b) {
    const json* clients = field(r, "clients");
    if (!clients || !clients->is_array()) return;
    b.section("clients");
    for (const auto& c : *clients) {
        std::string name = text(c, "name");
        if (name.empty()) continue;
        b.add(c, "bandwidth_MBps", name, "MB/s", 1);
        b.add(c, "avg_latency_ns", name + " avg latency", "ns", 1);
        b.add(c, "p99_latency_ns", name + " p99 latency", "ns");
        b.add(c, "requests", name + " requests");
        b.add(c, "faults", name + " faults");
    }
}

double sum_of(const json* obj) {
    double s = 0;
    if (obj && obj->is_object())
        for (const auto& [k, v] : obj->items())
            if (v.is_number()) s += v.get<double>();
    return s;
}

void smmu_metrics(const json& r, Builder& b) {
    const json* smmu = field(r, "smmu");
    if (!smmu || !smmu->is_object()) return;
    b.section("smmu");
    const json* tlb = field(*smmu, "tlb");
    const json* ptc = field(*smmu, "ptc");
    if (tlb) b.add(*tlb, "lines", "TLB lines");
    if (ptc) b.add(*ptc, "lines", "PTC lines");
    if (tlb) b.add(*tlb, "hit_rate", "TLB hit rate", "%", 2, 100.0);
    if (ptc) b.add(*ptc, "hit_rate", "PTC hit rate", "%", 2, 100.0);
    b.add(*smmu, "walks", "walks");
    if (tlb && field(*tlb, "flushes")) b.add("TLB flushes", "", sum_of(field(*tlb, "flushes")));
    if (ptc && field(*ptc, "flushes")) b.add("PTC flushes", "", sum_of(field(*ptc, "flushes")));
    b.add(*smmu, "asids_in_use", "ASIDs in use");
    if (const json* f = field(*smmu, "faults"); f && f->is_object())
        for (const auto& [reason, n] : f->items())
            if (n.is_number()) b.add("faults " + reason, "", n.get<double>());
}

void display_metrics(const json& r, Builder& b) {
    const json* display = field(r, "display");
    if (!display || !display->is_array()) return;
    b.section("display");
    for (const auto& h : *display) {
        std::string dev = text(h, "device");
        if (dev.empty()) {
            const json* head = number(h, "head");
            dev = head ? fmt::format("head {}", as_double(*head)) : "head";
        }
        b.add(h, "frames", dev + " frames");
        b.add(h, "underflows", dev + " underflowed lines");
        b.add(h, "bandwidth_MBps", dev, "MB/s", 1);
        double min_fifo = std::numeric_limits<double>::infinity();
        if (const json* w = field(h, "windows"); w && w->is_array())
            for (const auto& win : *w)
                if (const json* f = number(win, "min_fifo_bytes")) min_fifo = std::min(min_fifo, as_double(*f));
        if (std::isfinite(min_fifo)) b.add(dev + " min FIFO", "B", min_fifo);
    }
}

void host1x_dram_metrics(const json& r, Builder& b) {
    if (const json* h = field(r, "host1x"); h && h->is_object()) {
        if (const json* jobs = field(*h, "jobs")) {
            b.section("host1x");
            b.add(*jobs, "submitted", "jobs submitted");
            b.add(*jobs, "completed", "jobs completed");
            b.add(*jobs, "timed_out", "jobs timed out");
        }
    }
    if (const json* d = field(r, "dram"); d && d->is_object()) {
        b.section("dram");
        b.add(*d, "bandwidth_Bps", "peak bandwidth", "MB/s", 1, 1e-6);
        b.add(*d, "utilisation", "utilisation", "%", 2, 100.0);
    }
}

}  // namespace

std::vector<Metric> report_metrics(const json& report) {
    std::vector<Metric> out;
    Builder b(out);
    run_metrics(report, b);
    client_metrics(report, b);
    smmu_metrics(report, b);
    display_metrics(report, b);
    host1x_dram_metrics(report, b);
    return out;
}

std::string metric_label(const Metric& m) { return m.unit.empty() ? m.name : m.name + " " + m.unit; }

std::string metric_column(const Metric& m) { return m.section + "." + metric_label(m); }

std::string format_metric(const Metric& m) {
    if (m.flag) return m.value != 0 ? "yes" : "no";
    return fmt::format("{:.{}f}", m.value, m.decimals);
}

json metric_json(const Metric& m) {
    if (m.flag) return m.value != 0;
    if (m.decimals == 0 && std::abs(m.value) < 9.0e15) return static_cast<long long>(std::llround(m.value));
    return m.value;
}

std::vector<std::string> metric_columns(const std::vector<std::vector<Metric>>& lists) {
    std::vector<std::string> order;
    // A metric only a later list has goes right after the one before it in
    // that list, so a client one variant lacks still sits with the clients.
    for (const auto& list : lists) {
        size_t after = 0;
        for (const auto& m : list) {
            std::string key = metric_column(m);
            auto it = std::find(order.begin(), order.end(), key);
            if (it == order.end()) it = order.insert(order.begin() + static_cast<std::ptrdiff_t>(after), key);
            after = static_cast<size_t>(it - order.begin()) + 1;
        }
    }
    return order;
}

CompareTable metrics_table(const std::vector<std::string>& columns, const std::vector<std::vector<Metric>>& metrics) {
    CompareTable t;
    t.columns = columns;
    std::map<std::string, size_t> row_of;
    for (const auto& key : metric_columns(metrics)) {
        row_of[key] = t.rows.size();
        t.rows.push_back({"", "", std::vector<std::string>(columns.size()), false});
    }
    for (size_t c = 0; c < metrics.size() && c < columns.size(); ++c)
        for (const auto& m : metrics[c]) {
            CompareTable::Row& r = t.rows[row_of.at(metric_column(m))];
            r.section = m.section;
            r.metric = metric_label(m);
            r.cells[c] = format_metric(m);
        }
    for (auto& r : t.rows)
        r.differs = std::any_of(r.cells.begin(), r.cells.end(), [&](const std::string& s) { return s != r.cells.front(); });
    return t;
}

}  // namespace socsim::app
