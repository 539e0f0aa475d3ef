// socsim_bench: the benchmark suite in one command (`./build.sh bench`).
// It prints, in one table, the figures of issue 7 measured on this machine:
//
//  (a)  a bare TLM initiator -> memory loop, 64-byte reads, 1 us quantum
//       (bench_translate's baseline; (a0) and (a2) are its variants);
//  (b)  the same reads through the MC + SMMU + DRAM with TLB hits;
//  (c)  the same with a TLB miss and a page-table walk per read;
//  (d)  a host1x + VIC job stream (bench/scenarios/tegra124-vic-jobs.yaml);
//  (e)  the reference workload's real-time factor over one simulated
//       second (bench/scenarios/tegra124-display-vic-steady.yaml);
//  (f)  the peak resident memory of (e)'s process;
//
// then scaling tables (simulated time, clients, DRAM size, mapped memory)
// and, with --nohooks DIR, what the trace hooks cost with tracing off
// against a build without them (and with --callgrind, instruction counts).
// (a)..(c) run in one bench_translate child (it interleaves its phases and
// takes medians itself); every other figure is a `socsim run` child, as
// SystemC elaborates once per process. Children run one at a time, their
// repetitions interleaved; each figure is the median of --reps.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "bench/dma_workload.h"
#include "bench/suite_runs.h"
#include "bench/suite_sections.h"
#include "bench/suite_tables.h"

#ifndef SOCSIM_BENCH_BUILD
#define SOCSIM_BENCH_BUILD "unknown build"
#endif

using namespace socsim::bench;

namespace {

std::string loadavg() {
    std::ifstream f("/proc/loadavg");
    std::string one, five, fifteen;
    return f >> one >> five >> fifteen ? one + " " + five + " " + fifteen : std::string("unknown");
}

std::string compiler() {
#if defined(__clang__)
    return std::string("clang ") + __clang_version__;
#else
    return std::string("g++ ") + __VERSION__;
#endif
}

std::string utc_now() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
    return buf;
}

}  // namespace

int main(int argc, char** argv) {
    SuiteOptions opt;
    bool quick = false;
    int reps = 0;
    CLI::App app{"socsim_bench: the benchmark suite (figures (a)..(f), scaling tables, trace-hook cost)"};
    app.add_option("--reps", reps, "repetitions of every measurement; the median is reported (default 3)")
        ->check(CLI::Range(1, 100));
    app.add_flag("--quick", quick, "tiny sizes: checks that every row runs and prints; the figures mean nothing");
    app.add_option("--only", opt.only, "sections to run (default all): " + section_names())
        ->delimiter(',')
        ->check(CLI::IsMember(section_list()));
    app.add_option("--nohooks", opt.nohooks_dir,
                   "a build directory configured with -DSOCSIM_TRACE_HOOKS=OFF: compare (b), (c) and (e) with it");
    app.add_flag("--callgrind", opt.callgrind, "also count instructions with valgrind's callgrind (slow; needs valgrind)");
    app.add_option("--json", opt.json, "write every figure and table to this JSON file");
    app.add_option("--markdown", opt.markdown,
                   "write the tables in Markdown to this file, between the lines " + std::string(kMarkdownBegin) +
                       " and " + kMarkdownEnd + " when it has them (e.g. docs/performance.md)");
    app.add_option("--keep", opt.keep, "keep the children's reports, logs and generated scenarios in this directory");
    app.add_option("--socsim", opt.build.socsim, "the socsim binary (default: this build's)");
    app.add_option("--bench-translate", opt.build.bench_translate, "the bench_translate binary (default: this build's)");
    app.add_option("--source-dir", opt.source_dir, "the socsim source tree (bench/scenarios/; default: this build's)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    for (int i = 0; i < argc; ++i) opt.command += (i ? " " : "") + std::string(i ? argv[i] : "socsim_bench");
    if (quick) opt.sizes = quick_sizes();
    if (reps) opt.sizes.reps = reps;
    opt.quick = quick;
    if (!opt.nohooks_dir.empty()) {
        opt.nohooks = Build{"no hooks", opt.nohooks_dir + "/socsim", opt.nohooks_dir + "/bench/bench_translate"};
        for (const std::string& p : {opt.nohooks->socsim, opt.nohooks->bench_translate})
            if (access(p.c_str(), X_OK) != 0) {
                std::cerr << "socsim_bench: error: --nohooks " << opt.nohooks_dir << ": no executable " << p
                          << " (build it: cmake -S . -B " << opt.nohooks_dir
                          << " -DSOCSIM_TRACE_HOOKS=OFF && cmake --build " << opt.nohooks_dir
                          << " --target socsim bench_translate)\n";
                return 2;
            }
    }
    for (const std::string& p : {opt.build.socsim, opt.build.bench_translate})
        if (access(p.c_str(), X_OK) != 0) {
            std::cerr << "socsim_bench: error: no executable " << p << "\n";
            return 2;
        }

    std::string workdir = opt.keep;
    std::error_code ec;
    if (workdir.empty()) {
        char tmpl[] = "/tmp/socsim-bench-XXXXXX";
        if (!mkdtemp(tmpl)) {
            std::cerr << "socsim_bench: error: cannot create a temporary directory\n";
            return 2;
        }
        workdir = tmpl;
    } else if (!std::filesystem::create_directories(workdir, ec) && ec) {
        std::cerr << "socsim_bench: error: cannot create " << workdir << ": " << ec.message() << "\n";
        return 2;
    }

    Suite suite(opt, Runner(workdir, &std::cerr));
    suite.machine = {{"nproc", std::thread::hardware_concurrency()},
                     {"compiler", compiler()},
                     {"build", SOCSIM_BENCH_BUILD},
                     {"date", utc_now()},
                     {"loadavg_before", loadavg()}};
    int rc = 0;
    try {
        suite.run_all();
    } catch (const BenchError& e) {
        std::cerr << "socsim_bench: error: " << e.what() << "\n";
        rc = 1;
    }
    suite.machine["loadavg_after"] = loadavg();
    if (rc == 0) rc = suite.print(std::cout);
    if (opt.keep.empty()) std::filesystem::remove_all(workdir, ec);
    else std::cerr << "socsim_bench: children's files kept in " << workdir << "\n";
    return rc;
}
