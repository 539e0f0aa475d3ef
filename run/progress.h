// The progress line of a long run on stderr: simulated time reached, the
// share of the scenario's duration, and the real-time factor (simulated
// seconds per wall-clock second). Silent for the first second of wall
// time (by default), so short runs print nothing. On a terminal the line is redrawn in
// place and erased at the end; otherwise (a log, CI) a plain line is
// written every few seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>

namespace socsim::run {

class ProgressLine {
public:
    // `out` null: no output (update() costs a clock read). `quiet_s`: no
    // line before this much wall time (1 s for `--progress auto`, 0 for
    // `always`).
    ProgressLine(std::ostream* out, bool terminal, uint64_t duration_ns, double quiet_s = 1.0);
    void update(uint64_t sim_ns);
    void finish();

private:
    using Clock = std::chrono::steady_clock;
    std::ostream* out_;
    bool terminal_;
    uint64_t duration_ns_;
    Clock::duration quiet_;
    Clock::time_point start_, last_;
    bool shown_ = false;
};

}  // namespace socsim::run
