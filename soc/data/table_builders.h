// Small constructors that keep the SoC data files one entry per line.
// Internal to soc/data/.
#pragma once

#include <optional>
#include <string_view>

#include "soc/soc_info.h"

namespace socsim::soc::data {

inline Swgroup swgroup(std::string_view name, uint32_t dt_id, uint32_t asid_reg) {
    return Swgroup{name, dt_id, asid_reg};
}

// A dt-bindings swgroup without an SMMU ASID register (cannot translate).
inline Swgroup swgroup_no_asid(std::string_view name, uint32_t dt_id) {
    return Swgroup{name, dt_id, std::nullopt};
}

// Latency allowance with its register and field position.
inline std::optional<LatencyAllowance> la(uint32_t reg, uint8_t shift, uint8_t def) {
    return LatencyAllowance{reg, shift, def};
}

// Latency allowance where only the reset default is known.
inline std::optional<LatencyAllowance> la_def(uint8_t def) {
    return LatencyAllowance{std::nullopt, 0, def};
}

// A memory client; `smmu` = it has a per-client SMMU enable bit.
inline MemoryClient client(uint32_t id, std::string_view name, std::string_view group,
                           std::optional<LatencyAllowance> allowance, bool smmu = true) {
    MemoryClient c{};
    c.id = id;
    c.name = name;
    c.swgroup = group;
    c.smmu = smmu;
    c.la = allowance;
    return c;
}

}  // namespace socsim::soc::data
