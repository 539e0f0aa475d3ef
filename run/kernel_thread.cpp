#include "run/kernel_thread.h"

#include <chrono>

#include <systemc>

#include "util/yaml_values.h"

namespace socsim::run {

namespace {

uint64_t now_ns() { return static_cast<uint64_t>(sc_core::sc_time_stamp().to_seconds() * 1e9 + 0.5); }

class KernelThread : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(KernelThread);
    KernelThread(sc_core::sc_module_name name, const Scenario& s, DriverLayer& layer, RunResult& result)
        : sc_module(name), s_(s), layer_(layer), result_(result) {
        SC_THREAD(run);
    }

private:
    void run() {
        for (StepRecord& rec : result_.steps) {
            const Step& step = *rec.step;
            if (step.at_ns && *step.at_ns > now_ns()) wait(sc_core::sc_time(double(*step.at_ns - now_ns()), sc_core::SC_NS));
            if (now_ns() > s_.duration_ns) break;
            rec.reached = true;
            rec.start_ns = now_ns();
            rec.outcome = layer_.execute(step);
            rec.passed = rec.outcome.actual == rec.expected;
            layer_.scan_hazards(now_ns());
        }
    }

    const Scenario& s_;
    DriverLayer& layer_;
    RunResult& result_;
};

}  // namespace

size_t RunResult::failed() const {
    size_t n = 0;
    for (const auto& r : steps) n += !r.passed;
    for (const auto& c : run_checks) n += !c.passed;
    return n;
}

RunResult simulate(const Scenario& s, DriverLayer& layer, iommu::PolicyKind policy) {
    RunResult result;
    result.policy = policy;
    for (const Step& step : s.steps) {
        StepRecord rec;
        rec.step = &step;
        rec.expected = step.expect.for_policy(policy);
        rec.outcome.actual = "not reached";
        result.steps.push_back(rec);
    }
    auto wall0 = std::chrono::steady_clock::now();
    KernelThread cpu("kernel", s, layer, result);
    sc_core::sc_start(sc_core::sc_time(double(s.duration_ns), sc_core::SC_NS), sc_core::SC_EXIT_ON_STARVATION);
    result.sim_time_ns = now_ns();
    result.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    layer.scan_hazards(result.sim_time_ns, true);
    if (s.expect.hazards) {
        RunCheck c;
        c.name = "hazards";
        c.expected = s.expect.hazards->for_policy(policy);
        c.actual = std::to_string(layer.hazards().size());
        c.passed = yaml::parse_uint(c.expected) == layer.hazards().size();
        c.loc = s.expect.hazards->loc;
        result.run_checks.push_back(c);
    }
    return result;
}

}  // namespace socsim::run
