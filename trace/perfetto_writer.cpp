#include "trace/perfetto_writer.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

namespace socsim::trace {

std::string json_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", int(c));
                else out += c;
        }
    }
    return out;
}

// --- EventArgs ---

void EventArgs::key(std::string_view k) {
    if (!body_.empty()) body_ += ',';
    body_ += '"';
    body_ += json_escape(k);
    body_ += "\":";
}

EventArgs& EventArgs::num(std::string_view k, uint64_t v) {
    key(k);
    fmt::format_to(std::back_inserter(body_), "{}", v);
    return *this;
}

EventArgs& EventArgs::real(std::string_view k, double v) {
    key(k);
    if (std::isfinite(v)) fmt::format_to(std::back_inserter(body_), "{}", v);
    else body_ += "null";
    return *this;
}

EventArgs& EventArgs::str(std::string_view k, std::string_view v) {
    key(k);
    body_ += '"';
    body_ += json_escape(v);
    body_ += '"';
    return *this;
}

EventArgs& EventArgs::hex(std::string_view k, uint64_t v) {
    key(k);
    fmt::format_to(std::back_inserter(body_), "\"{:#x}\"", v);
    return *this;
}

EventArgs& EventArgs::flag(std::string_view k, bool v) {
    key(k);
    body_ += v ? "true" : "false";
    return *this;
}

// --- PerfettoWriter ---

PerfettoWriter::~PerfettoWriter() {
    if (file_) finish();
}

bool PerfettoWriter::open(const std::string& path) {
    file_ = std::fopen(path.c_str(), "w");
    if (!file_) return false;
    buf_.reserve(kBufferBytes + 4096);
    buf_ = "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n";
    return true;
}

void PerfettoWriter::set_window(uint64_t from_ps, uint64_t to_ps) {
    from_ns_ = from_ps / 1000;
    to_ns_ = to_ps / 1000;
}

bool PerfettoWriter::span_in_window(uint64_t start_ps, uint64_t end_ps) const {
    return start_ps / 1000 <= to_ns_ && end_ps / 1000 >= from_ns_;
}

void PerfettoWriter::begin_event() {
    if (!first_) buf_ += ",\n";
    first_ = false;
    ++events_;
}

void PerfettoWriter::ts(std::string_view key, uint64_t ns) {
    // A tenth of a nanosecond over: readers that truncate ts x 1000 land on it.
    fmt::format_to(std::back_inserter(buf_), ",\"{}\":{}.{:03}1", key, ns / 1000, ns % 1000);
}

void PerfettoWriter::args(const EventArgs& a) {
    if (a.empty()) return;
    buf_ += ",\"args\":{";
    buf_ += a.body();
    buf_ += '}';
}

void PerfettoWriter::drain() {
    if (buf_.size() < kBufferBytes) return;
    if (file_ && std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) failed_ = true;
    buf_.clear();
}

void PerfettoWriter::process_name(int pid, std::string_view name, int sort_index) {
    if (!file_) return;
    begin_event();
    fmt::format_to(std::back_inserter(buf_),
                   R"({{"ph":"M","pid":{},"name":"process_name","args":{{"name":"{}"}}}})", pid,
                   json_escape(name));
    begin_event();
    fmt::format_to(std::back_inserter(buf_),
                   R"({{"ph":"M","pid":{},"name":"process_sort_index","args":{{"sort_index":{}}}}})", pid,
                   sort_index);
    drain();
}

void PerfettoWriter::thread_name(int pid, int tid, std::string_view name) {
    if (!file_) return;
    begin_event();
    fmt::format_to(std::back_inserter(buf_),
                   R"({{"ph":"M","pid":{},"tid":{},"name":"thread_name","args":{{"name":"{}"}}}})", pid, tid,
                   json_escape(name));
    drain();
}

void PerfettoWriter::complete(int pid, int tid, std::string_view name, std::string_view cat, uint64_t start_ps,
                              uint64_t end_ps, const EventArgs& a) {
    if (!file_ || !span_in_window(start_ps, end_ps)) return;
    uint64_t s = start_ps / 1000, e = end_ps / 1000;
    begin_event();
    fmt::format_to(std::back_inserter(buf_), R"({{"ph":"X","pid":{},"tid":{},"name":"{}","cat":"{}")", pid, tid,
                   json_escape(name), json_escape(cat));
    ts("ts", s);
    ts("dur", e > s ? e - s : 0);
    args(a);
    buf_ += '}';
    drain();
}

void PerfettoWriter::async(int pid, std::string_view name, std::string_view cat, uint64_t id, uint64_t start_ps,
                           uint64_t end_ps, const EventArgs& a) {
    if (!file_ || !span_in_window(start_ps, end_ps)) return;
    std::string n = json_escape(name), c = json_escape(cat);
    begin_event();
    fmt::format_to(std::back_inserter(buf_), R"({{"ph":"b","pid":{},"name":"{}","cat":"{}","id":{})", pid, n,
                   c, id);
    ts("ts", start_ps / 1000);
    args(a);
    buf_ += '}';
    begin_event();
    fmt::format_to(std::back_inserter(buf_), R"({{"ph":"e","pid":{},"name":"{}","cat":"{}","id":{})", pid, n,
                   c, id);
    ts("ts", std::max(start_ps, end_ps) / 1000);
    buf_ += '}';
    drain();
}

void PerfettoWriter::instant(int pid, int tid, std::string_view name, std::string_view cat, uint64_t t_ps,
                             const EventArgs& a) {
    if (!file_ || !time_in_window(t_ps)) return;
    begin_event();
    fmt::format_to(std::back_inserter(buf_), R"({{"ph":"i","s":"t","pid":{},"tid":{},"name":"{}","cat":"{}")", pid,
                   tid, json_escape(name), json_escape(cat));
    ts("ts", t_ps / 1000);
    args(a);
    buf_ += '}';
    drain();
}

void PerfettoWriter::counter(int pid, std::string_view name, std::string_view series, uint64_t t_ps, double value) {
    if (!file_ || !time_in_window(t_ps)) return;
    begin_event();
    fmt::format_to(std::back_inserter(buf_), R"({{"ph":"C","pid":{},"name":"{}")", pid, json_escape(name));
    ts("ts", t_ps / 1000);
    EventArgs a;
    a.real(series, value);
    args(a);
    buf_ += '}';
    drain();
}

bool PerfettoWriter::finish() {
    if (!file_) return !failed_;
    buf_ += "\n]}\n";
    if (std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) failed_ = true;
    buf_.clear();
    if (std::fclose(file_) != 0) failed_ = true;
    file_ = nullptr;
    return !failed_;
}

}  // namespace socsim::trace
