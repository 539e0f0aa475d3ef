// The keys of the client steps (run/client_step.h): buffers, display heads
// and host1x job streams, checked against the board (node kinds, the SoC's
// models) and against earlier steps (buffer names) while the scenario loads.
#include <fmt/format.h>

#include "clients/client_nodes.h"
#include "clients/drivers/engine_jobs.h"
#include "run/scenario_internal.h"
#include "util/yaml_values.h"

namespace socsim::run::detail {

namespace {

class ClientReader {
public:
    ClientReader(const yaml::Node& n, ParseContext& ctx, Step& out)
        : n_(n), ctx_(ctx), d_(ctx.diags), out_(out), c_(out.client) {}

    bool read() {
        switch (out_.op) {
            case Op::BufferAlloc: return read_buffer_alloc();
            case Op::BufferFree: return read_buffer_ref(*n_.find("buffer"), c_.buffer);
            case Op::Display: return device_is(clients::NodeKind::Dc) && read_display();
            case Op::DisplayOff: return device_is(clients::NodeKind::Dc);
            case Op::Submit: return read_submit();
            case Op::WaitJobs: return engine_device() && read_time("timeout", c_.timeout_ns);
            default: return true;
        }
    }

private:
    bool read_u32(const char* key, uint32_t& out, uint64_t max = 0xffffffffu) {
        const auto* v = n_.find(key);
        if (!v) return true;
        auto x = yaml::read_uint(*v, d_, fmt::format("'{}'", key), max);
        if (x) out = static_cast<uint32_t>(*x);
        return x.has_value();
    }
    bool read_time(const char* key, uint64_t& out) {
        const auto* v = n_.find(key);
        if (!v) return true;
        auto t = yaml::read_time_ns(*v, d_, fmt::format("'{}'", key));
        if (t) out = *t;
        return t.has_value();
    }
    bool read_bool(const yaml::Node* v, const char* key, bool& out) {
        if (!v) return true;
        auto s = yaml::read_choice(*v, d_, fmt::format("'{}'", key), {"true", "false"});
        if (s) out = *s == "true";
        return s.has_value();
    }

    bool read_buffer_name(const yaml::Node& v, std::string& out) {
        auto s = yaml::read_string(v, d_, "buffer name");
        if (s) out = *s;
        return s.has_value();
    }
    bool read_buffer_ref(const yaml::Node& v, std::string& out) {
        if (!read_buffer_name(v, out)) return false;
        if (ctx_.buffers.count(out)) return true;
        d_.malformed(v.loc, fmt::format("unknown buffer '{}' (allocate it with buffer_alloc in an earlier step)",
                                        escape_control(out)));
        return false;
    }

    bool read_buffer_alloc() {
        const auto* name = n_.find("buffer");
        if (!read_buffer_name(*name, c_.buffer)) return false;
        auto [it, fresh] = ctx_.buffers.emplace(c_.buffer, out_.index);
        if (!fresh) {
            d_.malformed(name->loc, fmt::format("buffer '{}' is already allocated by step {}", escape_control(c_.buffer),
                                                it->second));
            return false;
        }
        bool ok = true;
        bool contiguous = false;
        if (const auto* v = n_.find("contiguous")) {
            ok &= read_bool(v, "contiguous", contiguous);
            c_.contiguous = contiguous;
        }
        ok &= read_bool(n_.find("carveout"), "carveout", c_.carveout);
        if (const auto* v = n_.find("fill")) {
            auto b = yaml::read_uint(*v, d_, "'fill'", 0xff);
            ok &= b.has_value();
            if (b) c_.fill = static_cast<uint8_t>(*b);
        }
        if (const auto* v = n_.find("pixel")) {
            auto p = yaml::read_uint(*v, d_, "'pixel'", 0xffffffffu);
            ok &= p.has_value();
            if (p) c_.pixel = static_cast<uint32_t>(*p);
        }
        if (c_.fill && c_.pixel) {
            d_.malformed(n_.find("pixel")->loc, "give 'fill:' (a byte) or 'pixel:' (a 32-bit word), not both");
            ok = false;
        }
        return ok;
    }

    std::optional<clients::NodeKind> kind() const {
        return out_.device ? clients::node_kind(*out_.device) : std::nullopt;
    }
    bool device_is(clients::NodeKind k) {
        if (kind() == k) return model_present(k);
        d_.malformed(n_.find("device")->loc, fmt::format("'{}' is not a {} node (by its compatible)",
                                                         out_.device->display_name(), clients::node_kind_name(k)));
        return false;
    }
    bool model_present(clients::NodeKind k) {
        auto why = clients::model_unsupported(*ctx_.scenario.board.soc, k);
        if (!why) return true;
        d_.malformed(n_.find("device")->loc, fmt::format("no {} model on this board: {}", clients::node_kind_name(k), *why));
        return false;
    }
    bool engine_device() {
        auto k = kind();
        if (k == clients::NodeKind::Gr2d || k == clients::NodeKind::Gr3d || k == clients::NodeKind::Vic)
            return model_present(*k);
        d_.malformed(n_.find("device")->loc, fmt::format("'{}' is not an engine (gr2d, gr3d or vic node)",
                                                         out_.device->display_name()));
        return false;
    }

    bool read_mode(const yaml::Node& m) {
        if (!m.is_mapping()) {
            d_.malformed(m.loc, fmt::format("'mode' must be a mapping {{width, height, refresh}}, not {}", m.describe()));
            return false;
        }
        bool ok = true;
        ModeSpec& mode = c_.mode;
        for (const auto& [k, v] : m.entries) {
            const std::string& key = k->value;
            const yaml::Node& value = *v;   // C++17 lambdas cannot capture a structured binding (clang refuses)
            auto u32 = [&](std::optional<uint32_t>& dst) {
                auto x = yaml::read_uint(value, d_, "'" + key + "'", 0xffff);
                if (x) dst = static_cast<uint32_t>(*x);
                return x.has_value();
            };
            std::optional<uint32_t> tmp;
            if (key == "width" || key == "height") {
                ok &= u32(tmp);
                if (tmp) (key == "width" ? mode.width : mode.height) = *tmp;
            } else if (key == "htotal") {
                ok &= u32(mode.htotal);
            } else if (key == "vtotal") {
                ok &= u32(mode.vtotal);
            } else if (key == "refresh") {
                auto r = yaml::read_uint(*v, d_, "'refresh' (Hz)", 240);
                ok &= r.has_value();
                if (r) mode.refresh = double(*r);
            } else if (key == "pixel_clock") {
                auto p = yaml::read_uint(*v, d_, "'pixel_clock' (Hz)", 2'000'000'000);
                ok &= p.has_value();
                if (p) mode.pixel_clock_hz = *p;
            } else {
                d_.malformed(k->loc, fmt::format("'mode' does not take '{}' (keys: width, height, refresh, htotal, "
                                                 "vtotal, pixel_clock)", escape_control(key)));
                ok = false;
            }
        }
        uint32_t max = ctx_.scenario.board.soc->dc.max_mode_size;
        if (ok && (mode.width == 0 || mode.height == 0 || mode.width > max || mode.height > max || mode.refresh == 0)) {
            d_.malformed(m.loc, fmt::format("'mode' needs width and height from 1 to {} and a refresh rate above 0", max));
            ok = false;
        }
        return ok;
    }

    bool read_window(const yaml::Node& w) {
        WindowSpec spec;
        spec.loc = w.loc;
        if (!w.is_mapping() || !w.find("buffer")) {
            d_.malformed(w.loc, "a window is a mapping with at least 'buffer:'");
            return false;
        }
        bool ok = true;
        for (const auto& [k, v] : w.entries) {
            const std::string& key = k->value;
            const yaml::Node& value = *v;   // C++17 lambdas cannot capture a structured binding (clang refuses)
            auto u32 = [&](uint32_t& dst, uint64_t max) {
                auto x = yaml::read_uint(value, d_, "'" + key + "'", max);
                if (x) dst = static_cast<uint32_t>(*x);
                return x.has_value();
            };
            uint32_t tmp = 0;
            if (key == "buffer") {
                ok &= read_buffer_ref(*v, spec.buffer);
            } else if (key == "format") {
                auto f = yaml::read_choice(*v, d_, "'format'", {"argb8888", "xrgb8888", "rgb565"});
                ok &= f.has_value();
                if (f) spec.bpp = *f == "rgb565" ? 2 : 4;
            } else if (key == "width" || key == "height" || key == "pitch") {
                ok &= u32(tmp, key == "pitch" ? 0x100000 : 0xffff);
                (key == "width" ? spec.width : key == "height" ? spec.height : spec.pitch) = tmp;
            } else if (key == "x" || key == "y") {
                ok &= u32(key == "x" ? spec.x : spec.y, 0xffff);
            } else if (key == "offset") {
                auto o = yaml::read_size(*v, d_, "'offset'");
                ok &= o.has_value();
                if (o) spec.offset = *o;
            } else if (key == "tiled") {
                ok &= read_bool(v.get(), "tiled", spec.tiled);
            } else {
                d_.malformed(k->loc, fmt::format("a window does not take '{}' (keys: buffer, format, width, height, "
                                                 "pitch, x, y, offset, tiled)", escape_control(key)));
                ok = false;
            }
        }
        c_.windows.push_back(spec);
        return ok;
    }

    bool read_display() {
        bool ok = read_mode(*n_.find("mode"));
        const auto* w = n_.find("windows");
        if (!w->is_sequence() || w->items.empty() || w->items.size() > 3) {
            d_.malformed(w->loc, "'windows' must list 1 to 3 windows (A, B, C)");
            return false;
        }
        for (const auto& item : w->items) ok &= read_window(*item);
        if (const auto* v = n_.find("fifo")) {
            auto f = yaml::read_size(*v, d_, "'fifo'");
            ok &= f.has_value();
            if (f && (*f < 256 || *f > (1u << 20))) {
                d_.malformed(v->loc, "'fifo' must be from 256 bytes to 1 MiB");
                ok = false;
            }
            if (f) c_.fifo = static_cast<uint32_t>(*f);
        }
        if (const auto* v = n_.find("frames")) {
            auto f = yaml::read_uint(*v, d_, "'frames'", 1'000'000);
            ok &= f.has_value();
            if (f) c_.frames = *f;
        }
        c_.wait = false;
        ok &= read_bool(n_.find("wait"), "wait", c_.wait);
        if (ok && c_.wait && c_.frames == 0) {
            d_.malformed(n_.find("wait")->loc, "'wait: true' needs 'frames:' (a display without it runs until display_off)");
            ok = false;
        }
        return ok;
    }

    bool read_submit() {
        if (!engine_device()) return false;
        drivers::ClientKind ck = kind() == clients::NodeKind::Gr2d   ? drivers::ClientKind::Gr2d
                                 : kind() == clients::NodeKind::Gr3d ? drivers::ClientKind::Gr3d
                                                                     : drivers::ClientKind::Vic;
        const auto* job = n_.find("job");
        auto j = yaml::read_string(*job, d_, "'job'");
        if (!j) return false;
        c_.job = *j;
        if (!drivers::engine_does(ck, c_.job)) {
            d_.malformed(job->loc, fmt::format("{} does not do '{}' (jobs: {})", out_.device->display_name(),
                                               escape_control(c_.job), drivers::engine_ops(ck)));
            return false;
        }
        bool ok = true;
        if (const auto* v = n_.find("dst")) ok &= read_buffer_ref(*v, c_.dst);
        else {
            d_.malformed(n_.loc, fmt::format("{} needs 'dst:' (a buffer)", c_.job));
            ok = false;
        }
        const auto* src = n_.find("src");
        const auto* sources = n_.find("sources");
        if (src && sources) {
            d_.malformed(src->loc, "give 'src:' or 'sources:', not both");
            return false;
        }
        if (src) {
            std::string b;
            ok &= read_buffer_ref(*src, b);
            c_.sources.push_back(b);
        }
        if (sources) {
            if (!sources->is_sequence() || sources->items.empty() || sources->items.size() > 4) {
                d_.malformed(sources->loc, "'sources' must list 1 to 4 buffers");
                return false;
            }
            for (const auto& item : sources->items) {
                std::string b;
                ok &= read_buffer_ref(*item, b);
                c_.sources.push_back(b);
            }
        }
        size_t want_min = c_.job == "fill" ? 0 : 1, want_max = c_.job == "composite" ? 4 : c_.job == "fill" ? 0 : 1;
        if (ok && (c_.sources.size() < want_min || c_.sources.size() > want_max)) {
            d_.malformed(n_.loc, want_max == 0 ? std::string("fill takes no source")
                                 : want_max == 1 ? fmt::format("{} needs one 'src:' buffer", c_.job)
                                                 : std::string("composite needs 'sources:' (1 to 4 buffers)"));
            ok = false;
        }
        for (const char* k : {"width", "height"})
            if (!n_.find(k)) {
                d_.malformed(n_.loc, fmt::format("{} needs '{}:' (pixels)", c_.job, k));
                ok = false;
            }
        ok &= read_u32("width", c_.width, 0xffff) && read_u32("height", c_.height, 0xffff);
        if (ok && (c_.width == 0 || c_.height == 0)) {
            d_.malformed(n_.loc, "'width' and 'height' must not be 0");
            ok = false;
        }
        if (const auto* v = n_.find("bpp")) {
            auto b = yaml::read_choice(*v, d_, "'bpp'", {"1", "2", "4"});
            ok &= b.has_value();
            if (b) c_.bpp = static_cast<uint32_t>(std::stoul(*b));
            if (b && ck != drivers::ClientKind::Gr2d && c_.bpp != 4) {
                d_.malformed(v->loc, "only GR2D takes 'bpp' other than 4");
                ok = false;
            }
        }
        ok &= read_u32("color", c_.color);
        const auto* count = n_.find("count");
        if (count && count->is_scalar() && !count->quoted && count->value == "until-end") {
            c_.until_end = true;   // an open-ended stream: only the run's end stops it
        } else if (const auto* v = count) {
            auto c = yaml::read_uint(*v, d_, "'count'", 1'000'000);
            ok &= c.has_value();
            if (c) c_.count = *c;
            if (c && *c == 0) {
                d_.malformed(v->loc, "'count' must be at least 1");
                ok = false;
            }
        }
        if (const auto* v = n_.find("period")) {
            if (v->is_scalar() && v->value == "back-to-back") c_.period_ns = 0;
            else ok &= read_time("period", c_.period_ns);
        }
        if (c_.period_ns && c_.count > 1 && c_.period_ns > yaml::kMaxTimeNs / (c_.count - 1)) {
            d_.malformed(n_.find("period")->loc, fmt::format("'count' jobs 'period' apart end past the longest "
                                                             "simulated time ({} ns)", yaml::kMaxTimeNs));
            ok = false;
        }
        ok &= read_time("timeout", c_.timeout_ns);
        ok &= read_bool(n_.find("wait"), "wait", c_.wait);
        return ok;
    }

    const yaml::Node& n_;
    ParseContext& ctx_;
    Diagnostics& d_;
    Step& out_;
    ClientStep& c_;
};

}  // namespace

bool read_client_step(const yaml::Node& n, ParseContext& ctx, Step& out) { return ClientReader(n, ctx, out).read(); }

bool read_buffer_check(const yaml::Node& n, ParseContext& ctx, Step& out) {
    const auto* b = n.find("buffer");
    auto s = yaml::read_string(*b, ctx.diags, "buffer name");
    if (!s) return false;
    out.client.buffer = *s;
    if (!ctx.buffers.count(*s)) {
        ctx.diags.malformed(b->loc, fmt::format("unknown buffer '{}' (allocate it with buffer_alloc in an earlier step)",
                                                escape_control(*s)));
        return false;
    }
    if (const auto* v = n.find("offset")) {
        auto o = yaml::read_size(*v, ctx.diags, "'offset'");
        if (!o) return false;
        out.client.offset = *o;
    }
    return true;
}

}  // namespace socsim::run::detail
