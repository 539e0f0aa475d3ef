#include "run/run_report.h"

#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "run/client_report.h"
#include "run/hw_report.h"
#include "util/diag.h"
#include "util/units.h"

namespace socsim::run {

using nlohmann::ordered_json;
using namespace socsim::iommu;

namespace {

std::string describe(const Step& s) {
    std::string dev = s.device ? s.device->display_name() : "";
    std::string grp = s.group_by_device ? dev : s.group;
    switch (s.op) {
        case Op::Bind: return fmt::format("bind {} to {}", s.driver, dev);
        case Op::ClaimDmaOwner: return fmt::format("claim_dma_owner {} by {}", grp, s.owner);
        case Op::ReleaseDmaOwner: return fmt::format("release_dma_owner {}", grp);
        case Op::DomainAlloc: return fmt::format("domain_alloc {} ({})", s.name, domain_type_name(s.type));
        case Op::DomainFree: return fmt::format("domain_free {}", s.domain);
        case Op::AttachDevice: case Op::DetachDevice: return fmt::format("{} {} {}", op_name(s.op), s.domain, dev);
        case Op::AttachGroup: case Op::DetachGroup: return fmt::format("{} {} {}", op_name(s.op), s.domain, grp);
        case Op::ReplaceDomain:
            return fmt::format("replace_domain {}: {} -> {}", grp, s.old_domain.empty() ? "none" : s.old_domain, s.new_domain);
        case Op::Map: return fmt::format("map {} iova {:#x} -> pa {:#x} size {:#x}", s.domain, s.iova, s.pa, s.size);
        case Op::Unmap: return fmt::format("unmap {} iova {:#x} size {:#x}", s.domain, s.iova, s.size);
        case Op::Check: return fmt::format("check {}", s.group);
        case Op::Dma: return fmt::format("dma {} {} iova {:#x} size {:#x}", dev, s.write ? "write" : "read", s.iova, s.size);
        case Op::MemCheck:
            if (!s.client.buffer.empty())
                return fmt::format("mem_check {} offset {:#x} size {:#x}", s.client.buffer, s.client.offset, s.size);
            return fmt::format("mem_check pa {:#x} size {:#x}", s.pa, s.size);
        case Op::BufferAlloc: case Op::BufferFree: return fmt::format("{} {}", op_name(s.op), s.client.buffer);
        case Op::Submit:
            return fmt::format("submit {} {} {}x{} x{}", dev, s.client.job, s.client.width, s.client.height, s.client.count);
        case Op::Display:
            return fmt::format("display {} {}x{}@{:g}", dev, s.client.mode.width, s.client.mode.height, s.client.mode.refresh);
        default: return fmt::format("{} {}", op_name(s.op), dev);
    }
}

std::string owner_text(const std::string& owner) { return owner.empty() ? "none" : owner; }

// Each failed expectation: where it is in the scenario, and what happened.
std::vector<std::pair<Location, std::string>> failures(const Scenario& s, const RunResult& r) {
    std::vector<std::pair<Location, std::string>> out;
    for (const auto& rec : r.steps) {
        if (rec.passed) continue;
        const Step& st = *rec.step;
        if (!rec.reached) {
            out.emplace_back(st.loc, fmt::format("step {} ({}) was not reached within the duration ({} ns)", st.index,
                                                 op_name(st.op), s.duration_ns));
        } else if (!rec.outcome.mismatches.empty()) {
            for (const auto& m : rec.outcome.mismatches) out.emplace_back(st.loc, fmt::format("step {} check: {}", st.index, m));
        } else {
            out.emplace_back(st.expect.loc, fmt::format("step {} ({}): expected {}, got {}", st.index, describe(st),
                                                        rec.expected, rec.outcome.actual));
        }
    }
    for (const auto& c : r.run_checks)
        if (!c.passed)
            out.emplace_back(c.loc, fmt::format("run expectation {}: expected {}, got {}", c.name, c.expected, c.actual));
    return out;
}

}  // namespace

void print_summary(std::ostream& out, const Simulation& sim, const RunResult& r) {
    const Scenario& s = sim.scenario();
    const DriverLayer& layer = sim.layer();
    fmt::print(out, "scenario {} on {} ({}), policy {}, seed {}", s.name, s.board_file, s.board.soc->name,
               policy_name(r.policy), s.seed);
    for (size_t i = 0; i < s.overrides.size(); ++i)
        fmt::print(out, "{}{}={}", i == 0 ? ", set " : " ", s.overrides[i].key, s.overrides[i].value);
    fmt::print(out, "\n");
    if (!s.description.empty()) fmt::print(out, "  {}\n", s.description);
    size_t total = r.steps.size() + r.run_checks.size();
    if (r.failed() != 0) {   // first, so that nobody scrolls past them
        fmt::print(out, "FAILED: {} of {} expectations\n", r.failed(), total);
        for (const auto& [loc, message] : failures(s, r)) fmt::print(out, "  line {}: {}\n", loc.line, message);
    }
    for (const auto& w : layer.probe_warnings()) fmt::print(out, "  warning: {}\n", w);
    fmt::print(out, "steps:\n");
    for (const auto& rec : r.steps) {
        std::string verdict = rec.passed ? rec.outcome.actual
                                         : fmt::format("{}  FAILED (expected {})", rec.outcome.actual, rec.expected);
        fmt::print(out, "  #{:<3} {:>10} ns  {:<52} {}\n", rec.step->index, rec.start_ns, describe(*rec.step), verdict);
        for (const auto& m : rec.outcome.details) fmt::print(out, "        {}\n", m);
        for (const auto& m : rec.outcome.mismatches) fmt::print(out, "        mismatch: {}\n", m);
        for (const auto& w : rec.outcome.warnings) fmt::print(out, "        warning: {}\n", w);
    }
    for (const auto& h : layer.hazards())
        fmt::print(out, "isolation hazard: group {} owned by {} with kernel DMA-API driver(s) on {} from {} ns to {} ns\n",
                   h.group, h.owner, fmt::join(h.devices, ", "), h.from_ns, h.to_ns);
    for (const auto& c : r.run_checks)
        fmt::print(out, "expect {}: {} (expected {}){}\n", c.name, c.actual, c.expected, c.passed ? "" : "  FAILED");
    fmt::print(out, "groups:\n");
    const IommuCore& core = layer.core();
    for (const auto& g : core.groups()) {
        const Domain& d = core.domains().at(static_cast<size_t>(g.domain));
        fmt::print(out, "  {:<10} domain {} ({})  owner_cnt {}  attach_cnt {}  owner {}\n", g.name, d.name,
                   domain_type_name(d.type), g.owner_cnt, g.attach_cnt, owner_text(g.owner));
    }
    print_hw_summary(out, sim.platform());
    fmt::print(out, "smmu ASIDs: {} in use of {} ({} allocations, {} refused for want of one)\n",
               layer.smmu().asids_in_use(), s.board.soc->num_asids, layer.smmu().stats().asid_allocs,
               layer.smmu().stats().asid_exhausted);
    print_client_summary(out, sim.platform(), sim.layer().clients());
    if (r.failed() == 0) fmt::print(out, "result: all {} expectations held\n", total);
    else fmt::print(out, "result: {} of {} expectations FAILED\n", r.failed(), total);
    fmt::print(out, "sim time {} ({} ns; {} mode, boot {}), wall {:.3f} s, real-time factor {}\n",
               format_time_ns(r.sim_time_ns), r.sim_time_ns, r.timing.accurate ? "accurate" : "fast",
               format_time_ns(r.probe_ns), r.wall_time_s,
               format_realtime_factor(double(r.sim_time_ns) * 1e-9, r.wall_time_s));
}

void print_failures(std::ostream& err, const Scenario& s, const RunResult& r) {
    Diagnostics d;
    for (const auto& [loc, message] : failures(s, r)) d.error(loc, message);
    d.print(err);
}

ordered_json report_json(const Simulation& sim, const RunResult& r) {
    const Scenario& s = sim.scenario();
    const DriverLayer& layer = sim.layer();
    const IommuCore& core = layer.core();
    ordered_json j;
    j["scenario"] = s.name;
    j["file"] = s.file;
    j["board"] = s.board_file;
    j["soc"] = std::string(s.board.soc->name);
    j["policy"] = policy_name(r.policy);
    j["replace_unwind"] = s.replace_unwind == ReplaceUnwind::Block ? "block" : "restore";
    j["seed"] = s.seed;
    j["timing"] = {{"mode", r.timing.accurate ? "accurate" : "fast"}, {"quantum_ns", r.timing.quantum_ns}};
    j["overrides"] = ordered_json::object();
    for (const auto& o : s.overrides) j["overrides"][o.key] = o.value;
    j["boot_ns"] = r.probe_ns;
    j["sim_time_ns"] = r.sim_time_ns;
    j["wall_time_s"] = r.wall_time_s;
    j["passed"] = r.failed() == 0;
    ordered_json exps = ordered_json::array();
    for (const auto& rec : r.steps) {
        ordered_json e;
        e["step"] = rec.step->index;
        e["op"] = op_name(rec.step->op);
        e["line"] = rec.step->loc.line;
        e["time_ns"] = rec.start_ns;
        e["end_ns"] = rec.end_ns;
        e["expected"] = rec.expected;
        e["actual"] = rec.outcome.actual;
        e["passed"] = rec.passed;
        if (!rec.outcome.mismatches.empty()) e["mismatches"] = rec.outcome.mismatches;
        if (!rec.outcome.warnings.empty()) e["warnings"] = rec.outcome.warnings;
        if (!rec.outcome.details.empty()) e["details"] = rec.outcome.details;
        exps.push_back(e);
    }
    for (const auto& c : r.run_checks)
        exps.push_back({{"run", c.name}, {"expected", c.expected}, {"actual", c.actual}, {"passed", c.passed}});
    j["expectations"] = exps;
    ordered_json groups = ordered_json::array();
    for (const auto& g : core.groups()) {
        const Domain& d = core.domains().at(static_cast<size_t>(g.domain));
        ordered_json devs = ordered_json::array();
        for (int di : g.devices) devs.push_back(core.devices().at(static_cast<size_t>(di)).name);
        groups.push_back({{"name", g.name},
                          {"devices", devs},
                          {"domain", d.name},
                          {"domain_type", domain_type_name(d.type)},
                          {"owner_cnt", g.owner_cnt},
                          {"owner", g.owner.empty() ? ordered_json(nullptr) : ordered_json(g.owner)},
                          {"attach_cnt", g.attach_cnt}});
    }
    j["groups"] = groups;
    ordered_json hazards = ordered_json::array();
    for (const auto& h : layer.hazards())
        hazards.push_back({{"group", h.group}, {"owner", h.owner}, {"devices", h.devices}, {"from_ns", h.from_ns},
                           {"to_ns", h.to_ns}});
    j["hazards"] = hazards;
    const auto& st = layer.smmu().stats();
    ordered_json smmu = {{"asids_in_use", layer.smmu().asids_in_use()},
                         {"asid_allocations", st.asid_allocs},
                         {"asid_exhausted", st.asid_exhausted},
                         {"register_writes", st.reg_writes},
                         {"register_reads", st.reg_reads},
                         {"page_table_writes", st.pt_writes},
                         {"tlb_flushes", st.tlb_flushes},
                         {"ptc_flushes", st.ptc_flushes},
                         {"page_table_pages", layer.smmu().pool().pages_in_use()}};
    add_hw_report(j, smmu, sim.platform());
    add_client_report(j, sim.platform(), sim.layer().clients());
    j["mc"]["interrupts_handled"] = r.mc_irqs_handled;
    j["series"] = sim.sampler().json();
    return j;
}

}  // namespace socsim::run
