#include "smmu/hw/smmu_registers.h"

#include "smmu/tegra/smmu_regs.h"
#include "util/panic.h"

namespace socsim::smmu {

Register& SmmuRegisters::add(std::string name, uint32_t offset, uint32_t reset) {
    auto [it, inserted] = regs_.emplace(offset, Register{std::move(name), offset, reset, reset, {}, {}});
    if (!inserted) panic("SMMU register " + it->second.name + " defined twice at offset " + std::to_string(offset));
    return it->second;
}

SmmuRegisters::SmmuRegisters(const soc::SocInfo& soc) : soc_(soc), ptb_(soc.num_asids, 0) {
    add("SMMU_CONFIG", SMMU_CONFIG);
    add("SMMU_TLB_CONFIG", SMMU_TLB_CONFIG);
    add("SMMU_PTC_CONFIG", SMMU_PTC_CONFIG);
    add("SMMU_PTB_ASID", SMMU_PTB_ASID).on_write = [](Register& r, uint32_t v) {
        r.value = v & SMMU_PTB_ASID_VALUE_MASK;
    };
    Register& data = add("SMMU_PTB_DATA", SMMU_PTB_DATA);
    data.on_read = [this](const Register&) { return ptb(value(SMMU_PTB_ASID)); };
    data.on_write = [this](Register&, uint32_t v) {
        uint32_t asid = value(SMMU_PTB_ASID);
        if (asid < ptb_.size()) ptb_[asid] = v;
        else ++unknown_accesses_;  // no such ASID on this SoC: the write goes nowhere
    };
    add("SMMU_TLB_FLUSH", SMMU_TLB_FLUSH).on_write = [this](Register& r, uint32_t v) {
        r.value = v;
        TlbFlush f;
        f.va_match = v & SMMU_TLB_FLUSH_VA_MATCH_MASK;
        f.all_va = f.va_match == SMMU_TLB_FLUSH_VA_MATCH_ALL;
        f.iova = uint64_t(v & SMMU_TLB_FLUSH_VA_FIELD) << 12;
        f.asid_match = (v & SMMU_TLB_FLUSH_ASID_MATCH) != 0;
        f.asid = SMMU_TLB_FLUSH_ASID_OF(v, soc_.num_asids);
        for (auto& l : tlb_flush_listeners) l(f);
    };
    add("SMMU_PTC_FLUSH", SMMU_PTC_FLUSH).on_write = [this](Register& r, uint32_t v) {
        r.value = v;
        PtcFlush f;
        f.all = (v & SMMU_PTC_FLUSH_TYPE_ADR) == 0;
        f.address = (uint64_t(ptc_flush_hi_) << 32) | (v & ~(soc_.atom_size - 1));
        for (auto& l : ptc_flush_listeners) l(f);
    };
    if (soc.num_address_bits > 32)
        add("SMMU_PTC_FLUSH_HI", SMMU_PTC_FLUSH_HI).on_write = [this](Register& r, uint32_t v) {
            r.value = v & SMMU_PTC_FLUSH_HI_MASK;
            ptc_flush_hi_ = r.value;
        };
    for (const auto& sw : soc.swgroups)
        if (sw.asid_reg) add("SMMU_" + std::string(sw.name) + "_ASID", *sw.asid_reg);
    for (const auto& bank : soc.smmu_enable_banks)
        if (!decodes(bank.reg)) add("SMMU_CLIENT_CONFIG@" + std::to_string(bank.reg), bank.reg);
}

uint32_t SmmuRegisters::value(uint32_t offset) const {
    auto it = regs_.find(offset);
    return it == regs_.end() ? 0 : it->second.value;
}

uint32_t SmmuRegisters::read32(uint32_t offset) {
    auto it = regs_.find(offset);
    if (it == regs_.end()) {
        ++unknown_accesses_;
        return 0;
    }
    const Register& r = it->second;
    return r.on_read ? r.on_read(r) : r.value;
}

void SmmuRegisters::write32(uint32_t offset, uint32_t v) {
    ++generation_;
    auto it = regs_.find(offset);
    if (it == regs_.end()) {
        ++unknown_accesses_;
        return;
    }
    Register& r = it->second;
    if (r.on_write) r.on_write(r, v);
    else r.value = v;
}

bool SmmuRegisters::smmu_enabled() const { return value(SMMU_CONFIG) & SMMU_CONFIG_ENABLE; }

bool SmmuRegisters::swgroup_enabled(const soc::Swgroup& sw) const {
    return sw.asid_reg && (value(*sw.asid_reg) & SMMU_ASID_ENABLE);
}

uint32_t SmmuRegisters::swgroup_asid(const soc::Swgroup& sw) const {
    return sw.asid_reg ? value(*sw.asid_reg) & SMMU_ASID_MASK : 0;
}

bool SmmuRegisters::client_enabled(const soc::MemoryClient& c) const {
    return c.smmu && (value(c.smmu_reg) >> c.smmu_bit & 1u);
}

}  // namespace socsim::smmu
