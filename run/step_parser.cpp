// One scenario step: which keys each operation takes (one table, which also
// names the operations), their
// values, and the references they make (devices, groups, domain handles),
// all resolved and located here so that a scenario that loads can run.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "clients/client_nodes.h"
#include "run/scenario_internal.h"
#include "smmu/core/errno.h"
#include "util/yaml_values.h"

namespace socsim::run::detail {

// "target" = the group, named by `group:` or by `device:` (its group).
struct OpSpec {
    const char* name;
    Op op;
    std::vector<std::string_view> required;
    std::vector<std::string_view> optional;
    bool is_void;  // void in the kernel: the result is always ok (misuse is a warning)
};

const std::vector<OpSpec>& op_specs() {
    static const std::vector<OpSpec> specs = {
        {"bind", Op::Bind, {"device", "driver"}, {}, false},
        {"unbind", Op::Unbind, {"device"}, {}, true},
        {"use_default_domain", Op::UseDefaultDomain, {"device"}, {}, false},
        {"unuse_default_domain", Op::UnuseDefaultDomain, {"device"}, {}, true},
        {"claim_dma_owner", Op::ClaimDmaOwner, {"target", "owner"}, {}, false},
        {"release_dma_owner", Op::ReleaseDmaOwner, {"target"}, {"owner"}, true},
        {"domain_alloc", Op::DomainAlloc, {"name"}, {"type", "api", "device"}, false},
        {"domain_free", Op::DomainFree, {"domain"}, {}, false},
        {"attach_device", Op::AttachDevice, {"domain", "device"}, {}, false},
        {"detach_device", Op::DetachDevice, {"domain", "device"}, {}, true},
        {"attach_group", Op::AttachGroup, {"domain", "target"}, {}, false},
        {"detach_group", Op::DetachGroup, {"domain", "target"}, {}, false},  // EOPNOTSUPP where removed
        {"replace_domain", Op::ReplaceDomain, {"target", "old", "new"}, {}, false},
        {"map", Op::Map, {"domain", "iova", "size", "pa"}, {"prot"}, false},
        {"unmap", Op::Unmap, {"domain", "iova", "size"}, {}, false},
        {"check", Op::Check, {"target"}, {"domain", "owner", "owner_cnt", "attach_cnt", "bound", "hw_asid", "asids"}, false},
        {"dma", Op::Dma, {"device", "dir", "iova", "size"}, {"pattern"}, false},
        {"mem_check", Op::MemCheck, {}, {"pa", "buffer", "offset", "size", "pattern", "pixel", "bytes"}, false},
        {"drm_probe", Op::DrmProbe, {}, {}, false},
        {"drm_remove", Op::DrmRemove, {}, {}, true},
        {"buffer_alloc", Op::BufferAlloc, {"buffer", "size"}, {"contiguous", "carveout", "fill", "pixel"}, false},
        {"buffer_free", Op::BufferFree, {"buffer"}, {}, false},
        {"display", Op::Display, {"device", "mode", "windows"}, {"fifo", "frames", "wait"}, false},
        {"display_off", Op::DisplayOff, {"device"}, {}, true},
        {"submit", Op::Submit, {"device", "job"},
         {"dst", "src", "sources", "width", "height", "bpp", "color", "count", "period", "timeout", "wait"}, false},
        {"wait_jobs", Op::WaitJobs, {"device"}, {"timeout"}, false},
    };
    return specs;
}

namespace {

const OpSpec* find_spec(const std::string& name) {
    for (const auto& s : op_specs())
        if (name == s.name) return &s;
    return nullptr;
}

bool has(const std::vector<std::string_view>& keys, std::string_view k) {
    return std::find(keys.begin(), keys.end(), k) != keys.end();
}

class StepReader {
public:
    StepReader(const yaml::Node& n, ParseContext& ctx, Step& out) : n_(n), ctx_(ctx), d_(ctx.diags), out_(out) {}

    bool read(const OpSpec& spec) {
        bool ok = check_keys(spec);
        if (has(spec.required, "target")) ok &= read_target(spec.op == Op::Check);
        else if (const auto* dev = n_.find("device")) ok &= read_device(*dev);
        if (const auto* v = n_.find("driver")) ok &= read_driver(*v);
        if (const auto* v = n_.find("owner"); v && spec.op != Op::Check) ok &= read_owner(*v);
        if (const auto* v = n_.find("name")) ok &= read_new_handle(*v);
        if (const auto* v = n_.find("type")) ok &= read_type(*v);
        if (const auto* v = n_.find("api")) ok &= read_api(*v);
        if (const auto* v = n_.find("domain"); v && spec.op != Op::Check) ok &= read_handle(*v, out_.domain);
        if (const auto* v = n_.find("old")) ok &= read_old(*v);
        if (const auto* v = n_.find("new")) ok &= read_handle(*v, out_.new_domain);
        if (const auto* v = n_.find("iova")) ok &= read_u64(*v, "'iova'", out_.iova);
        if (const auto* v = n_.find("pa")) ok &= read_u64(*v, "'pa'", out_.pa);
        if (const auto* v = n_.find("size")) ok &= read_size(*v);
        bool iova_ok = no_wrap("iova", out_.iova);   // both checked: each reports its own error
        bool pa_ok = no_wrap("pa", out_.pa);
        ok &= iova_ok && pa_ok;
        out_.prot = iommu::kProtRead | iommu::kProtWrite;
        if (const auto* v = n_.find("prot")) ok &= read_prot(*v);
        if (spec.op == Op::Check) ok &= read_check();
        if (const auto* v = n_.find("dir")) ok &= read_dir(*v);
        if (const auto* v = n_.find("pattern")) ok &= read_byte(*v, "'pattern'", out_.pattern);
        // The op's own checks read the keys above: a missing key or an
        // unresolved device has been reported, and they must not run on it.
        if (!ok) return false;
        if (spec.op == Op::Dma && out_.device) ok &= check_dma_engine();
        if (spec.op == Op::MemCheck) ok &= read_mem_check();
        else if (spec.op >= Op::DrmProbe) ok &= read_client_step(n_, ctx_, out_);
        return ok;
    }

private:
    bool check_keys(const OpSpec& spec) {
        bool ok = true;
        for (std::string_view k : spec.required) {
            if (k == "target") {
                if (!n_.find("group") && !n_.find("device")) {
                    d_.malformed(n_.loc, fmt::format("{} needs 'group:' or 'device:' (the device's group)", spec.name));
                    ok = false;
                }
            } else if (!n_.find(k)) {
                d_.malformed(n_.loc, fmt::format("{} needs '{}:'", spec.name, k));
                ok = false;
            }
        }
        bool target = has(spec.required, "target");
        for (const auto& [key, value] : n_.entries) {
            const std::string& k = key->value;
            if (k == "op" || k == "at" || k == "expect" || has(spec.required, k) || has(spec.optional, k)) continue;
            if (target && (k == "group" || k == "device")) continue;
            std::vector<std::string> keys = {"op", "at", "expect"};
            for (auto r : spec.required) keys.push_back(r == "target" ? "group|device" : std::string(r));
            for (auto o : spec.optional) keys.push_back(std::string(o));
            d_.malformed(key->loc, fmt::format("{} does not take '{}' (keys: {})", spec.name, escape_control(k),
                                               fmt::join(keys, ", ")));
            ok = false;
        }
        if (target && n_.find("group") && n_.find("device") && spec.op != Op::Check) {
            d_.malformed(n_.find("group")->loc, "give 'group:' or 'device:', not both");
            ok = false;
        }
        return ok;
    }

    bool read_str(const yaml::Node& v, std::string_view what, std::string& out) {
        auto s = yaml::read_string(v, d_, what);
        if (s) out = *s;
        return s.has_value();
    }

    bool read_u64(const yaml::Node& v, std::string_view what, uint64_t& out) {
        auto x = yaml::read_size(v, d_, what);
        if (x) out = *x;
        return x.has_value();
    }

    // `check` reads `owner: none` as "owned by the kernel", so no claim may
    // use that name.
    bool read_owner(const yaml::Node& v) {
        if (!read_str(v, "'owner'", out_.owner)) return false;
        if (out_.owner != "none") return true;
        d_.malformed(v.loc, "owner 'none' is reserved (check's 'owner: none' means the kernel owns the group); name "
                            "the owner otherwise");
        return false;
    }

    // `key` (iova or pa) plus `size`: no kernel call takes a range that
    // wraps around the 64-bit address space.
    bool no_wrap(const char* key, uint64_t base) {
        const auto* v = n_.find(key);
        if (!v || out_.size == 0 || base <= UINT64_MAX - (out_.size - 1)) return true;
        d_.malformed(v->loc, fmt::format("'{}' {:#x} + 'size' {:#x} wraps around the 64-bit address space", key, base,
                                         out_.size));
        return false;
    }

    bool read_dir(const yaml::Node& v) {
        auto d = yaml::read_choice(v, d_, "'dir'", {"read", "write"});
        if (d) out_.write = *d == "write";
        return d.has_value();
    }

    bool read_byte(const yaml::Node& v, std::string_view what, std::optional<uint8_t>& out) {
        auto b = yaml::read_uint(v, d_, what, 0xff);
        if (b) out = static_cast<uint8_t>(*b);
        return b.has_value();
    }

    bool check_dma_engine() {
        if (ctx_.scenario.dma_engines.count(out_.device)) return true;
        d_.malformed(n_.find("device")->loc,
                     fmt::format("device '{}' cannot issue 'dma' steps: they run on test DMA engines "
                                 "(compatible: {})", out_.device->display_name(), clients::kTestDmaCompatible));
        return false;
    }

    bool read_mem_check() {
        bool ok = true;
        const auto* pa = n_.find("pa");
        const auto* buffer = n_.find("buffer");
        if (!pa == !buffer) {
            d_.malformed(n_.loc, "mem_check needs 'pa:' (a physical address) or 'buffer:' (with 'offset:'), not both");
            return false;
        }
        if (buffer) ok &= read_buffer_check(n_, ctx_, out_);
        else if (const auto* o = n_.find("offset")) {
            d_.malformed(o->loc, "'offset' goes with 'buffer:'");
            return false;
        }
        if (const auto* v = n_.find("pixel")) {
            auto p = yaml::read_uint(*v, d_, "'pixel'", 0xffffffffu);
            if (!p) return false;
            out_.client.pixel = static_cast<uint32_t>(*p);
        }
        const auto* bytes = n_.find("bytes");
        if (bytes) {
            if (!bytes->is_sequence() || bytes->items.empty()) {
                d_.malformed(bytes->loc, fmt::format("'bytes' must be a non-empty list of byte values, not {}",
                                                     bytes->describe()));
                return false;
            }
            for (const auto& item : bytes->items) {
                std::optional<uint8_t> b;
                ok &= read_byte(*item, "a 'bytes' entry", b);
                if (b) out_.bytes.push_back(*b);
            }
        }
        if (!ok) return false;
        int given = !!bytes + out_.pattern.has_value() + out_.client.pixel.has_value();
        if (given != 1) {
            d_.malformed(n_.loc, "mem_check needs one of 'pattern:' (a byte repeated over 'size'), 'pixel:' (a 32-bit "
                                 "word repeated over 'size') or 'bytes:' (a list)");
            return false;
        }
        if (!bytes && !n_.find("size")) {
            d_.malformed(n_.loc, "mem_check with 'pattern:' or 'pixel:' needs 'size:'");
            return false;
        }
        if (out_.client.pixel && out_.size % 4) {
            d_.malformed(n_.find("size")->loc, "mem_check with 'pixel:' needs a 'size' that is a multiple of 4");
            return false;
        }
        if (bytes && n_.find("size") && out_.size != out_.bytes.size()) {
            d_.malformed(n_.find("size")->loc, fmt::format("'size' ({}) differs from the {} entries of 'bytes'",
                                                           out_.size, out_.bytes.size()));
            return false;
        }
        if (bytes) out_.size = out_.bytes.size();
        if (pa && !ctx_.scenario.board.dram_contains(out_.pa, out_.size)) {
            d_.malformed(pa->loc, fmt::format("mem_check range {:#x}..{:#x} is not in DRAM", out_.pa,
                                              out_.pa + out_.size));
            return false;
        }
        return true;
    }

    bool read_size(const yaml::Node& v) {
        if (!read_u64(v, "'size'", out_.size)) return false;
        if (out_.size == 0) {
            d_.malformed(v.loc, "'size' must not be 0");
            return false;
        }
        return true;
    }

    bool read_device(const yaml::Node& v) {
        std::string ref;
        if (!read_str(v, "'device'", ref)) return false;
        const dts::DtNode* node = ctx_.scenario.board.resolve(ref);
        if (!node) {
            d_.malformed(v.loc, fmt::format("no device '{}' in {} (a label or an absolute node path)",
                                            escape_control(ref), ctx_.scenario.board_file));
            return false;
        }
        if (!node->enabled) {
            d_.malformed(v.loc, fmt::format("device '{}' is disabled in the board", escape_control(ref)));
            return false;
        }
        out_.device = node;
        return true;
    }

    bool read_target(bool check) {
        const auto* g = n_.find("group");
        const auto* dev = n_.find("device");
        if (!g && !dev) return false;  // check_keys reported it
        if (dev && !read_device(*dev)) return false;
        if (g) {
            std::string name;
            if (!read_str(*g, "'group'", name)) return false;
            if (!ctx_.scenario.layout.find(name)) {
                std::vector<std::string> names;
                for (const auto& grp : ctx_.scenario.layout.groups) names.push_back(grp.name);
                d_.malformed(g->loc, fmt::format("no IOMMU group '{}' on this board (groups: {})", escape_control(name),
                                                 fmt::join(names, ", ")));
                return false;
            }
            out_.group = name;
            if (check && dev && ctx_.scenario.layout.of(out_.device) != ctx_.scenario.layout.find(name)) {
                d_.malformed(dev->loc, fmt::format("device '{}' is not in group '{}'", out_.device->display_name(), name));
                return false;
            }
            return true;
        }
        const auto* grp = ctx_.scenario.layout.of(out_.device);
        if (!grp) {
            d_.malformed(dev->loc, fmt::format("device '{}' is in no IOMMU group (it has no 'iommus' on the SMMU)",
                                               out_.device->display_name()));
            return false;
        }
        out_.group = grp->name;
        out_.group_by_device = true;
        return true;
    }

    bool read_driver(const yaml::Node& v) {
        if (!read_str(v, "'driver'", out_.driver)) return false;
        if (const DriverInfo* info = find_driver(out_.driver)) {
            if (!info->binds_to || !out_.device) return true;
            auto kind = clients::node_kind(*out_.device);
            if (kind && std::string_view(clients::node_kind_name(*kind)) == info->binds_to) {
                auto why = clients::model_unsupported(*ctx_.scenario.board.soc, *kind);
                if (!why) return true;
                d_.malformed(v.loc, fmt::format("driver '{}' has no hardware model to drive on this board: {}",
                                                out_.driver, *why));
                return false;
            }
            d_.malformed(v.loc, fmt::format("driver '{}' binds to {} nodes; '{}' is not one (by its compatible)",
                                            out_.driver, info->binds_to, out_.device->display_name()));
            return false;
        }
        std::vector<std::string> names;
        for (const auto& drv : generic_drivers()) names.push_back(drv.name);
        d_.malformed(v.loc, fmt::format("unknown driver '{}' (drivers: {})", escape_control(out_.driver),
                                        fmt::join(names, ", ")));
        return false;
    }

    bool read_new_handle(const yaml::Node& v) {
        if (!read_str(v, "'name'", out_.name)) return false;
        static const std::set<std::string> reserved = {"none", "default", "blocked", "identity", "shared"};
        if (reserved.count(out_.name)) {
            d_.malformed(v.loc, fmt::format("'{}' is reserved; name the domain otherwise", out_.name));
            return false;
        }
        auto [it, fresh] = ctx_.handles.emplace(out_.name, out_.index);
        if (!fresh) {
            d_.malformed(v.loc, fmt::format("domain '{}' is already allocated by step {}", escape_control(out_.name),
                                            it->second));
            return false;
        }
        return true;
    }

    bool read_handle(const yaml::Node& v, std::string& out) {
        if (!read_str(v, "domain handle", out)) return false;
        if (ctx_.handles.count(out)) return true;
        d_.malformed(v.loc, fmt::format("unknown domain '{}' (allocate it with domain_alloc in an earlier step)",
                                        escape_control(out)));
        return false;
    }

    bool read_old(const yaml::Node& v) {
        if (v.is_scalar() && v.value == "none") return true;  // old_domain stays empty
        return read_handle(v, out_.old_domain);
    }

    bool read_check_domain(const yaml::Node& v, CheckSpec& c) {
        std::string s;
        if (!read_str(v, "'domain'", s)) return false;
        if (s == "default" || s == "blocked" || s == "identity" || s == "shared" || ctx_.handles.count(s)) {
            c.domain = s;
            return true;
        }
        d_.malformed(v.loc, fmt::format("'domain' must be a domain handle, default, blocked, identity or shared (the Tegra DRM domain), not '{}'",
                                        escape_control(s)));
        return false;
    }

    bool read_type(const yaml::Node& v) {
        auto s = yaml::read_choice(v, d_, "'type'", {"paging", "dma", "identity", "blocked"});
        if (!s) return false;
        out_.type = *s == "paging" ? iommu::DomainType::Paging
                  : *s == "dma"    ? iommu::DomainType::Dma
                  : *s == "identity" ? iommu::DomainType::Identity
                                     : iommu::DomainType::Blocked;
        return true;
    }

    bool read_api(const yaml::Node& v) {
        auto s = yaml::read_choice(v, d_, "'api'", {"bus", "paging", "user"});
        if (!s) return false;
        out_.api = *s == "bus" ? iommu::AllocApi::Bus : *s == "paging" ? iommu::AllocApi::Paging : iommu::AllocApi::User;
        return true;
    }

    bool read_prot(const yaml::Node& v) {
        auto s = yaml::read_choice(v, d_, "'prot'", {"r", "w", "rw"});
        if (!s) return false;
        out_.prot = (*s != "w" ? iommu::kProtRead : 0) | (*s != "r" ? iommu::kProtWrite : 0);
        return true;
    }

    // One check key: a value, or a mapping from policy names to values
    // (then the key is checked only under the policies listed).
    template <class ReadOne>
    bool read_check_key(std::string_view key, std::map<iommu::PolicyKind, CheckSpec>& per_policy, ReadOne read_one) {
        const yaml::Node* v = n_.find(key);
        if (!v) return true;
        if (!v->is_mapping()) return read_one(*v, out_.check);
        if (v->entries.empty()) {
            d_.malformed(v->loc, fmt::format("'{}' must be a value or a non-empty mapping from policy names to values", key));
            return false;
        }
        bool ok = true;
        for (const auto& [k, value] : v->entries) {
            auto p = iommu::policy_from_name(k->value);
            if (!p) {
                d_.malformed(k->loc, fmt::format("'{}': '{}' is not a policy ({})", key, escape_control(k->value),
                                                 fmt::join(iommu::policy_names(), " | ")));
                ok = false;
            } else {
                ok &= read_one(*value, per_policy[*p]);
            }
        }
        return ok;
    }

    bool read_check() {
        bool ok = true;
        std::map<iommu::PolicyKind, CheckSpec> per_policy;
        auto uint_key = [&](const char* key, std::optional<uint64_t> CheckSpec::*field) {
            return read_check_key(key, per_policy, [&](const yaml::Node& v, CheckSpec& c) {
                return (c.*field = yaml::read_uint(v, d_, fmt::format("'{}'", key))).has_value();
            });
        };
        ok &= read_check_key("domain", per_policy, [&](const yaml::Node& v, CheckSpec& c) { return read_check_domain(v, c); });
        ok &= read_check_key("owner", per_policy, [&](const yaml::Node& v, CheckSpec& c) {
            std::string s;
            if (!read_str(v, "'owner'", s)) return false;
            c.owner = s;
            return true;
        });
        ok &= uint_key("owner_cnt", &CheckSpec::owner_cnt);
        ok &= uint_key("attach_cnt", &CheckSpec::attach_cnt);
        ok &= read_check_key("bound", per_policy, [&](const yaml::Node& v, CheckSpec& c) {
            std::string s;
            if (!read_str(v, "'bound'", s)) return false;
            if (s != "none" && !find_driver(s)) {
                d_.malformed(v.loc, fmt::format("'bound' must be a driver name or none, not '{}'", escape_control(s)));
                return false;
            }
            if (!n_.find("device")) {
                d_.malformed(v.loc, "'bound' checks a device: give 'device:'");
                return false;
            }
            c.bound = s;
            return true;
        });
        ok &= read_check_key("hw_asid", per_policy, [&](const yaml::Node& v, CheckSpec& c) {
            auto h = yaml::read_choice(v, d_, "'hw_asid'", {"same"});
            c.hw_asid_same = h.has_value();
            return h.has_value();
        });
        ok &= uint_key("asids", &CheckSpec::asids);
        bool any = false;
        for (const char* k : {"domain", "owner", "owner_cnt", "attach_cnt", "bound", "hw_asid", "asids"}) any |= n_.find(k) != nullptr;
        if (!any) {
            d_.malformed(n_.loc, "check needs at least one of domain, owner, owner_cnt, attach_cnt, bound, hw_asid, asids");
            ok = false;
        }
        for (auto& [policy, own] : per_policy) {
            CheckSpec merged = out_.check;
            overlay(merged, own);
            out_.check_per_policy[policy] = merged;
        }
        return ok;
    }

    const yaml::Node& n_;
    ParseContext& ctx_;
    Diagnostics& d_;
    Step& out_;
};

}  // namespace

bool parse_step(const yaml::Node& n, size_t index, ParseContext& ctx, Step& out) {
    Diagnostics& d = ctx.diags;
    out.index = index;
    out.loc = n.loc;
    if (!n.is_mapping()) {
        d.malformed(n.loc, fmt::format("step {} must be a mapping with 'op:', not {}", index, n.describe()));
        return false;
    }
    const auto* op = n.find("op");
    if (!op) {
        d.malformed(n.loc, fmt::format("step {} needs 'op:'", index));
        return false;
    }
    const OpSpec* spec = op->is_scalar() ? find_spec(op->value) : nullptr;
    if (!spec) {
        std::vector<std::string_view> names;
        for (const auto& s : op_specs()) names.push_back(s.name);
        d.malformed(op->loc, fmt::format("{} (ops: {})",
                                         op->is_scalar() && !op->value.empty() ? "unknown op " + op->describe()
                                                                               : "'op' needs an operation name",
                                         fmt::join(names, ", ")));
        return false;
    }
    out.op = spec->op;
    bool ok = true;
    if (const auto* at = n.find("at")) {
        out.at_ns = yaml::read_time_ns(*at, d, "'at'");
        if (!out.at_ns) {
            ok = false;
        } else if (*out.at_ns < ctx.last_at_ns) {
            d.malformed(at->loc, fmt::format("'at' goes back in time ({} ns is before an earlier step's {} ns)",
                                             *out.at_ns, ctx.last_at_ns));
            ok = false;
        } else if (*out.at_ns > ctx.scenario.duration_ns) {
            d.malformed(at->loc, fmt::format("'at' ({} ns) is after the scenario's duration ({} ns)", *out.at_ns,
                                             ctx.scenario.duration_ns));
            ok = false;
        } else {
            ctx.last_at_ns = *out.at_ns;
        }
    }
    ok &= StepReader(n, ctx, out).read(*spec);
    out.expect.loc = n.loc;
    if (const auto* e = n.find("expect")) {
        if (spec->op == Op::Check) {
            d.malformed(e->loc, "check takes no 'expect:' (its assertions are the expectation)");
            return false;
        }
        ok &= read_expect(*e, d, out.expect, "'expect'", [&](const yaml::Node& v) {
            if (spec->op == Op::Dma || spec->op == Op::MemCheck) {
                const char* other = spec->op == Op::Dma ? "fault" : "mismatch";
                if (v.value == "ok" || v.value == other) return true;
                d.malformed(v.loc, fmt::format("{} expects ok or {}, not {}", spec->name, other, v.describe()));
                return false;
            }
            if (spec->is_void && v.value != "ok") {
                d.malformed(v.loc, fmt::format("{} returns nothing (void in the kernel): it can only be ok; misuse "
                                               "shows as a warning", spec->name));
                return false;
            }
            if (v.value == "ok" || iommu::errno_from_name(v.value)) return true;
            d.malformed(v.loc, fmt::format("expect must be ok or an errno name (EBUSY, EPERM, EINVAL, ENODEV, ENOSPC, "
                                           "ENOMEM, EOPNOTSUPP, ENOENT), not {}", v.describe()));
            return false;
        });
    }
    return ok;
}

}  // namespace socsim::run::detail

namespace socsim::run {

const char* op_name(Op op) {
    for (const auto& s : detail::op_specs())
        if (s.op == op) return s.name;
    return "?";
}

void overlay(CheckSpec& to, const CheckSpec& from) {
    if (from.domain) to.domain = from.domain;
    if (from.owner) to.owner = from.owner;
    if (from.owner_cnt) to.owner_cnt = from.owner_cnt;
    if (from.attach_cnt) to.attach_cnt = from.attach_cnt;
    if (from.bound) to.bound = from.bound;
    if (from.hw_asid_same) to.hw_asid_same = true;
    if (from.asids) to.asids = from.asids;
}

}  // namespace socsim::run
