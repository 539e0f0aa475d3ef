#include "app/progress.h"

#include <cmath>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace socsim::app {

Progress::Progress(std::ostream& err, bool terminal, std::string what)
    : err_(err), terminal_(terminal), what_(std::move(what)), start_(std::chrono::steady_clock::now()) {}

std::string format_duration(double seconds) {
    if (seconds < 60) return fmt::format("{:.1f} s", seconds);
    auto s = static_cast<long>(std::lround(seconds));
    if (s < 3600) return fmt::format("{}:{:02}", s / 60, s % 60);
    return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
}

std::string Progress::status(const PoolState& s) const {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    // Finished points so far predict the rest (the pool keeps its width).
    std::string eta = s.done == 0 ? "?" : format_duration(elapsed / double(s.done) * double(s.total - s.done));
    return fmt::format("{}: {}/{} done, {} running, elapsed {}, ETA {}", what_, s.done, s.total, s.running,
                       format_duration(elapsed), s.done == s.total ? format_duration(0) : eta);
}

void Progress::draw(const PoolState& s) {
    constexpr size_t kWidth = 24;
    size_t filled = s.total ? s.done * kWidth / s.total : kWidth;
    fmt::print(err_, "\r[{}{}] {}\033[K", std::string(filled, '#'), std::string(kWidth - filled, '.'), status(s));
    err_.flush();
    drawn_ = true;
}

void Progress::clear() {
    if (drawn_) fmt::print(err_, "\r\033[K");
    drawn_ = false;
}

void Progress::update(const PoolState& s) {
    last_ = s;
    if (terminal_) draw(s);
}

void Progress::finished(const PoolState& s) {
    last_ = s;
    if (terminal_) draw(s);
    else fmt::print(err_, "{}\n", status(s));
}

void Progress::note(const std::string& line) {
    clear();
    fmt::print(err_, "{}\n", line);
    if (terminal_) draw(last_);
}

void Progress::done() {
    if (drawn_) fmt::print(err_, "\n");
    drawn_ = false;
}

}  // namespace socsim::app
