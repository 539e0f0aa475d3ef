// [system] The benchmark suite (`socsim_bench --quick`): it runs every
// section with tiny sizes and prints every row; its JSON holds the figures
// (a)..(f) and the scaling tables, whose memory columns show the sparse
// DRAM at work (the same pages resident whatever the DRAM size; pages
// resident in proportion to what is written); --markdown splices its tables
// between the markers of an existing file. No wall-time figure is checked:
// they depend on the machine.
#include <catch2/catch.hpp>

#ifdef SOCSIM_BENCH_BIN

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/run_command.h"
#include "support/read_text.h"
#include "support/temp_dir.h"

using nlohmann::json;

TEST_CASE("socsim_bench --quick runs every section and prints every row", "[system][bench]") {
    socsim::test::TempDir dir;
    std::ofstream(dir / "doc.md") << "# Title\n\nbefore\n<!-- socsim_bench:begin -->\nold figures\n"
                                     "<!-- socsim_bench:end -->\nafter\n";
    auto r = socsim::test::run_process({SOCSIM_BENCH_BIN, "--quick", "--json", dir / "bench.json", "--markdown",
                                        dir / "doc.md"},
                                       {{}, 120, true});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    for (const char* row : {"(a0) ", "(a) ", "(a2) ", "(b) ", "(c) ", "(bypass) ", "(d) ", "(e) ", "(f) ",
                            "Scaling with simulated time", "Scaling with clients", "Scaling with DRAM size",
                            "Scaling with mapped memory", "machine: nproc", "Trace-hook cost: not measured"})
        CHECK(r.out.find(row) != std::string::npos);

    std::ifstream in(dir / "bench.json");
    json j = json::parse(in);
    std::vector<std::string> ids;
    for (const auto& f : j["figures"]) {
        ids.push_back(f["id"]);
        CHECK(f["values"].size() == 1);   // --quick: one repetition
    }
    CHECK(ids == std::vector<std::string>{"a0", "a", "a2", "b", "c", "bypass", "d", "e", "e-cpu", "f"});
    CHECK(j["tables"]["time"]["rows"].size() == 3);
    CHECK(j["tables"]["clients"]["rows"].size() == 4);
    // Transactions grow with the engines: each engine does the same traffic.
    const json& clients = j["tables"]["clients"]["rows"];
    CHECK(clients[3]["transactions"].get<uint64_t>() == 8 * clients[0]["transactions"].get<uint64_t>());
    // The same traffic on 256 MiB, 1 GiB and 4 GiB of DRAM touches the same pages.
    const json& dram = j["tables"]["dram"]["rows"];
    REQUIRE(dram.size() == 3);
    CHECK(dram[0]["resident_pages"] == dram[2]["resident_pages"]);
    // Mapped and written: at least those pages resident, growing with them.
    for (const auto& row : j["tables"]["mapped"]["rows"])
        CHECK(row["resident_pages"].get<uint64_t>() >= row["mapped_bytes"].get<uint64_t>() / 4096);

    std::string doc = socsim::test::read_text(dir / "doc.md");
    CHECK(doc.rfind("# Title\n\nbefore\n<!-- socsim_bench:begin -->\n", 0) == 0);
    CHECK(doc.find("old figures") == std::string::npos);
    CHECK(doc.find("| (b) ") != std::string::npos);
    const std::string tail = "<!-- socsim_bench:end -->\nafter\n";
    REQUIRE(doc.size() > tail.size());
    CHECK(doc.substr(doc.size() - tail.size()) == tail);
}

#endif
