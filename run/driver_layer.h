// The driver layer of a run: the IOMMU core with the scenario's policy, the
// tegra-smmu driver, and the devices and groups of the board, probed as
// Linux probes them (each device with `iommus` joins its group's default
// domain). Executes scenario steps and tells what they returned.
//
// The tegra-smmu driver reaches the hardware through the ports it is given:
// TLM transports to the memory controller and DRAM in a run (each access
// takes simulated time), plain memory in pure C++ tests.
// Pure C++: the SystemC thread that calls it is in kernel_thread.h.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "run/client_layer.h"
#include "run/scenario.h"
#include "smmu/core/iommu_core.h"
#include "smmu/tegra/tegra_smmu.h"

namespace socsim::run {

struct StepOutcome {
    std::string actual;                    // ok, an errno name, or "mismatch" (check)
    std::vector<std::string> warnings;     // the core's, plus the runner's own
    std::vector<std::string> mismatches;   // check, mem_check, dma read: what differed
    std::vector<std::string> details;      // what the step did (dma: requests, faults, time)
};

// A moment where a group has a user owner and a kernel DMA-API driver bound
// at once (possible only under legacy; SEMANTICS.md invariant 2).
struct Hazard {
    std::string group, owner;
    std::vector<std::string> devices;      // with the kernel-api driver bound
    uint64_t from_ns = 0, to_ns = 0;
    bool open = true;
};

class DriverLayer {
public:
    // `clients`: the ports of the client drivers (host1x, DRM); without
    // them client steps are not available (pure tests of the core).
    DriverLayer(const Scenario& s, iommu::PolicyKind policy, smmu::McRegPort& regs, smmu::DramPort& dram,
                std::optional<ClientPorts> clients = std::nullopt);
    ~DriverLayer();

    // Brings the SMMU up and probes every device into its group's default
    // domain, as boot does; the ports may take simulated time from here on.
    void probe();

    StepOutcome execute(const Step& step);
    // Updates the hazard list after a step at `now_ns`; `final` closes them.
    void scan_hazards(uint64_t now_ns, bool final = false);

    const iommu::IommuCore& core() const { return *core_; }
    const smmu::TegraSmmu& smmu() const { return driver_; }
    const std::vector<Hazard>& hazards() const { return hazards_; }
    const std::vector<std::string>& probe_warnings() const { return probe_warnings_; }
    const ClientLayer* clients() const { return clients_.get(); }
    // The client drivers' operations go to `sink` (ClientLayer::set_trace).
    void set_trace(trace::TraceSink* sink, std::function<uint64_t()> cpu_ps) {
        if (clients_) clients_->set_trace(sink, std::move(cpu_ps));
    }

private:
    int device_of(const dts::DtNode* node);                  // adds a device without group on first use
    int group_of(const std::string& name) const;
    int domain_of(const std::string& handle, StepOutcome& out) const;
    StepOutcome run_check(const Step& step);
    void note_map_range(const Step& step, StepOutcome& out) const;
    void check_hw_asids(const iommu::Group& g, const iommu::Domain& cur, StepOutcome& out);

    const Scenario& s_;
    smmu::TegraSmmu driver_;
    std::unique_ptr<iommu::IommuCore> core_;
    std::map<const dts::DtNode*, int> devices_;
    std::map<std::string, int> groups_;
    std::map<std::string, int> handles_;
    std::vector<Hazard> hazards_;
    std::vector<std::string> probe_warnings_;
    std::unique_ptr<ClientLayer> clients_;
};

}  // namespace socsim::run
