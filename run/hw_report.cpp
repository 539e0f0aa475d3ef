#include "run/hw_report.h"

#include <ostream>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "soc/mc/mc_regs.h"

namespace socsim::run {

using nlohmann::ordered_json;

namespace {

double ratio(uint64_t a, uint64_t b) { return b ? double(a) / double(b) : 0.0; }

// MB/s over the client's active window (first request to last completion).
double mbps(const soc::McClientStats& c) { return c.bandwidth_Bps() / 1e6; }

ordered_json histogram_json(const Histogram& h) {
    ordered_json buckets = ordered_json::array();
    for (const auto& [upper, count] : h.buckets()) buckets.push_back({upper, count});
    return {{"count", h.count()}, {"mean", h.mean()}, {"p50", h.quantile(0.5)}, {"p99", h.quantile(0.99)},
            {"max", h.max()}, {"buckets", buckets}};
}

const char* fault_reason(const soc::FaultRecord& f) {
    return f.kind == soc::FaultKind::DecodeError ? "decode-error" : smmu::fault_reason_name(f.reason);
}

}  // namespace

void add_hw_report(ordered_json& j, ordered_json smmu, const soc::Platform& p) {
    const soc::MemoryController& mc = p.mc;
    const soc::SocInfo& soc = mc.soc();
    ordered_json clients = ordered_json::array();
    for (size_t i = 0; i < soc.clients.size(); ++i) {
        const soc::McClientStats& c = mc.client_stats()[i];
        if (c.requests == 0) continue;
        const soc::MemoryClient& mcl = soc.clients[i];
        clients.push_back({{"name", std::string(mcl.name)},
                           {"id", mcl.id},
                           {"swgroup", std::string(mcl.swgroup)},
                           {"requests", c.requests},
                           {"reads", c.reads},
                           {"writes", c.writes},
                           {"bytes", c.bytes},
                           {"avg_latency_ns", c.latency_ns.mean()},
                           {"p99_latency_ns", c.latency_ns.quantile(0.99)},
                           {"max_latency_ns", c.latency_ns.max()},
                           {"bandwidth_MBps", mbps(c)},
                           {"faults", c.faults},
                           {"la_exceeded", c.la_exceeded},
                           {"latency_ns", histogram_json(c.latency_ns)}});
    }
    j["clients"] = clients;

    const smmu::SmmuStats& st = mc.smmu().stats();
    ordered_json faults_by_kind;
    for (int k = 1; k < smmu::kFaultReasonCount; ++k)
        faults_by_kind[smmu::fault_reason_name(static_cast<smmu::FaultReason>(k))] = st.faults[size_t(k)];
    smmu["translations"] = st.translations;
    smmu["bypassed"] = st.bypassed;
    smmu["asids_enabled"] = mc.smmu().asids_enabled();
    smmu["tlb"] = {{"lines", mc.smmu().tlb().lines()},
                   {"lookups", st.tlb_lookups},
                   {"hits", st.tlb_hits},
                   {"misses", st.tlb_misses},
                   {"hit_rate", ratio(st.tlb_hits, st.tlb_lookups)},
                   {"flushes", {{"all", st.tlb_flush_all}, {"asid", st.tlb_flush_asid},
                                {"section", st.tlb_flush_section}, {"group", st.tlb_flush_group}}},
                   {"lines_flushed", st.tlb_lines_flushed}};
    smmu["ptc"] = {{"lines", mc.smmu().ptc().lines()},
                   {"atom_bytes", mc.smmu().ptc().atom_size()},
                   {"lookups", st.ptc_lookups},
                   {"hits", st.ptc_hits},
                   {"misses", st.ptc_misses},
                   {"hit_rate", ratio(st.ptc_hits, st.ptc_lookups)},
                   {"flushes", {{"all", st.ptc_flush_all}, {"address", st.ptc_flush_adr}}},
                   {"lines_flushed", st.ptc_lines_flushed}};
    smmu["walks"] = st.walks;
    smmu["walk_latency_ns"] = histogram_json(st.walk_latency_ns);
    smmu["faults"] = faults_by_kind;
    j["smmu"] = smmu;

    const soc::DramStats& d = p.dram.timing().stats();
    uint64_t now = soc::now_ps();
    j["dram"] = {{"bandwidth_Bps", p.dram.timing().bandwidth()},
                 {"burst_bytes", p.dram.timing().burst_bytes()},
                 {"requests", d.requests},
                 {"reads", d.reads},
                 {"writes", d.writes},
                 {"bytes", d.bytes},
                 {"bursts", d.bursts},
                 {"busy_ns", d.busy_ps / 1000},
                 {"utilisation", ratio(d.busy_ps, now)},
                 {"resident_pages", p.dram.resident_pages()}};
    j["mc"] = {{"faults", mc.fault_count()},
               {"interrupts", mc.irq_assertions()},
               {"intstatus", mc.reg_value(soc::MC_INTSTATUS)},
               {"err_status", mc.reg_value(soc::MC_ERR_STATUS)},
               {"err_adr", mc.reg_value(soc::MC_ERR_ADR)},
               {"fault_log_limit", soc::MemoryController::kFaultLogLimit}};
    ordered_json faults = ordered_json::array();
    for (const auto& f : mc.faults()) {
        const soc::MemoryClient& c = soc.clients[f.client_index];
        faults.push_back({{"time_ns", f.time_ps / 1000},
                          {"client", std::string(c.name)},
                          {"client_id", c.id},
                          {"swgroup", std::string(c.swgroup)},
                          {"iova", f.address},
                          {"translated", f.translated},
                          {"write", f.write},
                          {"kind", f.kind == soc::FaultKind::DecodeError ? "decode-error" : "smmu-page"},
                          {"reason", fault_reason(f)}});
    }
    j["faults"] = faults;
}

void print_hw_summary(std::ostream& out, const soc::Platform& p) {
    const soc::MemoryController& mc = p.mc;
    const soc::SocInfo& soc = mc.soc();
    bool any = false;
    for (size_t i = 0; i < soc.clients.size(); ++i) {
        const soc::McClientStats& c = mc.client_stats()[i];
        if (c.requests == 0) continue;
        if (!any) fmt::print(out, "memory clients:\n  {:<12} {:<8} {:>9} {:>10} {:>10} {:>9} {:>9} {:>7}\n", "client",
                             "swgroup", "requests", "MB", "MB/s", "avg ns", "p99 ns", "faults");
        any = true;
        fmt::print(out, "  {:<12} {:<8} {:>9} {:>10.3f} {:>10.1f} {:>9.1f} {:>9} {:>7}\n", soc.clients[i].name,
                   soc.clients[i].swgroup, c.requests, double(c.bytes) / 1e6, mbps(c), c.latency_ns.mean(),
                   c.latency_ns.quantile(0.99), c.faults);
    }
    const smmu::SmmuStats& st = mc.smmu().stats();
    if (st.translations + st.bypassed > 0) {
        fmt::print(out, "smmu: {} translated, {} bypassed; TLB {}/{} hits ({:.1f}%), PTC {}/{} hits ({:.1f}%), {} walks "
                        "(mean {:.0f} ns, p99 {} ns)\n",
                   st.translations, st.bypassed, st.tlb_hits, st.tlb_lookups, 100 * ratio(st.tlb_hits, st.tlb_lookups),
                   st.ptc_hits, st.ptc_lookups, 100 * ratio(st.ptc_hits, st.ptc_lookups), st.walks,
                   st.walk_latency_ns.mean(), st.walk_latency_ns.quantile(0.99));
    }
    fmt::print(out, "smmu flushes: TLB {} all, {} asid, {} section, {} group; PTC {} all, {} address\n",
               st.tlb_flush_all, st.tlb_flush_asid, st.tlb_flush_section, st.tlb_flush_group, st.ptc_flush_all,
               st.ptc_flush_adr);
    if (mc.fault_count() > 0) {
        fmt::print(out, "faults: {}\n", mc.fault_count());
        size_t shown = 0;
        for (const auto& f : mc.faults()) {
            if (shown++ == 5) {
                fmt::print(out, "  ... (the report lists up to {})\n", soc::MemoryController::kFaultLogLimit);
                break;
            }
            fmt::print(out, "  {:>10} ns  {:<10} {:<5} {:#010x}  {}\n", f.time_ps / 1000, soc.clients[f.client_index].name,
                       f.write ? "write" : "read", f.address, fault_reason(f));
        }
    }
}

}  // namespace socsim::run
