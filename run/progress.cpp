#include "run/progress.h"

#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "util/units.h"

namespace socsim::run {

namespace {

constexpr std::chrono::milliseconds kRedraw{200};  // terminal refresh
constexpr std::chrono::seconds kLogEvery{5};       // one plain line this often

}  // namespace

ProgressLine::ProgressLine(std::ostream* out, bool terminal, uint64_t duration_ns, double quiet_s)
    : out_(out), terminal_(terminal), duration_ns_(duration_ns),
      quiet_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(quiet_s))),
      start_(Clock::now()), last_(start_) {}

void ProgressLine::update(uint64_t sim_ns) {
    if (!out_) return;
    Clock::time_point now = Clock::now();
    if (now - start_ < quiet_) return;
    if (shown_ && now - last_ < (terminal_ ? Clock::duration(kRedraw) : Clock::duration(kLogEvery))) return;
    last_ = now;
    double wall = std::chrono::duration<double>(now - start_).count();
    double pct = duration_ns_ ? 100.0 * double(sim_ns) / double(duration_ns_) : 0.0;
    std::string line = fmt::format("socsim: {} of {} simulated ({:.0f}%), {} real time, wall {:.1f} s",
                                   format_time_ns(sim_ns), format_time_ns(duration_ns_), pct,
                                   format_realtime_factor(double(sim_ns) * 1e-9, wall), wall);
    if (terminal_) fmt::print(*out_, "\r{}\x1b[K", line);
    else fmt::print(*out_, "{}\n", line);
    out_->flush();
    shown_ = true;
}

void ProgressLine::finish() {
    if (out_ && terminal_ && shown_) {
        fmt::print(*out_, "\r\x1b[K");
        out_->flush();
    }
}

}  // namespace socsim::run
