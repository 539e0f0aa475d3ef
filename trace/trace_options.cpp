#include "trace/trace_options.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "util/yaml_values.h"

namespace socsim::trace {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (;;) {
        size_t end = s.find(sep, start);
        out.emplace_back(s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return out;
        start = end + 1;
    }
}

std::string time_text(uint64_t ns) {
    if (ns % 1'000'000'000 == 0) return fmt::format("{}s", ns / 1'000'000'000);
    if (ns % 1'000'000 == 0) return fmt::format("{}ms", ns / 1'000'000);
    if (ns % 1000 == 0) return fmt::format("{}us", ns / 1000);
    return fmt::format("{}ns", ns);
}

}  // namespace

bool TraceFilter::component_on(std::string_view c) const {
    return components.empty() || std::find(components.begin(), components.end(), c) != components.end();
}

std::optional<TraceFilter> parse_trace_filters(const std::vector<std::string>& specs, const soc::SocInfo& soc,
                                               std::string& error) {
    TraceFilter f;
    for (const std::string& spec : specs) {
        size_t eq = spec.find('=');
        std::string key = lower(spec.substr(0, eq));
        if (eq == std::string::npos || (key != "client" && key != "component")) {
            error = fmt::format("--trace-filter '{}': expected client=NAME,... or component=NAME,...", spec);
            return std::nullopt;
        }
        for (const std::string& raw : split(std::string_view(spec).substr(eq + 1), ',')) {
            std::string v = lower(raw);
            if (v.empty()) {
                error = fmt::format("--trace-filter '{}': empty name in the list", spec);
                return std::nullopt;
            }
            if (key == "component") {
                if (std::find(kComponents.begin(), kComponents.end(), v) == kComponents.end()) {
                    error = fmt::format("--trace-filter '{}': unknown component '{}' (one of {})", spec, raw,
                                        fmt::join(kComponents, ", "));
                    return std::nullopt;
                }
                f.components.push_back(v);
                continue;
            }
            if (f.clients.empty()) f.clients.assign(soc.clients.size(), false);
            bool found = false;
            for (size_t i = 0; i < soc.clients.size(); ++i)
                if (soc.clients[i].name == v || soc.clients[i].swgroup == v) f.clients[i] = found = true;
            if (!found && soc.find_swgroup(v)) {
                error = fmt::format("--trace-filter '{}': swgroup '{}' has no memory clients on {}", spec, raw,
                                    soc.name);
                return std::nullopt;
            }
            if (!found) {
                error = fmt::format("--trace-filter '{}': '{}' is neither a memory client nor a swgroup of {}", spec,
                                    raw, soc.name);
                return std::nullopt;
            }
        }
    }
    return f;
}

std::optional<TraceWindow> parse_trace_window(std::string_view text, std::string& error) {
    size_t colon = text.find(':');
    std::optional<uint64_t> from, to;
    if (colon != std::string_view::npos) {
        from = yaml::parse_time_ns(text.substr(0, colon));
        to = yaml::parse_time_ns(text.substr(colon + 1));
    }
    if (!from || !to) {
        error = fmt::format("--trace-window '{}': expected START:END, times with a unit (e.g. 10ms:20ms)", text);
        return std::nullopt;
    }
    if (*from >= *to) {
        error = fmt::format("--trace-window '{}': the start must come before the end", text);
        return std::nullopt;
    }
    if (*to > UINT64_MAX / 1000) {
        error = fmt::format("--trace-window '{}': the end is too far", text);
        return std::nullopt;
    }
    return TraceWindow{*from * 1000, *to * 1000};
}

uint64_t default_sample_interval_ns(uint64_t duration_ns) {
    static constexpr uint64_t kSteps[] = {1, 2, 5};
    for (uint64_t decade = 1000;; decade *= 10)
        for (uint64_t m : kSteps) {
            uint64_t v = m * decade;
            if ((duration_ns + v - 1) / v <= kDefaultMaxIntervals || decade > UINT64_MAX / 100) return v;
        }
}

std::optional<uint64_t> parse_sample_interval(std::string_view text, uint64_t duration_ns, std::string& error) {
    std::optional<uint64_t> v = yaml::parse_time_ns(text);
    if (!v || *v == 0) {
        error = fmt::format("--sample '{}': expected a positive time with a unit (e.g. 50us)", text);
        return std::nullopt;
    }
    if (*v > duration_ns) {   // one interval covers the run; longer ones would only overflow in picoseconds
        error = fmt::format("--sample {}: longer than the scenario's duration ({})", text, time_text(duration_ns));
        return std::nullopt;
    }
    uint64_t n = (duration_ns + *v - 1) / *v;
    if (n > kMaxIntervals) {
        error = fmt::format("--sample {}: {} intervals over the scenario's duration ({}); at most {} (use {} or more)",
                            text, n, time_text(duration_ns), kMaxIntervals,
                            time_text((duration_ns + kMaxIntervals - 1) / kMaxIntervals));
        return std::nullopt;
    }
    return v;
}

}  // namespace socsim::trace
