// [unit] Sizes and times in scenarios: units, fractions that must come out
// whole, overflow, and the located errors for everything else.
#include <catch2/catch.hpp>

#include "util/yaml_doc.h"
#include "util/yaml_values.h"

using namespace socsim;

namespace {

yaml::NodePtr scalar(const std::string& text) {
    Diagnostics d;
    auto doc = yaml::load_string("v: " + text + "\n", "t.yaml", d);
    REQUIRE(doc);
    return (*doc)->entries.at(0).second;
}

std::optional<uint64_t> size_of(const std::string& text) {
    Diagnostics d;
    auto v = yaml::read_size(*scalar(text), d, "'size'");
    CHECK(v.has_value() != d.has_malformed());
    return v;
}

std::optional<uint64_t> time_of(const std::string& text) {
    Diagnostics d;
    auto v = yaml::read_time_ns(*scalar(text), d, "'at'");
    CHECK(v.has_value() != d.has_malformed());
    return v;
}

}  // namespace

TEST_CASE("sizes: integers, hex and binary units", "[unit][values]") {
    CHECK(size_of("4096") == 4096u);
    CHECK(size_of("0x1000") == 4096u);
    CHECK(size_of("4KiB") == 4096u);
    CHECK(size_of("2MiB") == 2u << 20);
    CHECK(size_of("1GiB") == 1u << 30);
    CHECK(size_of("1.5KiB") == 1536u);
    CHECK(size_of("0.5KiB") == 512u);
    CHECK_FALSE(size_of("4KB"));       // decimal units are ambiguous: refused
    CHECK_FALSE(size_of("1.0001KiB")); // not a whole number of bytes
    CHECK_FALSE(size_of("-4KiB"));
    CHECK_FALSE(size_of("\"4KiB\""));  // quoted: a string
    CHECK_FALSE(size_of("17179869184GiB"));  // overflows 64 bits
}

TEST_CASE("times: ns, us, ms, s, whole nanoseconds only", "[unit][values]") {
    CHECK(time_of("0us") == 0u);
    CHECK(time_of("250ns") == 250u);
    CHECK(time_of("20ms") == 20000000u);
    CHECK(time_of("1.5us") == 1500u);
    CHECK(time_of("2s") == 2000000000u);
    CHECK_FALSE(time_of("10"));        // a unit is required
    CHECK_FALSE(time_of("0.5ns"));
    CHECK_FALSE(time_of("1.us"));
    CHECK_FALSE(time_of("ms"));
    CHECK_FALSE(time_of("0x10us.5"));
}

TEST_CASE("a bad value is reported at its node", "[unit][values]") {
    Diagnostics d;
    auto doc = yaml::load_string("v: 3 parsecs\n", "t.yaml", d);
    REQUIRE(doc);
    CHECK_FALSE(yaml::read_time_ns(*(*doc)->entries.at(0).second, d, "'at'"));
    REQUIRE(d.all().size() == 1);
    CHECK(d.all()[0].loc.line == 1);
    CHECK(d.all()[0].loc.column == 4);
    CHECK(d.all()[0].message.find("'at' must be a time with a unit") != std::string::npos);
}

TEST_CASE("a refused size or time says why: sign, 64 bits, whole units, SystemC's range", "[unit][values]") {
    auto message = [](const std::string& text, bool time) {
        Diagnostics d;
        auto n = scalar(text);
        auto v = time ? yaml::read_time_ns(*n, d, "'v'") : yaml::read_size(*n, d, "'v'");
        CHECK_FALSE(v);
        REQUIRE(d.all().size() == 1);
        return d.all()[0].message;
    };
    CHECK(message("-4096", false) == "'v' must not be negative, not '-4096'");
    CHECK(message("-5ms", true) == "'v' must not be negative, not '-5ms'");
    CHECK(message("0x10000000000000000", false) == "'v' does not fit in 64 bits, not '0x10000000000000000'");
    CHECK(message("17179869184GiB", false) == "'v' does not fit in 64 bits, not '17179869184GiB'");
    CHECK(message("1.3KiB", false) == "'v' must be a whole number of bytes, not '1.3KiB'");
    CHECK(message("0.5ns", true) == "'v' must be a whole number of nanoseconds, not '0.5ns'");
    CHECK(message("1min", true).rfind("'v' must be a time with a unit (ns, us, ms or s", 0) == 0);
    CHECK(message("4 apples", false).rfind("'v' must be a size in bytes", 0) == 0);
    // SystemC counts 64-bit picoseconds: 2^63 ps is the longest time read.
    CHECK(yaml::kMaxTimeNs == 9223372036854775u);
    CHECK(time_of("9223372036854775ns") == yaml::kMaxTimeNs);
    CHECK(message("9223372036854776ns", true).rfind("'v' is too long: at most 9223372036854775 ns", 0) == 0);
    CHECK(message("99999999999999999999s", true).rfind("'v' is too long", 0) == 0);
}
