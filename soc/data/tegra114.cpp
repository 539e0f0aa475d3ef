// Tegra114 SoC table: memory controller, SMMU swgroups, memory clients, IOMMU
// group tables, host1x02 and display-controller parameters.
//
// Sources (tags of ../shared/reference/tegra-facts.md §0):
//   - SoC parameters (§2.1), swgroup ASID registers (§2.2) and memory clients
//     (§2.3): MC114; MC tick 30 ns from MC-core. MC114 sets no client_id_mask.
//   - Swgroup numbers (§3): dt-bindings tegra114-mc.h.
//   - Group tables (§1.6): MC114 itself has no groups table. socsim's default
//     "drm" {dc, dcb, g2, nv} follows PATCH-grp (not confirmed in the cited
//     source files); "display" {dc, dcb} follows a later tegra114.c.
//   - host1x (§6.1): H1X-dev host1x02; channel stride from H1X-chan (§6.2).
//   - Display controller flags (§7.6): DC-new; max mode size from §5.
//
// Left out / incomplete:
//   - Clients the sheet lists without IDs: xusb_host/xusb_dev r/w (LA 0xa5),
//     emucif r/w, mpcore/mpcorelp. The sheet counts 65 clients; this table
//     holds the 46 it gives IDs for.
//   - LA registers: the sheet gives them only for msenc and tsec; the other
//     clients carry their reset default only.
//   - VDE clients: the sheet gives IDs 0x22-0x25 and 0x3e-0x41 with defaults
//     but no names; the names are those the sheet gives the same IDs on
//     Tegra30 (vdebsevr ... vdetpmw).
//   - No display1b/display1bb (the sheet says so) and no nv2 swgroup.
//   - Swgroups ptc, mpcorelp, mpcore and emucif have no ASID register.

#include "soc/data/table_builders.h"
#include "soc/soc_registry.h"

namespace socsim::soc {
using namespace data;

const SocInfo& tegra114() {
    static const SocInfo info = finalize(SocInfo{
        "tegra114",             // name
        "nvidia,tegra114-mc",   // mc_compatible
        {"nvidia,tegra114"},    // soc_compatibles
        4,                      // num_asids
        32,                     // num_tlb_lines
        32,                     // atom_size
        32,                     // dram_burst
        32,                     // num_address_bits
        std::nullopt,           // client_id_mask (not set in MC114)
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
            swgroup("avpc", 5, 0x23c),
            swgroup("nv", 6, 0x268),
            swgroup("hda", 7, 0x254),
            swgroup("hc", 8, 0x250),
            swgroup("msenc", 9, 0x264),
            swgroup("ppcs", 10, 0x270),
            swgroup("vde", 11, 0x27c),
            swgroup_no_asid("mpcorelp", 12),
            swgroup_no_asid("mpcore", 13),
            swgroup("vi", 14, 0x280),
            swgroup("isp", 15, 0x258),
            swgroup("xusb_host", 16, 0x288),
            swgroup("xusb_dev", 17, 0x28c),
            swgroup_no_asid("emucif", 18),
            swgroup("tsec", 19, 0x294),
        },
        {
            // clients: id, name, swgroup, latency allowance (reg, shift, default)
            client(0x01, "display0a", "dc", la_def(0x4e)),
            client(0x02, "display0ab", "dcb", la_def(0x4e)),
            client(0x03, "display0b", "dc", la_def(0x4e)),
            client(0x04, "display0bb", "dcb", la_def(0x4e)),
            client(0x05, "display0c", "dc", la_def(0x4e)),
            client(0x06, "display0cb", "dcb", la_def(0x4e)),
            client(0x09, "eppup", "epp", la_def(0x33)),
            client(0x0a, "g2pr", "g2", la_def(0x09)),
            client(0x0b, "g2sr", "g2", la_def(0x09)),
            client(0x10, "displayhc", "dc", la_def(0x68)),
            client(0x11, "displayhcb", "dcb", la_def(0x68)),
            client(0x12, "fdcdrd", "nv", la_def(0x0c)),
            client(0x13, "fdcdrd2", "nv", la_def(0x0c)),
            client(0x14, "g2dr", "g2", la_def(0x0a)),
            client(0x16, "host1xdmar", "hc", la_def(0x10)),
            client(0x17, "host1xr", "hc", la_def(0xa5)),
            client(0x18, "idxsrd", "nv", la_def(0x0b)),
            client(0x1c, "msencsrd", "msenc", la(0x328, 0, 0x80)),
            client(0x20, "texl2srd", "nv", la_def(0x0c)),
            client(0x22, "vdebsevr", "vde", la_def(0xff)),
            client(0x23, "vdember", "vde", la_def(0xff)),
            client(0x24, "vdemcer", "vde", la_def(0xb8)),
            client(0x25, "vdetper", "vde", la_def(0xee)),
            client(0x28, "eppu", "epp", la_def(0x33)),
            client(0x29, "eppv", "epp", la_def(0x6c)),
            client(0x2a, "eppy", "epp", la_def(0x6c)),
            client(0x2b, "msencswr", "msenc", la(0x328, 16, 0x80)),
            client(0x2c, "viwsb", "vi", la_def(0x47)),
            client(0x2d, "viwu", "vi", la_def(0xff)),
            client(0x2e, "viwv", "vi", la_def(0xff)),
            client(0x2f, "viwy", "vi", la_def(0x47)),
            client(0x30, "g2dw", "g2", la_def(0x09)),
            client(0x33, "fdcdwr", "nv", la_def(0x10)),
            client(0x34, "fdcwr2", "nv", la_def(0x10)),
            client(0x36, "host1xw", "hc", la_def(0x25)),
            client(0x37, "ispw", "isp", la_def(0xff)),
            client(0x3e, "vdebsevw", "vde", la_def(0xff)),
            client(0x3f, "vdedbgw", "vde", la_def(0xff)),
            client(0x40, "vdembew", "vde", la_def(0x89)),
            client(0x41, "vdetpmw", "vde", la_def(0x59)),
            client(0x4e, "fdcdwr3", "nv", la_def(0x10)),
            client(0x4f, "fdcdrd3", "nv", la_def(0x0c)),
            client(0x50, "fdcwr4", "nv", la_def(0x10)),
            client(0x51, "fdcrd4", "nv", la_def(0x0c)),
            client(0x54, "tsecsrd", "tsec", la(0x390, 0, 0x50)),
            client(0x55, "tsecswr", "tsec", la(0x390, 16, 0x50)),
        },
        {
            // smmu_enable_banks: first client id, register
            {0x00, 0x228},
            {0x20, 0x22c},
            {0x40, 0x230},
            {0x60, 0x234},
        },
        {
            // groups: current (PATCH-grp "drm"), display (later tegra114.c)
            {{"drm", {"dc", "dcb", "g2", "nv"}}},
            {{"display", {"dc", "dcb"}}},
        },
        {
            "host1x02",  // generation
            9,           // channels
            32,          // syncpoints
            16,          // mlocks
            12,          // bases
            32,          // dma_mask_bits
            0x3000,      // sync_offset
            true,        // reserve_vblank_syncpts
            false,       // wide_gather
            0x4000,      // channel_stride
        },
        {
            64,     // pitch_align
            false,  // has_cursor_plane
            false,  // supports_block_linear
            true,   // has_powergate
            false,  // has_win_b_vfilter_mem_client
            true,   // tiled_memory_bandwidth_x2
            4096,   // max_mode_size
        },
    });
    return info;
}

}  // namespace socsim::soc
