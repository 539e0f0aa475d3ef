// Memory-controller error reporting registers, by their Linux names
// (drivers/memory/tegra/mc.h; offsets from the MC register base). The SMMU
// registers sharing the aperture are in smmu/tegra/smmu_regs.h.
#pragma once

#include <cstdint>

namespace socsim::soc {

inline constexpr uint32_t MC_INTSTATUS = 0x000;   // write 1 to clear
inline constexpr uint32_t MC_INTMASK = 0x004;
inline constexpr uint32_t MC_ERR_STATUS = 0x008;
inline constexpr uint32_t MC_ERR_ADR = 0x00c;

inline constexpr uint32_t MC_INT_DECERR_EMEM = 1u << 6;
inline constexpr uint32_t MC_INT_INVALID_SMMU_PAGE = 1u << 10;

inline constexpr uint32_t MC_ERR_STATUS_TYPE_SHIFT = 28;
inline constexpr uint32_t MC_ERR_STATUS_TYPE_MASK = 0x7u << MC_ERR_STATUS_TYPE_SHIFT;
inline constexpr uint32_t MC_ERR_STATUS_TYPE_DECERR_EMEM = 0x2u << MC_ERR_STATUS_TYPE_SHIFT;
inline constexpr uint32_t MC_ERR_STATUS_TYPE_INVALID_SMMU_PAGE = 0x6u << MC_ERR_STATUS_TYPE_SHIFT;
// For SMMU page faults: the R/W/NS bits of the entry that decided.
inline constexpr uint32_t MC_ERR_STATUS_READABLE = 1u << 27;
inline constexpr uint32_t MC_ERR_STATUS_WRITABLE = 1u << 26;
inline constexpr uint32_t MC_ERR_STATUS_NONSECURE = 1u << 25;
inline constexpr uint32_t MC_ERR_STATUS_ADR_HI_SHIFT = 20;
inline constexpr uint32_t MC_ERR_STATUS_ADR_HI_MASK = 0x3;
inline constexpr uint32_t MC_ERR_STATUS_SECURITY = 1u << 17;
inline constexpr uint32_t MC_ERR_STATUS_RW = 1u << 16;    // set: write

// Client ID field when the SoC table gives no client_id_mask (Tegra114).
inline constexpr uint32_t MC_CLIENT_ID_MASK_DEFAULT = 0x7f;

}  // namespace socsim::soc
