// The isolation test's driver operations on the IOMMU core (which programs
// the SMMU through the tegra-smmu driver): bind and unbind of kernel-api
// and driver-managed drivers, domain alloc and free, map and unmap,
// attach/detach of a device or a group, DMA-ownership claims and releases
// by user-space owners, and replace. A random step picks one with random
// arguments; an errno is a result, counted per operation, not a failure.
//
// Each successful operation updates the oracle (mappings) and the record
// of what each device's driver did (DriverView), and is checked against
// the core's record: an attach or replace that returned 0 put the group on
// that domain; a first user claim that returned 0 blocked it; an
// operation that returned an errno changed no group, device or domain.
#pragma once

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "model/isolation/oracle.h"
#include "model/isolation/traffic.h"
#include "smmu/core/iommu_core.h"

namespace socsim::test::isolation {

// Where mappings point and what they map.
struct AddressPools {
    // Candidate IOVA pages, in blocks of consecutive pages: a mapping or
    // unmapping of several pages stays inside one block.
    std::vector<std::vector<uint64_t>> iova_blocks;
    std::vector<uint64_t> data_pages;   // physical pages a mapping may target (contiguous, ascending)
};

class Ops {
public:
    Ops(iommu::IommuCore& core, Oracle& oracle, std::mt19937_64& rng, AddressPools pools);

    void random_step();

    // --- single operations (also used by the scripted prologue) ---
    int bind(int dev, iommu::DmaKind kind);
    void unbind(int dev);
    int alloc(int dev);
    int free(int dom);
    int map(int dom, uint64_t iova, uint64_t pa, uint64_t pages, int prot);
    int unmap(int dom, uint64_t iova, uint64_t pages);
    int attach_device(int dom, int dev);
    void detach_device(int dom, int dev);
    int attach_group(int dom, int dev);          // the group of `dev`, by `dev`'s driver
    int detach_group(int dom, int dev);
    int claim(int group, const std::string& owner, bool by_device);
    void release(int group, bool by_device);
    int replace(int group, int old_dom, int new_dom);

    // What the driver of `dev` expects its DMA to go through.
    DriverView view(int dev) const;
    const std::vector<int>& domains() const { return doms_; }
    // Every group back on its default domain, every test domain freed
    // (used at the end; warnings of misused void operations are expected).
    void tear_down();

    struct Stats {
        uint64_t ops = 0;
        std::map<std::string, std::map<std::string, uint64_t>> results;   // op -> ok/errno -> count
        uint64_t inconsistencies = 0;
        std::vector<std::string> first_inconsistencies;
        uint64_t hazard_periods = 0;   // a kernel-api driver bound in a user-owned group, begun
    };
    const Stats& stats() const { return stats_; }
    // Opens a hazard period per group that has become both user-owned and
    // home to a bound kernel-api driver (call after every operation).
    void scan_hazards();

private:
    struct Snapshot;
    Snapshot snapshot() const;
    void record(const std::string& op, int rc, const Snapshot& before, const std::string& what);
    void inconsistent(const std::string& what);
    void expect_group_on(int group, int dom, const std::string& what);
    int pick(size_t n) { return static_cast<int>(rng_() % n); }
    int pick_device() { return pick(core_.devices().size()); }
    int pick_group() { return pick(core_.groups().size()); }
    int pick_domain();           // a live test domain, or kNone
    int pick_attached_domain();  // preferably one a group is on
    uint64_t pick_iova(uint64_t pages);   // the first of `pages` consecutive candidate pages
    void note_attach(int dev, int dom);
    void note_detach(int dev, int dom);

    iommu::IommuCore& core_;
    Oracle& oracle_;
    std::mt19937_64& rng_;
    AddressPools pools_;
    std::vector<int> doms_;                     // live domains the test allocated
    std::map<int, iommu::DmaKind> kind_;        // bound drivers (device -> kind)
    std::map<int, std::pair<int, int>> attached_;   // device -> domain its driver attached, times
    std::vector<bool> hazard_open_;             // per group
    int next_name_ = 0;
    Stats stats_;
};

}  // namespace socsim::test::isolation
