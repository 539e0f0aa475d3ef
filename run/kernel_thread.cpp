#include "run/kernel_thread.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>
#include <systemc>
#include <tlm>

#include "run/hw_steps.h"
#include "soc/mc/mc_regs.h"
#include "util/yaml_values.h"

namespace socsim::run {

namespace {

uint64_t now_ns() { return soc::now_ps() / 1000; }

class KernelThread : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(KernelThread);
    KernelThread(sc_core::sc_module_name name, const Scenario& s, soc::Platform& p, DriverLayer& layer,
                 RunResult& result, trace::TraceSink* trace)
        : sc_module(name), s_(s), p_(p), layer_(layer), result_(result), trace_(trace) {
        SC_THREAD(run);
    }

private:
    // tegra_mc_probe unmasks the MC's error interrupts; tegra_mc_irq reads
    // and clears them. The CPU takes the interrupt between steps.
    void mc_probe() { p_.cpu.reg_write(soc::MC_INTMASK, soc::MC_INT_INVALID_SMMU_PAGE | soc::MC_INT_DECERR_EMEM); }
    void mc_irq() {
        uint32_t status = p_.cpu.reg_read(soc::MC_INTSTATUS);
        if (status == 0) return;  // the line has not dropped yet from the last clear
        p_.cpu.reg_read(soc::MC_ERR_STATUS);
        p_.cpu.reg_read(soc::MC_ERR_ADR);
        p_.cpu.reg_write(soc::MC_INTSTATUS, status);
        p_.cpu.sync();
        ++result_.mc_irqs_handled;
        if (trace::on(trace_))
            trace_->driver_op(fmt::format("tegra_mc_irq: INTSTATUS {:#x} cleared", status), soc::now_ps());
    }

    void run() {
        mc_probe();
        layer_.probe();
        p_.cpu.sync();
        result_.probe_ns = now_ns();
        if (trace::on(trace_)) trace_->driver_span("boot", 0, soc::now_ps());
        for (StepRecord& rec : result_.steps) {
            const Step& step = *rec.step;
            if (step.at_ns && *step.at_ns > now_ns()) wait(sc_core::sc_time(double(*step.at_ns - now_ns()), sc_core::SC_NS));
            if (now_ns() > s_.duration_ns) break;
            rec.reached = true;
            rec.outcome.actual = "running at the end";   // until the step returns
            rec.start_ns = now_ns();
            uint64_t start_ps = soc::now_ps();
            switch (step.op) {
                case Op::Dma: rec.outcome = run_dma(p_, step); break;
                case Op::MemCheck: rec.outcome = run_mem_check(p_, step, layer_.clients()); break;
                default: rec.outcome = layer_.execute(step); break;
            }
            p_.cpu.sync();  // the driver's register and page-table accesses take their time
            rec.finished = true;
            rec.end_ns = now_ns();
            if (p_.mc_irq.read()) mc_irq();
            rec.passed = rec.outcome.actual == rec.expected;
            if (trace::on(trace_))
                trace_->step(step.index, op_name(step.op), step.loc.line, rec.expected, rec.outcome.actual, rec.passed,
                             start_ps, soc::now_ps());
            layer_.scan_hazards(now_ns());
        }
    }

    const Scenario& s_;
    soc::Platform& p_;
    DriverLayer& layer_;
    RunResult& result_;
    trace::TraceSink* trace_;
};

RunCheck count_check(const char* name, const Expect& e, iommu::PolicyKind policy, uint64_t actual) {
    RunCheck c;
    c.name = name;
    c.expected = e.for_policy(policy);
    c.actual = std::to_string(actual);
    c.passed = yaml::parse_uint(c.expected) == actual;
    c.loc = e.loc;
    return c;
}

}  // namespace

// An open-ended job stream (`count: until-end`) still submitting when the run
// ends did what it was asked: ok so far (a failed job ends the step itself).
void Simulation::close_open_stream(StepRecord& rec, uint64_t end_ns) const {
    const Step& step = *rec.step;
    if (!rec.reached || rec.finished || step.op != Op::Submit || !step.client.until_end) return;
    rec.outcome.actual = "ok";
    rec.end_ns = end_ns;
    rec.passed = rec.outcome.actual == rec.expected;
    if (const ClientLayer* clients = layer_->clients()) {
        auto it = clients->streams().find(step.device->display_name());
        if (it != clients->streams().end())
            rec.outcome.details.push_back(fmt::format("open-ended stream, still submitting at the end of the run: "
                                                      "{} job(s) submitted to {} in all", it->second.submitted,
                                                      it->first));
    }
}

size_t RunResult::failed() const {
    size_t n = 0;
    for (const auto& r : steps) n += !r.passed;
    for (const auto& c : run_checks) n += !c.passed;
    return n;
}

Simulation::Simulation(const Scenario& s, iommu::PolicyKind policy, TimingSpec timing)
    : s_(s), policy_(policy), timing_(timing) {
    // run() advances interval by interval; an interval without events is
    // normal (the SoC is idle), not worth SystemC's warning on stdout.
    sc_core::sc_report_handler::set_actions(sc_core::SC_ID_NO_SC_START_ACTIVITY_, sc_core::SC_DO_NOTHING);
    tlm::tlm_global_quantum::instance().set(sc_core::sc_time(double(timing.quantum_ns), sc_core::SC_NS));
    platform_ = std::make_unique<soc::Platform>("soc", s.board, s.dma_engines,
                                                timing.accurate ? soc::TimingMode::Accurate : soc::TimingMode::Fast);
    host1x_port_ = std::make_unique<TlmHost1xPort>(*platform_);
    display_port_ = std::make_unique<TlmDisplayPort>(*platform_);
    mem_port_ = std::make_unique<TlmMemPort>(*platform_);
    ClientPorts ports{host1x_port_.get(), display_port_.get(), mem_port_.get(), &platform_->dram_port};
    layer_ = std::make_unique<DriverLayer>(s, policy, platform_->mc_port, platform_->dram_port, ports);
    sampler_ = std::make_unique<trace::Sampler>(*platform_, trace::default_sample_interval_ns(s.duration_ns));
    reaper_ = std::make_unique<soc::ThreadReaper>("reaper");
}

void Simulation::set_sample_interval_ns(uint64_t ns) {
    sampler_ = std::make_unique<trace::Sampler>(*platform_, ns);
}

bool Simulation::enable_trace(const trace::TraceRequest& req, std::string& error) {
    if (!trace_.open(req, *platform_, error)) return false;
    sink_ = trace_.sink();
    platform_->set_trace(sink_);
    soc::CpuBus* cpu = &platform_->cpu;
    layer_->set_trace(sink_, [cpu] { return cpu->local_ps(); });
    return true;
}

Simulation::~Simulation() {
    if (kernel_) reaper_->reap();
}

RunResult Simulation::run(ProgressLine* progress) {
    // The kernel thread keeps writing its records until it returns or is
    // killed by the destructor: they live in the Simulation; the caller gets
    // a copy.
    RunResult& result = result_;
    result = RunResult{};
    result.policy = policy_;
    result.timing = timing_;
    for (const Step& step : s_.steps) {
        StepRecord rec;
        rec.step = &step;
        rec.expected = step.expect.for_policy(policy_);
        rec.outcome.actual = "not reached";
        result.steps.push_back(rec);
    }
    auto wall0 = std::chrono::steady_clock::now();
    kernel_ = std::make_unique<KernelThread>("kernel", s_, *platform_, *layer_, result, sink_);
    // One interval at a time, ending where sc_start(duration) with
    // SC_EXIT_ON_STARVATION ends: at the last event up to the duration.
    // Between calls every event up to the interval's end has been
    // triggered; an interval whose end the run does not reach (no event
    // left before the duration) is not sampled: the last one ends at the
    // run's end.
    const uint64_t end_ps = s_.duration_ns * 1000, step_ps = sampler_->interval_ns() * 1000;
    for (uint64_t next = step_ps;; next += step_ps) {
        uint64_t target = std::min(next, end_ps);
        sc_core::sc_start(soc::from_ps(target - soc::now_ps()), sc_core::SC_EXIT_ON_STARVATION);
        uint64_t now = soc::now_ps();
        bool more = target < end_ps && sc_core::sc_pending_activity() &&
                    now + soc::to_ps(sc_core::sc_time_to_pending_activity()) <= end_ps;
        sampler_->sample(more ? target : now, sink_);
        if (progress) progress->update(now / 1000);
        if (!more) break;
        trace_.flush_before(sampler_->trace_horizon_ps());
    }
    if (progress) progress->finish();
    if (sink_) {
        trace_.finish(soc::now_ps(), trace_error_, trace_warning_);
        platform_->set_trace(nullptr);   // the sinks are closed
        layer_->set_trace(nullptr, {});
    }
    result.sim_time_ns = now_ns();
    for (StepRecord& rec : result.steps) close_open_stream(rec, result.sim_time_ns);
    result.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    layer_->scan_hazards(result.sim_time_ns, true);
    if (s_.expect.hazards)
        result.run_checks.push_back(count_check("hazards", *s_.expect.hazards, policy_, layer_->hazards().size()));
    if (s_.expect.faults)
        result.run_checks.push_back(count_check("faults", *s_.expect.faults, policy_, platform_->mc.fault_count()));
    if (s_.expect.underflows)
        result.run_checks.push_back(count_check("underflows", *s_.expect.underflows, policy_, underflow_lines(*platform_)));
    for (const auto& b : s_.expect.bandwidth) result.run_checks.push_back(bandwidth_check(b, *platform_));
    return result_;
}

}  // namespace socsim::run
