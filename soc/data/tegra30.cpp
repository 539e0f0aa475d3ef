// Tegra30 SoC table: memory controller, SMMU swgroups, memory clients, IOMMU
// group tables, host1x01 and display-controller parameters.
//
// Sources (tags of ../shared/reference/tegra-facts.md §0):
//   - SoC parameters (§2.1): MC30-old; MC tick 30 ns from MC-core.
//   - Swgroup ASID registers (§2.2) and memory clients (§2.3): MC30-old
//     (the sheet notes identical values in MC30-new).
//   - Swgroup numbers (§3): dt-bindings tegra30-mc.h.
//   - Group tables (§1.6): "drm" {dc, dcb, g2, nv, nv2} from MC30-new (socsim's
//     default); "display" {dc, dcb} from MC30-old.
//   - host1x (§6.1): H1X-dev host1x01; channel stride from H1X-chan (§6.2).
//   - Display controller flags (§7.6): DC-new; max mode size from §5.
//
// Left out / incomplete:
//   - Clients the sheet lists without IDs: afi r/w, avpc, hda, ppcs x4,
//     sata r/w, mpcorelp and mpcore r/w. The sheet counts 66 clients
//     (0x00-0x41); this table holds the 50 it gives IDs for.
//   - VDE clients: the sheet gives only the LA register range 0x354-0x360, not
//     which register/shift each client uses, so their LA register is empty
//     (defaults are kept).
//   - ptcr (0x00): the sheet names no swgroup for it, so none is recorded; it
//     has no SMMU bit and no LA.
//   - Swgroups ptc, mpcorelp and mpcore have no ASID register.

#include "soc/data/table_builders.h"
#include "soc/soc_registry.h"

namespace socsim::soc {
using namespace data;

const SocInfo& tegra30() {
    static const SocInfo info = finalize(SocInfo{
        "tegra30",              // name
        "nvidia,tegra30-mc",    // mc_compatible
        {"nvidia,tegra30"},     // soc_compatibles
        4,                      // num_asids
        16,                     // num_tlb_lines
        16,                     // atom_size
        32,                     // dram_burst
        32,                     // num_address_bits
        0x7f,                   // client_id_mask
        false,                  // supports_round_robin_arbitration
        false,                  // supports_request_limit
        30,                     // mc_tick_ns
        {
            // swgroups: name, dt id, ASID register
            swgroup_no_asid("ptc", 0),
            swgroup("dc", 1, 0x240),
            swgroup("dcb", 2, 0x244),
            swgroup("epp", 3, 0x248),
            swgroup("g2", 4, 0x24c),
            swgroup("mpe", 5, 0x264),
            swgroup("vi", 6, 0x280),
            swgroup("afi", 7, 0x238),
            swgroup("avpc", 8, 0x23c),
            swgroup("nv", 9, 0x268),
            swgroup("nv2", 10, 0x26c),
            swgroup("hda", 11, 0x254),
            swgroup("hc", 12, 0x250),
            swgroup("ppcs", 13, 0x270),
            swgroup("sata", 14, 0x278),
            swgroup("vde", 15, 0x27c),
            swgroup_no_asid("mpcorelp", 16),
            swgroup_no_asid("mpcore", 17),
            swgroup("isp", 18, 0x258),
        },
        {
            // clients: id, name, swgroup, latency allowance (reg, shift, default)
            client(0x00, "ptcr", "", std::nullopt, false),
            client(0x01, "display0a", "dc", la(0x2e8, 0, 0x4e)),
            client(0x02, "display0ab", "dcb", la(0x2f4, 0, 0x4e)),
            client(0x03, "display0b", "dc", la(0x2e8, 16, 0x4e)),
            client(0x04, "display0bb", "dcb", la(0x2f4, 16, 0x4e)),
            client(0x05, "display0c", "dc", la(0x2ec, 0, 0x4e)),
            client(0x06, "display0cb", "dcb", la(0x2f8, 0, 0x4e)),
            client(0x07, "display1b", "dc", la(0x2ec, 16, 0x4e)),
            client(0x08, "display1bb", "dcb", la(0x2f8, 16, 0x4e)),
            client(0x09, "eppup", "epp", la_def(0x17)),
            client(0x0a, "g2pr", "g2", la(0x308, 0, 0x09)),
            client(0x0b, "g2sr", "g2", la(0x308, 16, 0x09)),
            client(0x0c, "mpeunifbr", "mpe", la_def(0x50)),
            client(0x0d, "viruv", "vi", la(0x364, 0, 0x2c)),
            client(0x10, "displayhc", "dc", la(0x2f0, 0, 0xff)),
            client(0x11, "displayhcb", "dcb", la(0x2fc, 0, 0xff)),
            client(0x12, "fdcdrd", "nv", la(0x334, 0, 0x0a)),
            client(0x13, "fdcdrd2", "nv2", la(0x33c, 0, 0x0a)),
            client(0x14, "g2dr", "g2", la(0x30c, 0, 0x0a)),
            client(0x16, "host1xdmar", "hc", la(0x310, 0, 0x05)),
            client(0x17, "host1xr", "hc", la(0x310, 16, 0x50)),
            client(0x18, "idxsrd", "nv", la(0x334, 16, 0x13)),
            client(0x19, "idxsrd2", "nv2", la(0x33c, 16, 0x13)),
            client(0x1a, "mpe_ipred", "mpe", la_def(0x80)),
            client(0x1b, "mpeamemrd", "mpe", la_def(0x42)),
            client(0x1c, "mpecsrd", "mpe", la_def(0xff)),
            client(0x20, "texsrd", "nv", la(0x338, 0, 0x13)),
            client(0x21, "texsrd2", "nv2", la(0x340, 0, 0x13)),
            client(0x22, "vdebsevr", "vde", la_def(0xff)),
            client(0x23, "vdember", "vde", la_def(0xd0)),
            client(0x24, "vdemcer", "vde", la_def(0x2a)),
            client(0x25, "vdetper", "vde", la_def(0x74)),
            client(0x28, "eppu", "epp", la_def(0x6c)),
            client(0x29, "eppv", "epp", la_def(0x6c)),
            client(0x2a, "eppy", "epp", la_def(0x6c)),
            client(0x2b, "mpeunifbw", "mpe", la_def(0x13)),
            client(0x2c, "viwsb", "vi", la(0x364, 16, 0x12)),
            client(0x2d, "viwu", "vi", la(0x368, 0, 0xb2)),
            client(0x2e, "viwv", "vi", la(0x368, 16, 0xb2)),
            client(0x2f, "viwy", "vi", la(0x36c, 0, 0x12)),
            client(0x30, "g2dw", "g2", la(0x30c, 16, 0x09)),
            client(0x33, "fdcdwr", "nv", la(0x338, 16, 0x0a)),
            client(0x34, "fdcwr2", "nv2", la(0x340, 16, 0x0a)),
            client(0x36, "host1xw", "hc", la(0x314, 0, 0x10)),
            client(0x37, "ispw", "isp", la(0x31c, 0, 0xff)),
            client(0x3a, "mpecswr", "mpe", la_def(0xff)),
            client(0x3e, "vdebsevw", "vde", la_def(0xff)),
            client(0x3f, "vdedbgw", "vde", la_def(0xff)),
            client(0x40, "vdembew", "vde", la_def(0x42)),
            client(0x41, "vdetpmw", "vde", la_def(0x2a)),
        },
        {
            // smmu_enable_banks: first client id, register
            {0x00, 0x228},
            {0x20, 0x22c},
            {0x40, 0x230},
            {0x60, 0x234},
        },
        {
            // groups: current (MC30-new "drm"), display (MC30-old)
            {{"drm", {"dc", "dcb", "g2", "nv", "nv2"}}},
            {{"display", {"dc", "dcb"}}},
        },
        {
            "host1x01",  // generation
            8,           // channels
            32,          // syncpoints
            16,          // mlocks
            8,           // bases
            32,          // dma_mask_bits
            0x3000,      // sync_offset
            true,        // reserve_vblank_syncpts
            false,       // wide_gather
            0x4000,      // channel_stride
        },
        {
            8,      // pitch_align
            false,  // has_cursor_plane
            false,  // supports_block_linear
            false,  // has_powergate
            true,   // has_win_b_vfilter_mem_client
            true,   // tiled_memory_bandwidth_x2
            4096,   // max_mode_size
        },
    });
    return info;
}

}  // namespace socsim::soc
