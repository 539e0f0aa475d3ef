// What a sweep leaves in its directory, and how it is read back:
//   manifest.json  the definition and every point (policy, parameters,
//                  report and log paths relative to the directory)
//   points/NNNN.json, points/NNNN.log   each point's report and stderr
//   results.csv    one row per point: point, policy, each parameter,
//                  passed, status, then the report metrics (RFC 4180)
//   results.json   the definition and the same rows as objects
// A local run and `--merge` of jobs run elsewhere write the results the
// same way, from the reports on disk.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/sweep_spec.h"
#include "app/variant_runs.h"

namespace socsim::app {

struct PointRecord {
    SweepPoint point;
    std::string policy;   // the policy it runs under (the scenario's own when the sweep has no policies)
    std::string report;   // relative to the sweep directory
    std::string log;
};

// "points/0001.json" and ".log"; the index is at least 4 digits wide.
std::vector<PointRecord> point_records(const SweepSpec& spec, const std::string& scenario_policy);

nlohmann::ordered_json manifest_json(const SweepSpec& spec, const std::vector<PointRecord>& points,
                                     const std::string& socsim);
// Reads DIR/manifest.json; false with `error` when it is missing or not one.
bool read_manifest(const std::string& dir, SweepSpec& spec, std::vector<PointRecord>& points, std::string& error);

struct SweepResults {
    std::vector<std::string> columns;
    std::vector<nlohmann::ordered_json> rows;   // objects keyed by column; null = no value
};

SweepResults sweep_results(const SweepSpec& spec, const std::vector<PointRecord>& points,
                           const std::vector<RunOutcome>& outcomes);

// One CSV field as RFC 4180 has it: quoted when it holds a comma, a double
// quote, CR or LF, with double quotes doubled.
std::string csv_field(const std::string& text);
// Header and rows, CRLF line ends (RFC 4180).
void write_results_csv(std::ostream& out, const SweepResults& r);
nlohmann::ordered_json results_json(const SweepSpec& spec, const SweepResults& r);

}  // namespace socsim::app
