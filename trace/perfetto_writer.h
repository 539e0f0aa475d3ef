// A writer of Chrome trace-event JSON, the "JSON object format" that
// ui.perfetto.dev ("Open trace file") and chrome://tracing open:
//
//   {"displayTimeUnit":"ns","traceEvents":[
//   {"ph":"X","pid":1,"tid":1,"name":"bind","cat":"step","ts":2.550,"dur":0.350,"args":{...}},
//   ...]}
//
// Events are streamed to the file as they come (Perfetto sorts them), so
// memory stays bounded by one write buffer (kBufferBytes). `ts` and `dur`
// are microseconds to the nanosecond: simulated picoseconds are floored to
// whole nanoseconds, so events that do not overlap in picoseconds do not
// overlap in the file either, and printed with a fourth decimal of 1 (a
// tenth of a nanosecond) because Perfetto truncates ts x 1000 and 0.950
// would come out as 949 ns. Kinds written: metadata ("M": process_name,
// process_sort_index, thread_name), complete ("X"), async pairs ("b"/"e"
// with cat and the caller's id, written together when the span is known;
// Perfetto gives each (cat, id) a track, so spans sharing an id must not
// overlap), instants ("i", thread scope) and counters ("C").
// A time window, when set, keeps only events overlapping it (spans with
// start <= to and end >= from, instants and counters within it; metadata
// always). finish() closes the JSON; the destructor does if nobody did.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace socsim::trace {

// JSON string contents (without quotes) for `s`.
std::string json_escape(std::string_view s);

// The `args` object of one event, built in place.
class EventArgs {
public:
    EventArgs& num(std::string_view key, uint64_t v);
    EventArgs& real(std::string_view key, double v);   // non-finite values are written as null
    EventArgs& str(std::string_view key, std::string_view v);
    EventArgs& hex(std::string_view key, uint64_t v);  // "0x1f000" (addresses)
    EventArgs& flag(std::string_view key, bool v);
    bool empty() const { return body_.empty(); }
    const std::string& body() const { return body_; }   // "k":v,... without braces

private:
    void key(std::string_view k);
    std::string body_;
};

class PerfettoWriter {
public:
    static constexpr size_t kBufferBytes = 1 << 20;

    PerfettoWriter() = default;
    PerfettoWriter(const PerfettoWriter&) = delete;
    PerfettoWriter& operator=(const PerfettoWriter&) = delete;
    ~PerfettoWriter();

    // Creates `path` and writes the opening; false when it cannot be written.
    bool open(const std::string& path);
    // Keeps only events overlapping [from_ps, to_ps].
    void set_window(uint64_t from_ps, uint64_t to_ps);

    void process_name(int pid, std::string_view name, int sort_index);
    void thread_name(int pid, int tid, std::string_view name);
    void complete(int pid, int tid, std::string_view name, std::string_view cat, uint64_t start_ps, uint64_t end_ps,
                  const EventArgs& args = {});
    // A "b"/"e" pair; args go on the "b".
    void async(int pid, std::string_view name, std::string_view cat, uint64_t id, uint64_t start_ps, uint64_t end_ps,
               const EventArgs& args = {});
    void instant(int pid, int tid, std::string_view name, std::string_view cat, uint64_t t_ps,
                 const EventArgs& args = {});
    // One value of the counter track `name` (series `series` of it).
    void counter(int pid, std::string_view name, std::string_view series, uint64_t t_ps, double value);

    // Closes the JSON and the file; false when any write failed.
    bool finish();
    uint64_t events() const { return events_; }   // written, metadata included
    bool span_in_window(uint64_t start_ps, uint64_t end_ps) const;
    bool time_in_window(uint64_t t_ps) const { return span_in_window(t_ps, t_ps); }

private:
    void begin_event();
    void ts(std::string_view key, uint64_t ns);
    void args(const EventArgs& a);
    void drain();

    std::FILE* file_ = nullptr;
    std::string buf_;
    bool first_ = true, failed_ = false;
    uint64_t events_ = 0;
    uint64_t from_ns_ = 0, to_ns_ = UINT64_MAX;
};

}  // namespace socsim::trace
