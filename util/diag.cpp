#include "util/diag.h"

#include <ostream>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace socsim {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Note: return "note";
    }
    return "error";
}

std::string escape_control(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else if (u < 0x20 || u == 0x7f) out += fmt::format("\\x{:02x}", u);
        else out += c;
    }
    return out;
}

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.loc.file.empty() ? std::string("socsim") : escape_control(d.loc.file);
    if (d.loc.line > 0) {
        out += ':' + std::to_string(d.loc.line) + ':' + std::to_string(d.loc.column > 0 ? d.loc.column : 1);
    }
    out += ": ";
    out += severity_name(d.severity);
    out += ": ";
    out += escape_control(d.message);
    return out;
}

void Diagnostics::add(Severity s, const Location& loc, std::string message, bool is_malformed) {
    diags_.push_back({s, loc, std::move(message), is_malformed});
    if (s == Severity::Error) ++errors_;
    if (s == Severity::Warning) ++warnings_;
    if (is_malformed) ++malformed_;
}

void Diagnostics::malformed(const Location& loc, std::string message) {
    add(Severity::Error, loc, std::move(message), true);
}
void Diagnostics::error(const Location& loc, std::string message) {
    add(Severity::Error, loc, std::move(message), false);
}
void Diagnostics::warning(const Location& loc, std::string message) {
    add(Severity::Warning, loc, std::move(message), false);
}
void Diagnostics::note(const Location& loc, std::string message) {
    add(Severity::Note, loc, std::move(message), false);
}

int Diagnostics::exit_code() const {
    if (malformed_ > 0) return 2;
    if (errors_ > 0) return 1;
    return 0;
}

void Diagnostics::print(std::ostream& out) const {
    for (const auto& d : diags_) out << format_diagnostic(d) << '\n';
}

nlohmann::ordered_json Diagnostics::to_json() const {
    auto arr = nlohmann::ordered_json::array();
    for (const auto& d : diags_) {
        arr.push_back({{"severity", severity_name(d.severity)},
                       {"file", d.loc.file},
                       {"line", d.loc.line},
                       {"column", d.loc.column},
                       {"message", d.message}});
    }
    return arr;
}

}  // namespace socsim
