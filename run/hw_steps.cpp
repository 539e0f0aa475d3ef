#include "run/hw_steps.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "util/panic.h"

namespace socsim::run {

StepOutcome run_dma(soc::Platform& p, const Step& step) {
    clients::TestDma* engine = p.engine(step.device);
    if (!engine) panic("dma step on a device without an engine: the scenario loader lets none through");
    clients::DmaJob job;
    job.write = step.write;
    job.iova = step.iova;
    job.size = step.size;
    job.pattern = step.pattern;
    clients::DmaResult r = engine->run(job);
    StepOutcome out;
    out.actual = r.faults ? "fault" : r.mismatch ? "mismatch" : "ok";
    out.details.push_back(fmt::format("{} requests, {} faulted, {} bytes in {} ns", r.requests, r.faults, r.bytes,
                                      (r.end_ps - r.start_ps) / 1000));
    if (r.first_fault) out.details.push_back(fmt::format("first fault at iova {:#x}", *r.first_fault));
    if (r.mismatch)
        out.mismatches.push_back(fmt::format("read {:#04x} at iova {:#x}, expected the pattern {:#04x}",
                                             r.mismatch_value, *r.mismatch, *step.pattern));
    return out;
}

StepOutcome run_mem_check(const soc::Platform& p, const Step& step, const ClientLayer* clients) {
    StepOutcome out;
    std::vector<uint8_t> got(step.size);
    const std::string& buffer = step.client.buffer;
    if (buffer.empty()) {
        p.dram.read(step.pa, got.data(), step.size);
    } else {
        for (uint64_t i = 0; i < step.size;) {   // page by page: GEM pages need not be contiguous
            auto pa = clients ? clients->buffer_pa(buffer, step.client.offset + i) : std::nullopt;
            if (!pa) {
                out.actual = "mismatch";
                out.mismatches.push_back(fmt::format("buffer {} has no byte at offset {:#x} (not allocated, or too "
                                                     "small)", buffer, step.client.offset + i));
                return out;
            }
            uint64_t n = std::min<uint64_t>(step.size - i, 4096 - (*pa & 0xfff));
            p.dram.read(*pa, got.data() + i, n);
            i += n;
        }
    }
    for (uint64_t i = 0; i < step.size; ++i) {
        uint8_t want = !step.bytes.empty()  ? step.bytes[i]
                       : step.client.pixel ? static_cast<uint8_t>(*step.client.pixel >> (8 * (i % 4)))
                                           : *step.pattern;
        if (got[i] != want) {
            std::string where = buffer.empty() ? fmt::format("DRAM at pa {:#x}", step.pa + i)
                                               : fmt::format("{} at offset {:#x}", buffer, step.client.offset + i);
            out.mismatches.push_back(fmt::format("{} holds {:#04x}, expected {:#04x}", where, got[i], want));
            break;
        }
    }
    out.actual = out.mismatches.empty() ? "ok" : "mismatch";
    return out;
}

uint64_t underflow_lines(const soc::Platform& p) {
    uint64_t n = 0;
    for (const auto& [head, dc] : p.heads()) n += dc->stats().underflows();
    return n;
}

double head_bandwidth_Bps(const clients::DisplayController& dc) {
    double bw = 0;
    for (int w = 0; w < 3; ++w) bw += dc.stats().window_bandwidth(w);
    return bw;
}

RunCheck bandwidth_check(const RunExpect::Bandwidth& b, const soc::Platform& p) {
    double bw = 0;
    if (b.head) {
        for (const auto& [head, node] : p.head_nodes())
            if (node == b.head) bw = head_bandwidth_Bps(*p.heads().at(head));
    } else {
        const soc::SocInfo& soc = p.mc.soc();
        const soc::MemoryClient* c = soc.find_client(b.name);   // the loader checked it exists
        bw = p.mc.client_stats().at(size_t(c - soc.clients.data())).bandwidth_Bps();
    }
    RunCheck c;
    c.name = "bandwidth " + b.name;
    auto mb = [](uint64_t v) { return fmt::format("{:.3f} MB/s", double(v) / 1e6); };
    c.expected = b.min && b.max ? mb(*b.min) + " .. " + mb(*b.max) : b.min ? ">= " + mb(*b.min) : "<= " + mb(*b.max);
    c.actual = fmt::format("{:.3f} MB/s", bw / 1e6);
    c.passed = (!b.min || bw >= double(*b.min)) && (!b.max || bw <= double(*b.max));
    c.loc = b.loc;
    return c;
}

}  // namespace socsim::run
