// The suite's output: the machine, the figures table, the other tables and
// the notes on stdout; the same as JSON (--json) and Markdown (--markdown).
#include <fstream>
#include <iostream>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "bench/suite_sections.h"
#include "bench/suite_tables.h"

namespace socsim::bench {

namespace {

std::string machine_line(const json& m) {
    return fmt::format("machine: nproc {}, {}, SystemC {}, build {}, load average {} before / {} after, {}",
                       m.value("nproc", 0u), m.value("compiler", ""), m.value("systemc", "(not run)"),
                       m.value("build", ""), m.value("loadavg_before", ""), m.value("loadavg_after", ""),
                       m.value("date", ""));
}

}  // namespace

int Suite::print(std::ostream& out) {
    std::vector<Table> all;
    if (!figures_.empty()) all.push_back(figures_table(figures_));
    for (const Table& t : tables_) all.push_back(t);

    std::string head = machine_line(machine) + "\n";
    head += fmt::format("command: {}\nrepetitions: {} (medians; min..max over them){}\n", opt_.command,
                        opt_.sizes.reps, opt_.quick ? "; --quick: tiny sizes, the figures mean nothing" : "");
    out << head;
    for (const Table& t : all) out << "\n" << format_text(t);
    if (!notes_.empty()) out << "\n";
    for (const auto& n : notes_) out << n << "\n";

    int rc = 0;
    if (!opt_.json.empty()) {
        json j;
        j["machine"] = machine;
        j["command"] = opt_.command;
        j["reps"] = opt_.sizes.reps;
        j["quick"] = opt_.quick;
        j["figures"] = figures_json(figures_);
        json tables = json::object();
        for (const Table& t : tables_)
            tables[t.id] = {{"title", t.title}, {"columns", t.columns}, {"rows", t.rows_json}};
        j["tables"] = tables;
        j["notes"] = notes_;
        std::ofstream f(opt_.json);
        f << j.dump(2) << "\n";
        if (!f) {
            std::cerr << "socsim_bench: error: cannot write " << opt_.json << "\n";
            rc = 1;
        }
    }
    if (!opt_.markdown.empty()) {
        std::string md = "```\n" + head + "```\n";
        for (const Table& t : all) md += "\n" + format_markdown(t);
        if (!notes_.empty()) md += "\n";
        for (const auto& n : notes_) md += "- " + n + "\n";
        std::string error;
        if (!splice_markdown(opt_.markdown, md, error)) {
            std::cerr << "socsim_bench: error: " << error << "\n";
            rc = 1;
        }
    }
    return rc;
}

}  // namespace socsim::bench
