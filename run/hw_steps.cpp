#include "run/hw_steps.h"

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

StepOutcome run_mem_check(const soc::Platform& p, const Step& step) {
    std::vector<uint8_t> got(step.size);
    p.dram.read(step.pa, got.data(), step.size);
    StepOutcome out;
    for (uint64_t i = 0; i < step.size; ++i) {
        uint8_t want = step.bytes.empty() ? *step.pattern : step.bytes[i];
        if (got[i] != want) {
            out.mismatches.push_back(fmt::format("DRAM at pa {:#x} holds {:#04x}, expected {:#04x}", step.pa + i,
                                                 got[i], want));
            break;
        }
    }
    out.actual = out.mismatches.empty() ? "ok" : "mismatch";
    return out;
}

}  // namespace socsim::run
