#include "soc/soc_info.h"

#include <set>
#include <string>

#include "soc/soc_registry.h"
#include "util/panic.h"

namespace socsim::soc {

const Swgroup* SocInfo::find_swgroup(std::string_view lower_name) const {
    for (const auto& s : swgroups)
        if (s.name == lower_name) return &s;
    return nullptr;
}

const Swgroup* SocInfo::find_swgroup_by_id(uint32_t dt_id) const {
    for (const auto& s : swgroups)
        if (s.dt_id == dt_id) return &s;
    return nullptr;
}

const MemoryClient* SocInfo::find_client(uint32_t id) const {
    for (const auto& c : clients)
        if (c.id == id) return &c;
    return nullptr;
}

const MemoryClient* SocInfo::find_client(std::string_view client_name) const {
    for (const auto& c : clients)
        if (c.name == client_name) return &c;
    return nullptr;
}

std::vector<const MemoryClient*> SocInfo::clients_of(std::string_view swgroup) const {
    std::vector<const MemoryClient*> out;
    for (const auto& c : clients)
        if (c.swgroup == swgroup) out.push_back(&c);
    return out;
}

size_t SocInfo::translatable_swgroup_count() const {
    size_t n = 0;
    for (const auto& s : swgroups) n += s.asid_reg.has_value();
    return n;
}

namespace {

[[noreturn]] void table_bug(const SocInfo& info, const std::string& what) {
    panic("SoC table " + std::string(info.name) + ": " + what);
}

void check_group_entries(const SocInfo& info, const std::vector<GroupEntry>& table) {
    for (const auto& entry : table)
        for (auto sw : entry.swgroups)
            if (!info.find_swgroup(sw))
                table_bug(info, "group '" + std::string(entry.name) + "' names unknown swgroup '" +
                                    std::string(sw) + "'");
}

}  // namespace

SocInfo finalize(SocInfo info) {
    std::set<uint32_t> ids;
    std::set<std::string_view> names;
    for (const auto& s : info.swgroups) {
        if (!ids.insert(s.dt_id).second)
            table_bug(info, "duplicate swgroup dt id " + std::to_string(s.dt_id));
        if (!names.insert(s.name).second)
            table_bug(info, "duplicate swgroup " + std::string(s.name));
    }
    ids.clear();
    names.clear();
    for (auto& c : info.clients) {
        if (!ids.insert(c.id).second) table_bug(info, "duplicate client id " + std::to_string(c.id));
        if (!names.insert(c.name).second) table_bug(info, "duplicate client " + std::string(c.name));
        if (!c.swgroup.empty() && !info.find_swgroup(c.swgroup))
            table_bug(info, "client " + std::string(c.name) + " names unknown swgroup " +
                                std::string(c.swgroup));
        if (!c.smmu) continue;
        const SmmuEnableBank* bank = nullptr;
        for (const auto& b : info.smmu_enable_banks)
            if (c.id >= b.first_id && c.id < b.first_id + 32) bank = &b;
        if (!bank) table_bug(info, "client " + std::string(c.name) + " has no SMMU enable bank");
        c.smmu_reg = bank->reg;
        c.smmu_bit = c.id - bank->first_id;
    }
    check_group_entries(info, info.groups.current);
    check_group_entries(info, info.groups.display);
    return info;
}

}  // namespace socsim::soc
