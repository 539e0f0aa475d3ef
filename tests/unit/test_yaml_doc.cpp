// [unit] The located YAML reader: locations, duplicate keys, aliases, limits.
#include <catch2/catch.hpp>

#include "util/yaml_doc.h"
#include "util/yaml_values.h"

using namespace socsim;

namespace {

struct Loaded {
    std::optional<yaml::NodePtr> doc;
    Diagnostics diags;
};

Loaded load(const std::string& text, yaml::Limits limits = {}) {
    Loaded l;
    l.doc = yaml::load_string(text, "t.yaml", l.diags, limits);
    return l;
}

const Diagnostic& only_error(const Loaded& l) {
    REQUIRE(l.diags.all().size() == 1);
    return l.diags.all()[0];
}

}  // namespace

TEST_CASE("yaml: nodes and keys keep 1-based line and column", "[unit][yaml]") {
    auto l = load("a: 1\nb:\n  c: [x, 'y']\n");
    REQUIRE(l.doc);
    const yaml::Node& root = **l.doc;
    REQUIRE(root.is_mapping());
    const yaml::Node* b = root.find("b");
    REQUIRE(b);
    const yaml::Node* c = b->find("c");
    REQUIRE(c);
    CHECK(root.entries[1].first->loc.line == 2);
    CHECK(root.entries[1].first->loc.column == 1);
    CHECK(c->loc.line == 3);
    CHECK(c->loc.column == 6);
    CHECK(c->items[1]->loc.column == 10);
    CHECK_FALSE(c->items[0]->quoted);
    CHECK(c->items[1]->quoted);
}

TEST_CASE("yaml: a duplicate key is reported at its second occurrence", "[unit][yaml]") {
    auto l = load("/:\n  reg: 1\n  compatible: x\n  reg: 2\n");
    CHECK_FALSE(l.doc);
    const auto& d = only_error(l);
    CHECK(d.malformed);
    CHECK(d.loc.line == 4);
    CHECK(d.loc.column == 3);
    CHECK(d.message.find("duplicate key 'reg'") != std::string::npos);
    CHECK(d.message.find("line 2") != std::string::npos);
}

TEST_CASE("yaml: aliases share the anchored node", "[unit][yaml]") {
    auto l = load("a: &x [1, 2]\nb: *x\n");
    REQUIRE(l.doc);
    CHECK((*l.doc)->find("a") == (*l.doc)->find("b"));
}

TEST_CASE("yaml: a recursive alias is an error, not a hang", "[unit][yaml]") {
    auto l = load("a: &x [1, *x]\n");
    CHECK_FALSE(l.doc);
    CHECK(only_error(l).message.find("recursive alias") != std::string::npos);
}

TEST_CASE("yaml: alias expansion is bounded", "[unit][yaml]") {
    std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
        std::string prev = "*a" + std::to_string(i - 1);
        text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
        for (int k = 0; k < 9; ++k) text += ", " + prev;
        text += "]\n";
    }
    auto l = load(text);
    CHECK_FALSE(l.doc);
    CHECK(only_error(l).message.find("expands to more than") != std::string::npos);
}

TEST_CASE("yaml: deep nesting is refused with a location", "[unit][yaml]") {
    auto l = load(std::string(300, '[') + std::string(300, ']'));
    CHECK_FALSE(l.doc);
    const auto& d = only_error(l);
    CHECK(d.message.find("nesting deeper than 256") != std::string::npos);
    CHECK(d.loc.line == 1);
    CHECK(d.loc.column == 257);
}

TEST_CASE("yaml: binary input and bad encodings are refused up front", "[unit][yaml]") {
    auto nul = load(std::string("a: 1\nb: \0\n", 10));
    CHECK_FALSE(nul.doc);
    CHECK(only_error(nul).message.find("NUL") != std::string::npos);
    CHECK(only_error(nul).loc.line == 2);
    CHECK(only_error(nul).loc.column == 4);

    auto utf = load("a: caf\xc3\n");
    CHECK_FALSE(utf.doc);
    CHECK(only_error(utf).message == "invalid UTF-8");

    auto ok = load("a: caf\xc3\xa9\n");
    CHECK(ok.doc);
}

TEST_CASE("yaml: syntax errors carry yaml-cpp's position and no exception text", "[unit][yaml]") {
    auto l = load("a: 1\nb: c: d\n");
    CHECK_FALSE(l.doc);
    const auto& d = only_error(l);
    CHECK(d.message.rfind("YAML syntax: ", 0) == 0);
    CHECK(d.message.find("yaml-cpp") == std::string::npos);
    CHECK(d.loc.line == 2);
}

TEST_CASE("yaml: an unclosed '[' is reported where it opens", "[unit][yaml]") {
    auto l = load("a:\n  reg: [1, 2\nb: 3\n");
    CHECK_FALSE(l.doc);
    REQUIRE(l.diags.all().size() == 2);
    const auto& d = l.diags.all()[0];
    CHECK(d.message == "YAML syntax: this '[' is never closed");
    CHECK(d.loc.line == 2);
    CHECK(d.loc.column == 8);
    CHECK(l.diags.all()[1].severity == Severity::Note);
}

TEST_CASE("yaml: one document per file; empty files are refused", "[unit][yaml]") {
    auto two = load("a: 1\n---\nb: 2\n");
    CHECK_FALSE(two.doc);
    CHECK(only_error(two).message.find("more than one YAML document") != std::string::npos);
    CHECK(only_error(two).loc.line == 2);
    auto empty = load("");
    CHECK_FALSE(empty.doc);
    CHECK(only_error(empty).message == "empty document");
}

TEST_CASE("yaml: oversized files are refused", "[unit][yaml]") {
    yaml::Limits limits;
    limits.max_file_bytes = 1u << 20;
    auto l = load(std::string((1u << 20) + 1, '#'), limits);
    CHECK_FALSE(l.doc);
    CHECK(only_error(l).message.find("larger than 1 MiB") != std::string::npos);
}

TEST_CASE("yaml values: integers are decimal or 0x hex and never overflow", "[unit][yaml]") {
    CHECK(yaml::parse_uint("4096") == 4096u);
    CHECK(yaml::parse_uint("0x1000") == 0x1000u);
    CHECK(yaml::parse_uint("0XfF") == 0xffu);
    CHECK(yaml::parse_uint("18446744073709551615") == UINT64_MAX);
    CHECK_FALSE(yaml::parse_uint("18446744073709551616"));
    CHECK_FALSE(yaml::parse_uint("0x1_0000"));
    CHECK_FALSE(yaml::parse_uint("-1"));
    CHECK_FALSE(yaml::parse_uint("0x"));
    CHECK_FALSE(yaml::parse_uint("12abc"));
}

TEST_CASE("yaml values: typed reads report the offending node", "[unit][yaml]") {
    auto l = load("a: '0x10'\nb: -4\nc: [x, [y]]\n");
    REQUIRE(l.doc);
    Diagnostics diags;
    CHECK_FALSE(yaml::read_uint(*(*l.doc)->find("a"), diags, "'a'"));
    CHECK_FALSE(yaml::read_uint(*(*l.doc)->find("b"), diags, "'b'"));
    CHECK_FALSE(yaml::read_string_list(*(*l.doc)->find("c"), diags, "'c'"));
    REQUIRE(diags.all().size() == 3);
    CHECK(diags.all()[0].message == "'a' must be an integer, not the string \"0x10\"");
    CHECK(diags.all()[1].message == "'b' must be non-negative, not '-4'");
    CHECK(diags.all()[2].loc.line == 3);
    CHECK(diags.all()[2].loc.column == 8);
    CHECK(diags.exit_code() == 2);
}

TEST_CASE("yaml: UTF-8 is checked strictly (overlong, surrogates, > U+10FFFF)", "[unit][yaml]") {
    for (const char* bad : {"a: \xc0\xaf\n", "a: \xe0\x80\xaf\n", "a: \xed\xa0\x80\n", "a: \xf4\x90\x80\x80\n",
                            "a: \xf5\x80\x80\x80\n", "a: \xe2\x82\n"}) {
        Diagnostics diags;
        INFO(bad);
        CHECK_FALSE(yaml::load_string(bad, "t.yaml", diags));
        REQUIRE(diags.all().size() == 1);
        CHECK(diags.all()[0].message == "invalid UTF-8");
        CHECK(diags.all()[0].loc.column == 4);
    }
    Diagnostics diags;
    CHECK(yaml::load_string("a: \xf0\x9f\x98\x80 \xe2\x82\xac \xf4\x8f\xbf\xbf\n", "t.yaml", diags));
}

TEST_CASE("yaml: a large document without aliases counts each node once", "[unit][yaml]") {
    std::string text = "values: [1";
    for (int i = 0; i < 300000; ++i) text += ", 1";
    text += "]\n";
    auto l = load(text);
    CHECK(l.doc);
    CHECK(l.diags.all().empty());
}

TEST_CASE("diagnostics: user text cannot break the one-line format", "[unit][yaml]") {
    Diagnostic d;
    d.severity = Severity::Error;
    d.loc = Location{"f.yaml", 3, 4};
    d.message = std::string("label 'a\nf.yaml:1:1: note: forged") + '\0' + "x'";
    CHECK(format_diagnostic(d) == "f.yaml:3:4: error: label 'a\\nf.yaml:1:1: note: forged\\x00x'");
}

TEST_CASE("yaml values: only a well-formed number is reported as too large", "[unit][yaml]") {
    auto l = load("a: 0x10000000000000000\nb: 12abc\n");
    REQUIRE(l.doc);
    Diagnostics diags;
    CHECK_FALSE(yaml::read_uint(*(*l.doc)->find("a"), diags, "'a'"));
    CHECK_FALSE(yaml::read_uint(*(*l.doc)->find("b"), diags, "'b'"));
    REQUIRE(diags.all().size() == 2);
    CHECK(diags.all()[0].message == "'a' does not fit in 64 bits, not '0x10000000000000000'");
    CHECK(diags.all()[1].message == "'b' must be a decimal or 0x-hex integer, not '12abc'");
}
