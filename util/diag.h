// Located diagnostics in the compiler format editors understand:
//   FILE:LINE:COL: error|warning|note: MESSAGE
// Two kinds of error are kept apart because they map to different exit codes
// (INTERFACES.md §2): a *malformed* input cannot be read as a board or
// scenario at all (exit 2); a *checked* error is found in input that was read
// (exit 1 for `validate`; any error stops `run` with exit 2).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace socsim {

// A position in an input file; line and column are 1-based, 0 = unknown.
struct Location {
    std::string file;
    int line = 0;
    int column = 0;
};

enum class Severity { Error, Warning, Note };

struct Diagnostic {
    Severity severity;
    Location loc;
    std::string message;
    bool malformed = false;  // an Error that makes the input unreadable (exit 2)
};

class Diagnostics {
public:
    void malformed(const Location& loc, std::string message);  // exit 2
    void error(const Location& loc, std::string message);      // exit 1
    void warning(const Location& loc, std::string message);
    void note(const Location& loc, std::string message);

    bool has_errors() const { return errors_ > 0; }
    bool has_malformed() const { return malformed_ > 0; }
    size_t error_count() const { return errors_; }
    size_t warning_count() const { return warnings_; }
    const std::vector<Diagnostic>& all() const { return diags_; }

    // 2 when malformed, 1 when any other error, else 0.
    int exit_code() const;

    void print(std::ostream& out) const;
    nlohmann::ordered_json to_json() const;

private:
    void add(Severity s, const Location& loc, std::string message, bool malformed);
    std::vector<Diagnostic> diags_;
    size_t errors_ = 0;
    size_t malformed_ = 0;
    size_t warnings_ = 0;
};

const char* severity_name(Severity s);
// Control characters as \n, \t, \xNN: one diagnostic is always one line,
// whatever the input's strings hold.
std::string escape_control(std::string_view text);
std::string format_diagnostic(const Diagnostic& d);

}  // namespace socsim
