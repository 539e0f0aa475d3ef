// A writer of Value Change Dump files (IEEE 1364-2005 §18, the format
// GTKWave opens), with picosecond timescale.
//
// Signals are declared at any time before finish(): 1-bit wires and
// unsigned integer vectors, in dot-separated scopes ("soc.mc"), each with an
// initial value (or x). Changes may arrive out of time order (models run
// ahead of kernel time under temporal decoupling): they wait in a buffer
// until flush_before(t) says nothing earlier than t will come, and are then
// written in time order, one `#time` per instant (strictly increasing),
// only where a value actually changes. A change that arrives for a time
// already written is placed at the earliest time still open and counted
// (late_changes). pulse() drives a wire high over an interval; pulses that
// overlap or touch keep it high. The body goes to a temporary file while
// the run lasts; finish() writes the header (which needs every signal)
// followed by the body, so memory holds only the unflushed changes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace socsim::trace {

// The VCD identifier code of signal number `n`: printable ASCII '!'..'~'.
std::string vcd_id(size_t n);

class VcdWriter {
public:
    VcdWriter() = default;
    VcdWriter(const VcdWriter&) = delete;
    VcdWriter& operator=(const VcdWriter&) = delete;
    ~VcdWriter();

    // Creates `path` (so an unwritable path fails now) and the body's
    // temporary file; false when either cannot be created.
    bool open(const std::string& path, std::string_view version);

    // Width 1: a wire; wider: an integer vector. `initial`: value at time 0 (nullopt: x).
    int declare(std::string_view scope, std::string_view name, unsigned width, std::optional<uint64_t> initial);
    void set(int signal, uint64_t t_ps, uint64_t value);
    void set_unknown(int signal, uint64_t t_ps);
    void pulse(int signal, uint64_t from_ps, uint64_t to_ps);

    // Writes every buffered change before `t_ps`; later calls must not go back.
    void flush_before(uint64_t t_ps);
    // Flushes everything, writes header and body; false when a write failed.
    bool finish();

    uint64_t late_changes() const { return late_; }
    size_t pending() const { return pending_.size(); }
    size_t signals() const { return signals_.size(); }

private:
    enum class Op : uint8_t { Set, Unknown, Up, Down };
    struct Change {
        uint64_t t_ps, seq;
        int signal;
        Op op;
        uint64_t value;
    };
    struct Signal {
        std::string scope, name, id;
        unsigned width;
        std::optional<uint64_t> initial;
        std::optional<uint64_t> value, written;   // current / last written (nullopt: x)
        int64_t highs = 0;                        // open pulses
        bool touched = false;
    };

    void add(int signal, uint64_t t_ps, Op op, uint64_t value);
    void write_value(const Signal& s, std::optional<uint64_t> v, std::FILE* f);
    void write_header(std::FILE* f);

    std::FILE* out_ = nullptr;
    std::FILE* body_ = nullptr;
    std::string version_;
    std::vector<Signal> signals_;
    std::vector<Change> pending_;
    uint64_t seq_ = 0, open_from_ = 0, late_ = 0;
    bool failed_ = false;
};

}  // namespace socsim::trace
