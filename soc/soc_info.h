// Typed SoC description: what a Tegra memory controller, its SMMU and host1x
// look like to software. One `SocInfo` per SoC, defined as plain data in
// soc/data/<soc>.cpp (facts from Linux drivers/memory/tegra/<soc>.c, the
// dt-bindings headers and drivers/gpu/host1x/dev.c, as summarised in the
// reference sheet). Code never branches on which SoC it runs: it reads these
// tables. Adding a SoC adds a data file and one line in soc_registry.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace socsim::soc {

// An SMMU swgroup: the unit the SMMU translates (one ASID register each).
struct Swgroup {
    std::string_view name;            // lower-case, as in TEGRA_SWGROUP_<NAME>
    uint32_t dt_id;                   // dt-bindings TEGRA_SWGROUP_* value (the `iommus` cell)
    std::optional<uint32_t> asid_reg; // MC offset of SMMU_<NAME>_ASID; none = not translatable
};

// Latency allowance of one memory client (MC_LATENCY_ALLOWANCE_*).
struct LatencyAllowance {
    std::optional<uint32_t> reg;      // register offset, where the reference gives it
    uint8_t shift = 0;                // bit position of the 8-bit field in `reg`
    uint8_t def = 0;                  // reset-time default (ticks of the MC tick)
};

// A memory client: one request port of an engine into the MC.
struct MemoryClient {
    uint32_t id;                      // MC client ID (travels with each request)
    std::string_view name;            // e.g. "display0a"
    std::string_view swgroup;         // owning swgroup name; empty = none
    bool smmu;                        // has a per-client SMMU enable bit
    std::optional<LatencyAllowance> la;
    // Derived at load time from `smmu_enable_banks` (not written in the data):
    uint32_t smmu_reg = 0;            // MC offset of the SMMU client-enable register
    uint32_t smmu_bit = 0;            // bit in that register
};

// One bank of per-client SMMU enable bits: clients [first_id, first_id+32)
// map to bits 0..31 of `reg`.
struct SmmuEnableBank {
    uint32_t first_id;
    uint32_t reg;
};

// A group-table entry (tegra-smmu's soc->groups[]): swgroups that must share
// one IOMMU group, named after the entry.
struct GroupEntry {
    std::string_view name;                    // "drm", "display"
    std::vector<std::string_view> swgroups;   // lower-case swgroup names
};

// The group-table variants a board may select with `socsim: {group_table: ...}`.
struct GroupTables {
    std::vector<GroupEntry> current;  // what current Linux tegra-smmu uses
    std::vector<GroupEntry> display;  // the older {DC, DCB} "display" table
};

// host1x generation parameters (drivers/gpu/host1x/dev.c host1x0N_info).
struct Host1xInfo {
    std::string_view generation;      // "host1x04"
    uint32_t channels;
    uint32_t syncpoints;
    uint32_t mlocks;
    uint32_t bases;
    uint32_t dma_mask_bits;           // 32 or 34
    uint32_t sync_offset;             // syncpoint register block offset
    bool reserve_vblank_syncpts;      // host1x01/02: syncpoints 26/27 reserved for VBLANK
    bool wide_gather;                 // GATHER_WIDE opcode (HW6+)
    uint32_t channel_stride;          // channel register stride (0x4000 before HW6)
};

// Display-controller capability flags (drivers/gpu/drm/tegra/dc.c soc info).
struct DcInfo {
    uint32_t pitch_align;
    bool has_cursor_plane;
    bool supports_block_linear;
    bool has_powergate;
    bool has_win_b_vfilter_mem_client;
    bool tiled_memory_bandwidth_x2;   // 16-byte DC atom vs 32-byte DDR3 atom: x2 overfetch
    uint32_t max_mode_size;           // 4096 pre-nvdisplay
};

struct SocInfo {
    std::string_view name;            // "tegra124"
    std::string_view mc_compatible;   // "nvidia,tegra124-mc"
    std::vector<std::string_view> soc_compatibles;  // root compatibles, e.g. {"nvidia,tegra124", "nvidia,tegra132"}

    // Memory controller / SMMU parameters.
    uint32_t num_asids;
    uint32_t num_tlb_lines;
    uint32_t atom_size;               // bytes
    // Bytes the DRAM moves per access, the unit DramTiming charges: a
    // smaller request costs a whole burst. 32 B for DDR3/LPDDR3 (BL8 on a
    // 32-bit channel; the "32-bytes atom" of tegra-facts §7.1, which makes
    // the 16-byte DC atom of T30/T114 overfetch x2); 64 B on T210 (its MC
    // atom). Never smaller than atom_size.
    uint32_t dram_burst;
    uint32_t num_address_bits;        // 32 or 34
    std::optional<uint32_t> client_id_mask;
    bool supports_round_robin_arbitration;
    bool supports_request_limit;
    uint32_t mc_tick_ns;              // MC arbitration tick (30 ns)

    std::vector<Swgroup> swgroups;    // every dt-bindings swgroup, ASID register where one exists
    std::vector<MemoryClient> clients;
    std::vector<SmmuEnableBank> smmu_enable_banks;
    GroupTables groups;
    Host1xInfo host1x;
    DcInfo dc;

    // Lookups (linear scans: the tables are small and lookups are not on a hot path).
    const Swgroup* find_swgroup(std::string_view lower_name) const;
    const Swgroup* find_swgroup_by_id(uint32_t dt_id) const;
    const MemoryClient* find_client(uint32_t id) const;
    const MemoryClient* find_client(std::string_view name) const;
    std::vector<const MemoryClient*> clients_of(std::string_view swgroup) const;
    // Number of swgroups that have an ASID register (i.e. can translate).
    size_t translatable_swgroup_count() const;
};

}  // namespace socsim::soc
