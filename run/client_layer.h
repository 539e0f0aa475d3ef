// The client drivers of a run on top of the IOMMU core: host1x, the Tegra
// DRM device and its clients (clients/drivers/), GEM buffers, display
// heads and job streams. Executes the client steps of a scenario and the
// client-driver side of bind and unbind. Pure C++: the hardware is reached
// through the ports of clients/drivers/ports.h.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "clients/drivers/host1x_driver.h"
#include "clients/drivers/tegra_drm.h"
#include "run/scenario.h"
#include "trace/trace_sink.h"

namespace socsim::run {

struct StepOutcome;

struct ClientPorts {
    drivers::Host1xPort* host1x = nullptr;
    drivers::DisplayPort* display = nullptr;
    drivers::MemPort* mem = nullptr;
    smmu::DramPort* dram = nullptr;
};

struct JobStreamStats {
    uint64_t submitted = 0, completed = 0, timed_out = 0;
    uint64_t last_done_ns = 0;
};

class ClientLayer {
public:
    ClientLayer(const Scenario& s, iommu::IommuCore& core, ClientPorts ports, uint64_t phys_base, uint64_t phys_end);
    ~ClientLayer();

    // The client-driver side of bind (after the core bound the device) and
    // of unbind (before the core unbinds it); errno from bind undoes it.
    int bind(const dts::DtNode* node, int dev, const std::string& driver, std::vector<std::string>& details);
    void unbind(int dev, std::vector<std::string>& details);

    bool handles(Op op) const { return op >= Op::DrmProbe; }
    void execute(const Step& step, int dev, StepOutcome& out);
    // mem_check on a buffer: the physical address of each byte.
    std::optional<uint64_t> buffer_pa(const std::string& buffer, uint64_t offset) const;

    const drivers::Host1xDriver& host1x() const { return *host1x_; }
    const drivers::TegraDrm& drm() const { return *drm_; }
    const std::map<std::string, JobStreamStats>& streams() const { return streams_; }

    // Job submissions, display commits and display_off go to `sink`,
    // stamped with `cpu_ps` (the CPU's time, without waiting).
    void set_trace(trace::TraceSink* sink, std::function<uint64_t()> cpu_ps);

private:
    int display(const Step& step, drivers::DrmClient& c, StepOutcome& out);
    int display_off(drivers::DrmClient& c);
    int submit(const Step& step, drivers::DrmClient& c, StepOutcome& out);
    // Waits for the client's outstanding jobs: each up to `timeout_ns`, or
    // without it up to the timeout it was submitted with.
    int wait_jobs(drivers::DrmClient& c, std::optional<uint64_t> timeout_ns, std::vector<std::string>& details);
    // Before a client's exit: its head stopped (the port returns once it has
    // stopped fetching) and its jobs finished, so that no DMA of it outlives
    // its pins, channel or IOMMU attachment.
    void quiesce(drivers::DrmClient& c, std::vector<std::string>& details);
    int fill_buffer(const drivers::GemBuffer& bo, const ClientStep& c);
    void release_pins(int dev);
    void remove_drm(std::vector<std::string>& details);   // every client quiesced, then its exit

    const Scenario& s_;
    iommu::IommuCore& core_;
    ClientPorts ports_;
    drivers::IovaAllocator phys_;
    std::unique_ptr<drivers::DmaApi> dma_;
    std::unique_ptr<drivers::Host1xDriver> host1x_;
    std::unique_ptr<drivers::TegraDrm> drm_;
    std::map<int, std::vector<drivers::DmaMapping>> pins_;       // per client device
    struct PendingJob {
        drivers::Fence fence;
        uint64_t timeout_ns = 0;   // the submit's
    };
    std::map<int, std::vector<PendingJob>> outstanding_;         // per engine device
    std::map<std::string, JobStreamStats> streams_;              // per engine label
    trace::TraceSink* trace_ = nullptr;
    std::function<uint64_t()> cpu_ps_;
};

}  // namespace socsim::run
