// [system] `socsim sweep`: a 2x2 grid run locally (-j 2) and through
// --emit-jobs, every line of jobs.txt run by sh, and --merge give the same
// four result rows with the same figures (all but the host's wall time);
// a missing report is listed and its row marked; bad sweep files are
// located errors (the tests/sweeps/bad corpus).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/corpus.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

using nlohmann::json;
using socsim::test::read_text;
using socsim::test::run_socsim;
using socsim::test::source_path;
using socsim::test::TempDir;

namespace {

using Row = std::vector<std::string>;

// RFC 4180: fields separated by commas, records by CRLF, quoted fields may
// hold commas, CR, LF and doubled quotes.
std::vector<Row> parse_csv(const std::string& text) {
    std::vector<Row> rows;
    Row row;
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    REQUIRE(row.empty());   // the last record ends with CRLF too
    return rows;
}

std::map<std::string, std::string> as_map(const Row& header, const Row& row) {
    std::map<std::string, std::string> m;
    for (size_t i = 0; i < header.size() && i < row.size(); ++i) m[header[i]] = row[i];
    return m;
}

const std::string kSweep = "tests/sweeps/tlb-dram.yaml";

}  // namespace

TEST_CASE("sweep: local -j 2 and emit-jobs + sh + merge give the same four rows", "[system][sweep]") {
    TempDir dir;
    auto local = run_socsim({"sweep", source_path(kSweep), "-j", "2", "--out", dir / "local"});
    INFO(local.out << local.err);
    REQUIRE(local.exit_code == 0);
    CHECK(local.out.find("sweep test-tlb-dram: 4 points: 4 passed") != std::string::npos);
    CHECK(local.err.find("4/4 done, 0 running") != std::string::npos);   // plain progress lines off a terminal
    auto rows = parse_csv(read_text(dir / "local/results.csv"));
    REQUIRE(rows.size() == 5);
    const Row& header = rows[0];
    REQUIRE(header.size() > 8);
    CHECK(Row(header.begin(), header.begin() + 6) ==
          Row{"point", "policy", "smmu.tlb_lines", "mc.dram_bandwidth", "passed", "status"});
    const std::vector<std::pair<std::string, std::string>> grid = {
        {"16", "400MB/s"}, {"16", "12.8GB/s"}, {"32", "400MB/s"}, {"32", "12.8GB/s"}};
    for (size_t i = 0; i < 4; ++i) {
        auto m = as_map(header, rows[i + 1]);
        CHECK(m["point"] == std::to_string(i + 1));
        CHECK(m["policy"] == "shared-attach");
        CHECK(m["smmu.tlb_lines"] == grid[i].first);
        CHECK(m["mc.dram_bandwidth"] == grid[i].second);
        CHECK(m["passed"] == "true");
        CHECK(m["status"] == "passed");
        CHECK(m["smmu.TLB lines"] == grid[i].first);
        CHECK(m["smmu.walks"] == (grid[i].first == "16" ? "48" : "24"));
        CHECK(m["dram.peak bandwidth MB/s"] == (grid[i].second == "400MB/s" ? "400.0" : "12800.0"));
        CHECK(std::filesystem::exists(dir / "local/points/000" + std::to_string(i + 1) + ".json"));
        CHECK(std::filesystem::exists(dir / "local/points/000" + std::to_string(i + 1) + ".log"));
    }
    json results = json::parse(read_text(dir / "local/results.json"));
    CHECK(results["sweep"]["sweep"] == "test-tlb-dram");
    CHECK(results["sweep"]["set"]["mc.dram_latency"] == "120ns");
    REQUIRE(results["rows"].size() == 4);
    CHECK(results["rows"][3]["smmu.tlb_lines"] == "32");
    CHECK(results["rows"][3]["smmu.walks"] == 24);
    CHECK(results["rows"][3]["passed"] == true);

    std::string jobs_dir = dir / "jobs";
    auto emit = run_socsim({"sweep", source_path(kSweep), "--emit-jobs", jobs_dir});
    INFO(emit.out << emit.err);
    REQUIRE(emit.exit_code == 0);
    CHECK(emit.out.find("parallel -j8 < " + jobs_dir + "/jobs.txt") != std::string::npos);
    CHECK(emit.out.find("sbatch --array=1-4 --wrap 'sed -n \"${SLURM_ARRAY_TASK_ID}p\" " + jobs_dir +
                        "/jobs.txt | sh'") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(jobs_dir + "/points/0001.json"));   // nothing ran
    std::istringstream lines(read_text(jobs_dir + "/jobs.txt"));
    size_t n = 0;
    for (std::string line; std::getline(lines, line); ++n) {
        INFO(line);
        CHECK(line.rfind("/", 0) == 0);   // an absolute socsim path: runs from any directory
        CHECK(std::system(("cd / && " + line).c_str()) == 0);
    }
    CHECK(n == 4);
    auto merge = run_socsim({"sweep", "--merge", jobs_dir});
    INFO(merge.out << merge.err);
    REQUIRE(merge.exit_code == 0);
    auto merged = parse_csv(read_text(jobs_dir + "/results.csv"));
    REQUIRE(merged.size() == 5);
    CHECK(merged[0] == header);
    for (size_t i = 1; i < 5; ++i)
        for (size_t c = 0; c < header.size(); ++c) {
            if (header[c] == "run.wall time s" || header[c] == "run.real-time factor") continue;
            INFO("row " << i << " column " << header[c]);
            CHECK(merged[i][c] == rows[i][c]);
        }

    // A report that never came back: listed on stderr, its row marked, exit 1.
    std::filesystem::remove(jobs_dir + "/points/0002.json");
    auto missing = run_socsim({"sweep", "--merge", jobs_dir});
    CHECK(missing.exit_code == 1);
    CHECK(missing.err.find("point 2 (policy shared-attach, smmu.tlb_lines=16, mc.dram_bandwidth=12.8GB/s): missing") !=
          std::string::npos);
    auto after = parse_csv(read_text(jobs_dir + "/results.csv"));
    REQUIRE(after.size() == 5);
    auto m2 = as_map(header, after[2]);
    CHECK(m2["status"] == "missing");
    CHECK(m2["passed"] == "false");
    CHECK(m2["smmu.walks"].empty());
    CHECK(as_map(header, after[1])["status"] == "passed");
}

TEST_CASE("sweep: a point failing an expectation makes the sweep exit 1 and its row says so", "[system][sweep]") {
    TempDir dir;
    std::string file = dir / "fail.yaml";
    std::ofstream(file) << "sweep: fails\nscenario: " << source_path("tests/scenarios/wrong-expectation.yaml")
                        << "\npolicies: [shared-attach, legacy]\n";
    auto r = run_socsim({"sweep", file, "-j", "2", "--out", dir / "out"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    auto rows = parse_csv(read_text(dir / "out/results.csv"));
    REQUIRE(rows.size() == 3);
    auto first = as_map(rows[0], rows[1]);
    CHECK(first["policy"] == "shared-attach");
    CHECK(first["status"] == "failed");
    CHECK(first["run.failed expectations"] != "0");
    CHECK(r.err.find("point 1 (policy shared-attach) failed an expectation") != std::string::npos);
}

TEST_CASE("sweep: the shipped example is a valid 2x2 sweep", "[system][sweep]") {
    TempDir dir;
    auto r = run_socsim({"sweep", source_path("scenarios/sweeps/tlb-dram.yaml"), "--emit-jobs", dir / "jobs"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("sweep tlb-vs-dram: 4 points") == 0);
    json manifest = json::parse(read_text(dir / "jobs/manifest.json"));
    REQUIRE(manifest["points"].size() == 4);
    CHECK(manifest["points"][0]["parameters"] == json{{"smmu.tlb_lines", "4"}, {"mc.dram_bandwidth", "3.2GB/s"}});
    CHECK(manifest["points"][3]["report"] == "points/0004.json");
    CHECK(manifest["sweep"]["scenario"] == source_path("scenarios/tegra124-display-vic.yaml"));
}

TEST_CASE("sweep: malformed sweep files are located errors, nothing run", "[system][sweep][corpus]") {
    socsim::test::check_corpus("tests/sweeps/bad", "sweep", 15);
}

TEST_CASE("sweep: option misuse is exit 2", "[system][sweep]") {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"sweep"},
             {"sweep", source_path(kSweep), "--merge", "/tmp"},
             {"sweep", source_path(kSweep), "--emit-jobs", "/tmp/x", "--out", "/tmp/y"},
             {"sweep", "--merge", "/nonexistent-socsim-dir"}}) {
        auto r = run_socsim(args);
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind("socsim: error: ", 0) == 0);
    }
}
