// Tegra210 SoC table: memory controller, SMMU swgroups, memory clients, IOMMU
// group tables, host1x05 and display-controller parameters.
//
// Sources (tags of ../shared/reference/tegra-facts.md §0):
//   - SoC parameters (§2.1), swgroup ASID registers (§2.2) and memory clients
//     (§2.3): MC210; MC tick 30 ns from MC-core.
//   - Swgroup numbers (§3): dt-bindings tegra210-mc.h.
//   - Group tables (§1.6): "display" {dc, dcb} from MC210 and later
//     tegra210.c versions; it is both socsim's default and the display table.
//   - host1x (§6.1): H1X-dev host1x05; channel stride from H1X-chan (§6.2).
//   - Display controller flags (§7.6): DC-new; max mode size from §5.
//
// Left out / incomplete:
//   - Clients the sheet lists without IDs: ape, se, axiap, etr, sdmmc, xusb,
//     a9avp, sata, ppcs, hda, afi, avpc, mpcore. The sheet counts 73 clients;
//     this table holds the 36 it gives IDs for.
//   - Display and host1x clients: the sheet says they are the same as on
//     Tegra124 (IDs and defaults listed); names and the LA registers the sheet
//     gives for Tegra124 are taken from there. ISP2/ISP2B clients likewise
//     ("as on T124"), including the shift-0 assumption for ispra/isprab.
//   - gpusrd/gpuswr (0x58/0x59): named as on Tegra124; the sheet gives no LA
//     for them on Tegra210, so none is recorded.
//   - gpusrd2/gpuswr2 (0x88/0x89): the sheet gives LA register 0x3e8 but no
//     bit position and no default; the struct needs a default, so no LA is
//     recorded.
//   - Swgroups tsec1, tsecb1 and nvdec1 (ASID 0xad8/0xadc/0xae0 in some newer
//     tegra210.c versions) have no dt-bindings number and are left out.
//   - No vde and no mpcorelp swgroup on Tegra210. Swgroups ptc and mpcore have
//     no ASID register.

#include "soc/data/table_builders.h"
#include "soc/soc_registry.h"

namespace socsim::soc {
using namespace data;

const SocInfo& tegra210() {
    static const SocInfo info = finalize(SocInfo{
        "tegra210",             // name
        "nvidia,tegra210-mc",   // mc_compatible
        {"nvidia,tegra210"},    // soc_compatibles
        128,                    // num_asids
        48,                     // num_tlb_lines
        64,                     // atom_size
        64,                     // dram_burst
        34,                     // num_address_bits
        0xff,                   // client_id_mask
        true,                   // supports_round_robin_arbitration
        true,                   // supports_request_limit
        30,                     // mc_tick_ns
        {
            // swgroups: name, dt id, ASID register
            swgroup_no_asid("ptc", 0),
            swgroup("dc", 1, 0x240),
            swgroup("dcb", 2, 0x244),
            swgroup("afi", 3, 0x238),
            swgroup("avpc", 4, 0x23c),
            swgroup("hda", 5, 0x254),
            swgroup("hc", 6, 0x250),
            swgroup("nvenc", 7, 0x264),
            swgroup("ppcs", 8, 0x270),
            swgroup("sata", 9, 0x274),
            swgroup_no_asid("mpcore", 10),
            swgroup("isp2", 11, 0x258),
            swgroup("xusb_host", 12, 0x288),
            swgroup("xusb_dev", 13, 0x28c),
            swgroup("isp2b", 14, 0xaa4),
            swgroup("tsec", 15, 0x294),
            swgroup("a9avp", 16, 0x290),
            swgroup("gpu", 17, 0xaac),
            swgroup("sdmmc1a", 18, 0xa94),
            swgroup("sdmmc2a", 19, 0xa98),
            swgroup("sdmmc3a", 20, 0xa9c),
            swgroup("sdmmc4a", 21, 0xaa0),
            swgroup("vic", 22, 0x284),
            swgroup("vi", 23, 0x280),
            swgroup("nvdec", 24, 0xab4),
            swgroup("ape", 25, 0xab8),
            swgroup("nvjpg", 26, 0xac0),
            swgroup("se", 27, 0xabc),
            swgroup("axiap", 28, 0xacc),
            swgroup("etr", 29, 0xad0),
            swgroup("tsecb", 30, 0xad4),
        },
        {
            // clients: id, name, swgroup, latency allowance (reg, shift, default)
            client(0x01, "display0a", "dc", la(0x2e8, 0, 0xc2)),
            client(0x02, "display0ab", "dcb", la_def(0xc6)),
            client(0x03, "display0b", "dc", la_def(0x50)),
            client(0x04, "display0bb", "dcb", la_def(0x50)),
            client(0x05, "display0c", "dc", la_def(0x50)),
            client(0x06, "display0cb", "dcb", la_def(0x50)),
            client(0x10, "displayhc", "dc", la(0x2f0, 0, 0x50)),
            client(0x11, "displayhcb", "dcb", la_def(0x50)),
            client(0x16, "host1xdmar", "hc", la_def(0x1e)),
            client(0x17, "host1xr", "hc", la_def(0x50)),
            client(0x1c, "nvencsrd", "nvenc", la(0x328, 0, 0x23)),
            client(0x2b, "nvencswr", "nvenc", la_def(0x80)),
            client(0x36, "host1xw", "hc", la_def(0x80)),
            client(0x44, "ispra", "isp2", la(0x370, 0, 0x18)),
            client(0x46, "ispwa", "isp2", la(0x374, 0, 0x80)),
            client(0x47, "ispwb", "isp2", la(0x374, 16, 0x80)),
            client(0x4e, "isprab", "isp2b", la(0x384, 0, 0x18)),
            client(0x50, "ispwab", "isp2b", la(0x388, 0, 0x80)),
            client(0x51, "ispwbb", "isp2b", la(0x388, 16, 0x80)),
            client(0x54, "tsecsrd", "tsec", la_def(0x9b)),
            client(0x55, "tsecswr", "tsec", la_def(0x80)),
            client(0x58, "gpusrd", "gpu", std::nullopt),
            client(0x59, "gpuswr", "gpu", std::nullopt),
            client(0x5a, "displayt", "dc", la(0x2f0, 16, 0x50)),
            client(0x6c, "vicsrd", "vic", la_def(0x1a)),
            client(0x6d, "vicswr", "vic", la_def(0x80)),
            client(0x72, "viw", "vi", la_def(0x80)),
            client(0x73, "displayd", "dc", la(0x3c8, 0, 0x50)),
            client(0x78, "nvdecsrd", "nvdec", la(0x3d8, 0, 0x23)),
            client(0x79, "nvdecswr", "nvdec", la(0x3d8, 16, 0x80)),
            client(0x7e, "nvjpgsrd", "nvjpg", la(0x3e4, 0, 0x23)),
            client(0x7f, "nvjpgswr", "nvjpg", la(0x3e4, 16, 0x80)),
            client(0x86, "tsecsrdb", "tsecb", la(0x3f0, 0, 0x9b)),
            client(0x87, "tsecswrb", "tsecb", la_def(0x80)),
            client(0x88, "gpusrd2", "gpu", std::nullopt),
            client(0x89, "gpuswr2", "gpu", std::nullopt),
        },
        {
            // smmu_enable_banks: first client id, register
            {0x00, 0x228},
            {0x20, 0x22c},
            {0x40, 0x230},
            {0x60, 0x234},
            {0x80, 0xb98},
        },
        {
            // groups: current and display are the same "display" table (MC210)
            {{"display", {"dc", "dcb"}}},
            {{"display", {"dc", "dcb"}}},
        },
        {
            "host1x05",  // generation
            14,          // channels
            192,         // syncpoints
            16,          // mlocks
            64,          // bases
            34,          // dma_mask_bits
            0x2100,      // sync_offset
            false,       // reserve_vblank_syncpts
            false,       // wide_gather
            0x4000,      // channel_stride
        },
        {
            64,     // pitch_align
            true,   // has_cursor_plane
            true,   // supports_block_linear
            true,   // has_powergate
            false,  // has_win_b_vfilter_mem_client
            false,  // tiled_memory_bandwidth_x2
            4096,   // max_mode_size
        },
    });
    return info;
}

}  // namespace socsim::soc
