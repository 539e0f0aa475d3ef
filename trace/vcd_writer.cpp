#include "trace/vcd_writer.h"

#include <algorithm>

#include <fmt/format.h>

namespace socsim::trace {

std::string vcd_id(size_t n) {
    constexpr size_t kBase = '~' - '!' + 1;   // 94 printable characters
    std::string id;
    do {
        id += char('!' + n % kBase);
        n /= kBase;
    } while (n);
    return id;
}

VcdWriter::~VcdWriter() {
    if (out_) finish();
}

bool VcdWriter::open(const std::string& path, std::string_view version) {
    out_ = std::fopen(path.c_str(), "w");
    if (!out_) return false;
    body_ = std::tmpfile();
    if (!body_) {
        std::fclose(out_);
        out_ = nullptr;
        return false;
    }
    version_ = version;
    return true;
}

int VcdWriter::declare(std::string_view scope, std::string_view name, unsigned width,
                       std::optional<uint64_t> initial) {
    Signal s;
    s.scope = scope;
    s.name = name;
    s.id = vcd_id(signals_.size());
    s.width = width < 1 ? 1 : width > 64 ? 64 : width;
    s.initial = initial;
    s.value = s.written = initial;
    signals_.push_back(std::move(s));
    return int(signals_.size() - 1);
}

void VcdWriter::add(int signal, uint64_t t_ps, Op op, uint64_t value) {
    if (!out_ || signal < 0 || size_t(signal) >= signals_.size()) return;
    if (t_ps < open_from_) {
        t_ps = open_from_;
        ++late_;
    }
    pending_.push_back(Change{t_ps, seq_++, signal, op, value});
}

void VcdWriter::set(int signal, uint64_t t_ps, uint64_t value) { add(signal, t_ps, Op::Set, value); }
void VcdWriter::set_unknown(int signal, uint64_t t_ps) { add(signal, t_ps, Op::Unknown, 0); }

void VcdWriter::pulse(int signal, uint64_t from_ps, uint64_t to_ps) {
    if (to_ps <= from_ps) return;
    add(signal, from_ps, Op::Up, 0);
    add(signal, to_ps, Op::Down, 0);
}

void VcdWriter::write_value(const Signal& s, std::optional<uint64_t> v, std::FILE* f) {
    int n;
    if (s.width == 1) {
        n = std::fprintf(f, "%c%s\n", v ? (*v ? '1' : '0') : 'x', s.id.c_str());
    } else if (!v) {
        n = std::fprintf(f, "bx %s\n", s.id.c_str());
    } else {
        char bits[65];
        int i = 64;
        bits[i] = '\0';
        uint64_t x = *v;
        do {
            bits[--i] = char('0' + (x & 1));
            x >>= 1;
        } while (x);
        n = std::fprintf(f, "b%s %s\n", bits + i, s.id.c_str());
    }
    if (n < 0) failed_ = true;
}

void VcdWriter::flush_before(uint64_t t_ps) {
    if (!out_ || t_ps <= open_from_) return;
    auto split = std::stable_partition(pending_.begin(), pending_.end(),
                                       [t_ps](const Change& c) { return c.t_ps < t_ps; });
    std::sort(pending_.begin(), split, [](const Change& a, const Change& b) {
        return a.t_ps != b.t_ps ? a.t_ps < b.t_ps : a.seq < b.seq;
    });
    std::vector<int> touched;
    for (auto it = pending_.begin(); it != split;) {
        const uint64_t t = it->t_ps;
        touched.clear();
        for (; it != split && it->t_ps == t; ++it) {
            Signal& s = signals_[size_t(it->signal)];
            switch (it->op) {
                case Op::Set: s.value = it->value; break;
                case Op::Unknown: s.value.reset(); break;
                case Op::Up: s.value = ++s.highs > 0; break;
                case Op::Down: s.value = --s.highs > 0; break;
            }
            if (!s.touched) touched.push_back(it->signal);
            s.touched = true;
        }
        bool stamped = t == 0;   // the header's #0 opens time 0
        for (int i : touched) {
            Signal& s = signals_[size_t(i)];
            s.touched = false;
            if (s.value == s.written) continue;
            if (!stamped && std::fprintf(body_, "#%llu\n", static_cast<unsigned long long>(t)) < 0) failed_ = true;
            stamped = true;
            write_value(s, s.value, body_);
            s.written = s.value;
        }
    }
    pending_.erase(pending_.begin(), split);
    open_from_ = t_ps;
}

void VcdWriter::write_header(std::FILE* f) {
    std::fprintf(f, "$version %s $end\n$timescale 1 ps $end\n", version_.c_str());
    std::vector<size_t> order(signals_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return signals_[a].scope < signals_[b].scope; });
    auto parts = [](const std::string& scope) {
        std::vector<std::string> p;
        size_t start = 0;
        while (start <= scope.size()) {
            size_t dot = scope.find('.', start);
            if (dot == std::string::npos) dot = scope.size();
            if (dot > start) p.push_back(scope.substr(start, dot - start));
            start = dot + 1;
        }
        return p;
    };
    std::vector<std::string> open;
    for (size_t i : order) {
        const Signal& s = signals_[i];
        std::vector<std::string> want = parts(s.scope);
        size_t common = 0;
        while (common < open.size() && common < want.size() && open[common] == want[common]) ++common;
        while (open.size() > common) {
            std::fprintf(f, "$upscope $end\n");
            open.pop_back();
        }
        for (size_t k = common; k < want.size(); ++k) {
            std::fprintf(f, "$scope module %s $end\n", want[k].c_str());
            open.push_back(want[k]);
        }
        std::fprintf(f, "$var %s %u %s %s $end\n", s.width == 1 ? "wire" : "integer", s.width, s.id.c_str(),
                     s.name.c_str());
    }
    for (size_t k = 0; k < open.size(); ++k) std::fprintf(f, "$upscope $end\n");
    std::fprintf(f, "$enddefinitions $end\n#0\n$dumpvars\n");
    for (const Signal& s : signals_) write_value(s, s.initial, f);
    std::fprintf(f, "$end\n");
}

bool VcdWriter::finish() {
    if (!out_) return !failed_;
    uint64_t last = open_from_;
    for (const Change& c : pending_) last = std::max(last, c.t_ps + 1);
    flush_before(last);
    write_header(out_);
    std::rewind(body_);
    char chunk[1 << 16];
    size_t n;
    while ((n = std::fread(chunk, 1, sizeof chunk, body_)) > 0)
        if (std::fwrite(chunk, 1, n, out_) != n) failed_ = true;
    if (std::ferror(body_)) failed_ = true;
    std::fclose(body_);
    body_ = nullptr;
    if (std::fclose(out_) != 0) failed_ = true;
    out_ = nullptr;
    return !failed_;
}

}  // namespace socsim::trace
