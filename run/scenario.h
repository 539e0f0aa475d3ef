// A scenario (INTERFACES.md §3) as read from its YAML: the board it runs on,
// the IOMMU-core policy, and the timeline of driver-operation steps with
// their expectations. Every reference (device, group, domain handle) is
// resolved while reading, so a scenario that loads can run.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clients/test_dma_config.h"
#include "run/client_step.h"
#include "dts/parser/board.h"
#include "smmu/core/iommu_core.h"
#include "smmu/tegra/device_group.h"
#include "util/diag.h"

namespace socsim::run {

enum class Op {
    Bind, Unbind, UseDefaultDomain, UnuseDefaultDomain, ClaimDmaOwner, ReleaseDmaOwner,
    DomainAlloc, DomainFree, AttachDevice, DetachDevice, AttachGroup, DetachGroup,
    ReplaceDomain, Map, Unmap, Check,
    Dma, MemCheck,   // traffic and DRAM contents (the hardware model)
    // host1x and its clients (run/client_step.h)
    DrmProbe, DrmRemove, BufferAlloc, BufferFree, Display, DisplayOff, Submit, WaitJobs,
};

const char* op_name(Op op);

// What a step expects: one value, or one per policy (`expect: {legacy: ok,
// shared-attach: EBUSY}`; policies not listed expect ok).
struct Expect {
    std::string value = "ok";
    std::map<iommu::PolicyKind, std::string> per_policy;
    Location loc;
    const std::string& for_policy(iommu::PolicyKind p) const {
        auto it = per_policy.find(p);
        return it == per_policy.end() ? value : it->second;
    }
};

// `check:` assertions on a group (and, for `bound`, a device). Each key
// takes a value or a mapping from policy names to values; a key given per
// policy is checked only under the policies it lists.
struct CheckSpec {
    std::optional<std::string> domain;   // a handle, or default | blocked | identity | shared (Tegra DRM's)
    std::optional<std::string> owner;    // a name, or none
    std::optional<uint64_t> owner_cnt;
    std::optional<uint64_t> attach_cnt;
    std::optional<std::string> bound;    // a driver name, or none
    bool hw_asid_same = false;           // every swgroup of the group enabled with its domain's ASID
    std::optional<uint64_t> asids;       // ASIDs the tegra-smmu driver holds
};
// Sets in `to` every assertion `from` makes.
void overlay(CheckSpec& to, const CheckSpec& from);

struct Step {
    size_t index = 0;                    // 1-based position in `steps`
    Op op = Op::Check;
    Location loc;                        // of the step
    std::optional<uint64_t> at_ns;
    Expect expect;

    const dts::DtNode* device = nullptr;
    std::string group;                   // resolved group name, for group operations
    bool group_by_device = false;        // named by `device:` (the device API of the kernel)
    std::string domain;                  // handle
    std::string old_domain;              // replace_domain; empty = none (the owned, blocked state)
    std::string new_domain;
    std::string driver;
    std::string owner;
    std::string name;                    // domain_alloc handle
    iommu::DomainType type = iommu::DomainType::Paging;
    iommu::AllocApi api = iommu::AllocApi::Paging;
    uint64_t iova = 0, size = 0, pa = 0;
    int prot = 0;
    CheckSpec check;                     // the assertions made under every policy
    std::map<iommu::PolicyKind, CheckSpec> check_per_policy;   // check plus a policy's own, where any
    const CheckSpec& check_for(iommu::PolicyKind p) const {
        auto it = check_per_policy.find(p);
        return it == check_per_policy.end() ? check : it->second;
    }
    bool write = false;                  // dma: dir
    std::optional<uint8_t> pattern;      // dma: written / checked; mem_check: expected byte
    std::vector<uint8_t> bytes;          // mem_check: expected bytes
    ClientStep client;                   // client steps; mem_check on a buffer
};

// Run-wide assertions (`expect:` at scenario level).
struct RunExpect {
    std::optional<Expect> hazards;       // isolation hazards (legacy), as a count
    std::optional<Expect> faults;        // MC faults (SMMU page faults and decode errors), as a count
    std::optional<Expect> underflows;    // display underflow lines, all heads and windows
    // Achieved bandwidth bounds (bytes/s) of a memory client (MC: bytes over
    // first to last request) or of a display head (bytes over its frames).
    struct Bandwidth {
        std::string name;                // memory-client name or DC device label
        const dts::DtNode* head = nullptr;
        std::optional<uint64_t> min, max;
        Location loc;
    };
    std::vector<Bandwidth> bandwidth;
};

// How the hardware model keeps time (`timing:` in a scenario; `--mode`).
struct TimingSpec {
    bool accurate = false;               // synchronise every transaction, arbitrate by latency allowance
    uint64_t quantum_ns = 1000;          // temporal-decoupling quantum of the fast mode
};

struct Scenario {
    std::string file;
    std::string name;
    std::string description;
    std::string board_file;
    dts::Board board;
    smmu::tegra::GroupLayout layout;     // the board's IOMMU groups (validate's)
    iommu::PolicyKind policy = iommu::PolicyKind::SharedAttach;
    iommu::ReplaceUnwind replace_unwind = iommu::ReplaceUnwind::RestoreOld;
    uint64_t seed = 1;
    uint64_t duration_ns = 1000000000;   // 1 s
    std::vector<Step> steps;
    RunExpect expect;
    TimingSpec timing;
    std::map<const dts::DtNode*, clients::TestDmaConfig> dma_engines;   // socsim,test-dma nodes
    std::vector<dts::SettingOverride> overrides;   // `--set` on top of the board's settings, in order
};

// Generic drivers bindable to any device (INTERFACES.md §3).
struct DriverInfo {
    const char* name;
    iommu::DmaKind kind;
    const char* doc;
    const char* binds_to = nullptr;      // client drivers: the node kind they bind to
};
const std::vector<DriverInfo>& generic_drivers();
const DriverInfo* find_driver(const std::string& name);

// Reads a scenario and its board. nullopt when anything is wrong (diags
// says what, with locations); a scenario that loads is complete and resolved.
// `overrides` (checked: dts::parse_setting_override) replace the board's
// settings before the groups are formed and the steps resolved;
// `duration_ns` (`run --duration`) replaces the scenario's `duration`
// before the steps' `at:` times are checked against it.
std::optional<Scenario> load_scenario(const std::string& path, Diagnostics& diags,
                                      const std::vector<dts::SettingOverride>& overrides = {},
                                      std::optional<uint64_t> duration_ns = std::nullopt);

// Reads the board a scenario names (`board_file`: its `board:` resolved
// against the scenario's directory); nullopt after reporting why.
using BoardReader = std::function<std::optional<dts::Board>(const std::string& board_file, Diagnostics& diags)>;
// The same for scenario text in memory, named `path` in locations, with its
// board from `read_board` (the scenario fuzzer keeps the boards in memory).
std::optional<Scenario> parse_scenario(std::string_view text, const std::string& path, Diagnostics& diags,
                                       const BoardReader& read_board);

}  // namespace socsim::run
