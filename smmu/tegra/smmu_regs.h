// Tegra SMMU registers and page-table entry format, by their Linux names
// (drivers/iommu/tegra-smmu.c; offsets from the MC register base, which the
// SMMU shares). One source of truth for the tegra-smmu driver and for the
// hardware model that decodes the same writes.
#pragma once

#include <cstdint>

namespace socsim::smmu {

// --- registers (MC aperture offsets) ---
inline constexpr uint32_t SMMU_CONFIG = 0x010;
inline constexpr uint32_t SMMU_CONFIG_ENABLE = 1u << 0;

inline constexpr uint32_t SMMU_TLB_CONFIG = 0x014;
inline constexpr uint32_t SMMU_TLB_CONFIG_HIT_UNDER_MISS = 1u << 29;
inline constexpr uint32_t SMMU_TLB_CONFIG_ROUND_ROBIN_ARBITRATION = 1u << 28;
constexpr uint32_t SMMU_TLB_CONFIG_ACTIVE_LINES(uint32_t num_tlb_lines) {
    return num_tlb_lines & ((num_tlb_lines << 1) - 1);
}

inline constexpr uint32_t SMMU_PTC_CONFIG = 0x018;
inline constexpr uint32_t SMMU_PTC_CONFIG_ENABLE = 1u << 29;
constexpr uint32_t SMMU_PTC_CONFIG_REQ_LIMIT(uint32_t x) { return (x & 0xf) << 24; }
constexpr uint32_t SMMU_PTC_CONFIG_INDEX_MAP(uint32_t x) { return x & 0x3f; }

inline constexpr uint32_t SMMU_PTB_ASID = 0x01c;
inline constexpr uint32_t SMMU_PTB_ASID_VALUE_MASK = 0x7f;

inline constexpr uint32_t SMMU_PTB_DATA = 0x020;

inline constexpr uint32_t SMMU_TLB_FLUSH = 0x030;
inline constexpr uint32_t SMMU_TLB_FLUSH_VA_MATCH_ALL = 0u << 0;
inline constexpr uint32_t SMMU_TLB_FLUSH_VA_MATCH_SECTION = 2u << 0;
inline constexpr uint32_t SMMU_TLB_FLUSH_VA_MATCH_GROUP = 3u << 0;
inline constexpr uint32_t SMMU_TLB_FLUSH_VA_MATCH_MASK = 3u << 0;
inline constexpr uint32_t SMMU_TLB_FLUSH_ASID_MATCH = 1u << 31;
constexpr uint32_t SMMU_TLB_FLUSH_VA_SECTION(uint64_t iova) {
    return static_cast<uint32_t>((iova & 0xffc00000u) >> 12);
}
constexpr uint32_t SMMU_TLB_FLUSH_VA_GROUP(uint64_t iova) {
    return static_cast<uint32_t>((iova & 0xffffc000u) >> 12);
}
// Where the VA of a SECTION or GROUP flush sits (iova >> 12, bits 19..2).
inline constexpr uint32_t SMMU_TLB_FLUSH_VA_FIELD = 0x000ffffcu;
// The ASID field is 2 bits wide on SoCs with 4 ASIDs, else 7 bits.
constexpr uint32_t SMMU_TLB_FLUSH_ASID(uint32_t asid, uint32_t num_asids) {
    return num_asids == 4 ? (asid & 0x3) << 29 : (asid & 0x7f) << 24;
}
constexpr uint32_t SMMU_TLB_FLUSH_ASID_OF(uint32_t value, uint32_t num_asids) {
    return num_asids == 4 ? (value >> 29) & 0x3 : (value >> 24) & 0x7f;
}

inline constexpr uint32_t SMMU_PTC_FLUSH = 0x034;
inline constexpr uint32_t SMMU_PTC_FLUSH_TYPE_ALL = 0u << 0;
inline constexpr uint32_t SMMU_PTC_FLUSH_TYPE_ADR = 1u << 0;
inline constexpr uint32_t SMMU_PTC_FLUSH_HI = 0x9b8;
inline constexpr uint32_t SMMU_PTC_FLUSH_HI_MASK = 0x3;

// Per-swgroup SMMU_<NAME>_ASID registers (offsets in the SoC tables).
inline constexpr uint32_t SMMU_ASID_ENABLE = 1u << 31;
inline constexpr uint32_t SMMU_ASID_MASK = 0x7f;

// --- page tables: a 1024-entry PD of 4 MiB sections, 1024-entry PTs of 4 KiB pages ---
inline constexpr uint32_t SMMU_NUM_PDE = 1024;
inline constexpr uint32_t SMMU_NUM_PTE = 1024;
inline constexpr uint32_t SMMU_SIZE_PD = SMMU_NUM_PDE * 4;
inline constexpr uint32_t SMMU_SIZE_PT = SMMU_NUM_PTE * 4;
inline constexpr uint32_t SMMU_PDE_SHIFT = 22;
inline constexpr uint32_t SMMU_PTE_SHIFT = 12;
inline constexpr uint64_t SMMU_PAGE_SIZE = 1u << SMMU_PTE_SHIFT;
inline constexpr uint64_t SMMU_IOVA_LIMIT = 1ull << 32;  // 32-bit IOVA, force_aperture

inline constexpr uint32_t SMMU_PD_READABLE = 1u << 31;
inline constexpr uint32_t SMMU_PD_WRITABLE = 1u << 30;
inline constexpr uint32_t SMMU_PD_NONSECURE = 1u << 29;
inline constexpr uint32_t SMMU_PDE_READABLE = 1u << 31;
inline constexpr uint32_t SMMU_PDE_WRITABLE = 1u << 30;
inline constexpr uint32_t SMMU_PDE_NONSECURE = 1u << 29;
inline constexpr uint32_t SMMU_PDE_NEXT = 1u << 28;
inline constexpr uint32_t SMMU_PTE_READABLE = 1u << 31;
inline constexpr uint32_t SMMU_PTE_WRITABLE = 1u << 30;
inline constexpr uint32_t SMMU_PTE_NONSECURE = 1u << 29;
inline constexpr uint32_t SMMU_PDE_ATTR = SMMU_PDE_READABLE | SMMU_PDE_WRITABLE | SMMU_PDE_NONSECURE;
inline constexpr uint32_t SMMU_PTB_ATTR = SMMU_PD_READABLE | SMMU_PD_WRITABLE | SMMU_PD_NONSECURE;
inline constexpr uint32_t SMMU_ATTR_MASK = 0xf0000000u;

constexpr uint32_t iova_pd_index(uint64_t iova) { return (iova >> SMMU_PDE_SHIFT) & (SMMU_NUM_PDE - 1); }
constexpr uint32_t iova_pt_index(uint64_t iova) { return (iova >> SMMU_PTE_SHIFT) & (SMMU_NUM_PTE - 1); }
// pfn_mask = BIT(num_address_bits - 12) - 1: which PFNs an entry can hold.
constexpr uint32_t smmu_pfn_mask(uint32_t num_address_bits) {
    return static_cast<uint32_t>((1ull << (num_address_bits - SMMU_PTE_SHIFT)) - 1);
}

}  // namespace socsim::smmu
