// The isolation test's DMA: one raw initiator on every memory client of the
// board's IOMMU devices, each access checked against the oracle's
// prediction for the device's current domain.
//
// A write carries bytes no other access writes (derived from a serial
// number); when it must land, DRAM is read back at the predicted physical
// address, and a shadow of the data pages and the bypass arena (every
// byte the test expects there) is compared with DRAM every few batches,
// so that a write landing anywhere else in them, or a faulting write
// reaching memory, is found. A read must return the shadow's bytes at the
// predicted address. A predicted fault must be answered with a TLM error,
// add exactly one MC fault record of the predicted kind and reason for
// this client, IOVA and direction, and leave MC_ERR_STATUS / MC_ERR_ADR
// describing it. Per batch, the MC's per-client counters and the SMMU's
// TLB/PTC/walk counters must add up with what the test issued.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/isolation/oracle.h"
#include "model/model_harness.h"

namespace socsim::test::isolation {

// A memory client and the IOMMU devices whose swgroup it belongs to (two
// devices on one swgroup share their clients: the SMMU cannot tell them apart).
struct Endpoint {
    const soc::MemoryClient* client = nullptr;
    RawInitiator* raw = nullptr;
    std::vector<int> devices;   // IOMMU core device indices
};

// A DRAM region whose every byte the test tracks.
struct ShadowRegion {
    uint64_t base = 0;
    std::vector<uint8_t> bytes;
};

struct TrafficCounts {
    uint64_t accesses = 0, reads = 0, writes = 0;
    uint64_t translated = 0, bypassed = 0, faulted = 0;
    uint64_t decode_errors = 0;
    std::map<smmu::FaultReason, uint64_t> smmu_faults;
    uint64_t violations = 0;          // the hardware did not do what the current domain says
    // A kernel DMA-API driver's device whose group is not on the domain its
    // driver uses (the default domain, or the domain it attached itself):
    uint64_t hazard_accesses = 0;     //  ... while its group has a user owner (the legacy hazard)
    uint64_t hazard_landed = 0;       //      of those, landed where its driver's domain would not put them
    uint64_t foreign_accesses = 0;    //  ... on a domain another device's driver attached (no user owner)
    uint64_t foreign_landed = 0;
    uint64_t shadow_compares = 0;     // full compares of the shadow regions with DRAM
};

// What the driver of the issuing device expects (set by the caller).
struct DriverView {
    int domain = iommu::kNone;   // kNone: the device's driver has no view (not kernel-api)
    bool user_owned = false;     // the group has a user owner (or a legacy claim)
};

class Traffic {
public:
    Traffic(const Oracle& oracle, std::vector<Endpoint> endpoints, std::vector<ShadowRegion> shadow);

    // Writes the shadow regions' initial contents into DRAM (backdoor).
    void load_shadow();
    const std::vector<Endpoint>& endpoints() const { return endpoints_; }

    // One access by `device` through `domain` (the group's current domain).
    void access(const Endpoint& ep, int device, int domain, uint64_t iova, uint32_t len, bool write,
                const DriverView& view);
    // Per batch: MC interrupt status handled as tegra_mc_irq does (read,
    // write 1 to clear), counters cross-checked; every `compare_every`
    // batches the shadow regions are compared with DRAM.
    void end_batch();
    void compare_shadow();
    // The MC and SMMU counters from here on must add up with what the test issues.
    void take_baseline();

    const TrafficCounts& counts() const { return counts_; }
    const std::vector<std::string>& first_violations() const { return first_; }

private:
    void violation(const std::string& what);
    uint8_t* shadow_at(uint64_t pa, uint32_t len);
    void fill_payload(uint8_t* out, uint32_t len);
    void check_fault(const Endpoint& ep, uint64_t iova, bool write, const Prediction& p, uint64_t faults_before);

    const Oracle& oracle_;
    std::vector<Endpoint> endpoints_;
    std::vector<ShadowRegion> shadow_;
    TrafficCounts counts_;
    std::vector<std::string> first_;
    uint64_t serial_ = 0;
    uint64_t batches_ = 0;
    // Batch bookkeeping: what the MC and SMMU counters must have gained.
    struct ClientCounts {
        uint64_t requests = 0, faults = 0, bytes = 0;
    };
    std::vector<ClientCounts> expected_;   // gained in this batch, by index in soc.clients
    std::vector<ClientCounts> base_;       // the MC's counters at the start of the batch
    uint64_t batch_accesses_ = 0, batch_smmu_faults_ = 0, batch_decode_ = 0;
    uint64_t base_translations_ = 0, base_bypassed_ = 0;
};

}  // namespace socsim::test::isolation
