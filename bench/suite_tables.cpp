#include "bench/suite_tables.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

namespace socsim::bench {

Stat stat_of(std::vector<double> v) {
    Stat s;
    s.n = v.size();
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    s.median = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    s.min = v.front();
    s.max = v.back();
    return s;
}

std::string num(double v) {
    double a = std::abs(v);
    if (a >= 1000) return fmt::format("{:.0f}", v);
    if (a >= 100) return fmt::format("{:.1f}", v);
    if (a >= 10) return fmt::format("{:.2f}", v);
    if (a >= 0.1 || a == 0) return fmt::format("{:.3f}", v);
    return fmt::format("{:.2g}", v);
}

std::string range(const Stat& s) { return num(s.min) + ".." + num(s.max); }

namespace {

const Figure* find(const std::vector<Figure>& figures, const std::string& id) {
    for (const auto& f : figures)
        if (f.id == id) return &f;
    return nullptr;
}

}  // namespace

Table figures_table(const std::vector<Figure>& figures) {
    Table t;
    t.id = "figures";
    t.title = "Figures (median of the repetitions; ratio = M tx/s / (a)'s M tx/s)";
    t.columns = {"figure", "unit", "median", "min..max", "M tx/s", "vs (a)", "target", "met"};
    const Figure* a = find(figures, "a");
    double a_mtx = a && !a->mtx_s.empty() ? stat_of(a->mtx_s).median : 0;
    for (const auto& f : figures) {
        Stat v = stat_of(f.values);
        Stat m = stat_of(f.mtx_s);
        bool has_mtx = !f.mtx_s.empty();
        t.rows.push_back({fmt::format("({}) {}", f.id, f.name), f.unit, num(v.median), range(v),
                          has_mtx ? num(m.median) : "-", has_mtx && a_mtx > 0 ? num(m.median / a_mtx) : "-",
                          f.target.empty() ? "-" : f.target,
                          f.met ? (*f.met ? "met" : "MISSED") : "-"});
    }
    t.notes.push_back("M tx/s: MC transactions (64-byte reads for (a)..(c)) per second of wall time; for socsim runs, "
                      "all memory clients' requests over the report's wall_time_s (the simulation loop).");
    return t;
}

json figures_json(const std::vector<Figure>& figures) {
    json out = json::array();
    const Figure* a = find(figures, "a");
    double a_mtx = a && !a->mtx_s.empty() ? stat_of(a->mtx_s).median : 0;
    for (const auto& f : figures) {
        Stat v = stat_of(f.values);
        json j = {{"id", f.id}, {"name", f.name}, {"unit", f.unit}, {"values", f.values},
                  {"median", v.median}, {"min", v.min}, {"max", v.max}};
        if (!f.mtx_s.empty()) {
            Stat m = stat_of(f.mtx_s);
            j["mtx_per_s"] = f.mtx_s;
            j["mtx_per_s_median"] = m.median;
            if (a_mtx > 0) j["ratio_to_a"] = m.median / a_mtx;
        }
        if (!f.target.empty()) j["target"] = f.target;
        if (f.met) j["met"] = *f.met;
        out.push_back(j);
    }
    return out;
}

std::string format_text(const Table& t) {
    std::vector<size_t> w(t.columns.size());
    for (size_t c = 0; c < w.size(); ++c) {
        w[c] = t.columns[c].size();
        for (const auto& r : t.rows) w[c] = std::max(w[c], r[c].size());
    }
    std::string out = t.title + "\n";
    auto line = [&](const std::vector<std::string>& cells) {
        std::string l;
        for (size_t c = 0; c < w.size(); ++c)   // the first column left, the figures right
            l += c == 0 ? fmt::format("{:<{}}", cells[c], w[c]) : fmt::format("  {:>{}}", cells[c], w[c]);
        out += l + "\n";
    };
    line(t.columns);
    for (const auto& r : t.rows) line(r);
    for (const auto& n : t.notes) out += n + "\n";
    return out;
}

std::string format_markdown(const Table& t) {
    auto cell = [](std::string s) {
        for (size_t p = 0; (p = s.find('|', p)) != std::string::npos; p += 2) s.replace(p, 1, "\\|");
        return s;
    };
    std::string out = "**" + t.title + "**\n\n|";
    for (const auto& c : t.columns) out += " " + cell(c) + " |";
    out += "\n|";
    for (size_t c = 0; c < t.columns.size(); ++c) out += c == 0 ? "---|" : "---:|";
    out += "\n";
    for (const auto& r : t.rows) {
        out += "|";
        for (const auto& c : r) out += " " + cell(c) + " |";
        out += "\n";
    }
    for (const auto& n : t.notes) out += "\n" + n + "\n";
    return out;
}

bool splice_markdown(const std::string& path, const std::string& body, std::string& error) {
    std::string text;
    {
        std::ifstream in(path);
        if (in) {
            std::stringstream ss;
            ss << in.rdbuf();
            text = ss.str();
        }
    }
    std::string begin = kMarkdownBegin, end = kMarkdownEnd;
    size_t b = text.find(begin), e = text.find(end);
    std::string out;
    if (b != std::string::npos && e != std::string::npos && b < e)
        out = text.substr(0, b + begin.size()) + "\n" + body + text.substr(e);
    else
        out = begin + "\n" + body + end + "\n";
    std::ofstream f(path);
    f << out;
    if (!f) error = "cannot write " + path;
    return bool(f);
}

}  // namespace socsim::bench
