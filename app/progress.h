// A progress line on stderr for runs of many child processes: points done,
// running and total, elapsed time and an estimate of the time left. On a
// terminal it is one bar redrawn in place; otherwise (a log, a CI job) one
// plain line per finished point, so nothing is overwritten.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>

#include "app/child_process.h"

namespace socsim::app {

class Progress {
public:
    Progress(std::ostream& err, bool terminal, std::string what);

    void update(const PoolState& s);    // redraws the bar (terminal) or does nothing
    void finished(const PoolState& s);  // a point ended: redraw, or print a line
    void note(const std::string& line); // a message above the bar
    void done();                        // leaves the bar's last state on its own line

private:
    std::string status(const PoolState& s) const;
    void draw(const PoolState& s);
    void clear();

    std::ostream& err_;
    bool terminal_;
    std::string what_;
    std::chrono::steady_clock::time_point start_;
    PoolState last_;
    bool drawn_ = false;
};

// "1:05", "12.3 s": elapsed and remaining times for humans.
std::string format_duration(double seconds);

}  // namespace socsim::app
