#include "soc/soc_registry.h"

namespace socsim::soc {

const std::vector<const SocInfo*>& all_socs() {
    static const std::vector<const SocInfo*> socs = {&tegra30(), &tegra114(), &tegra124(),
                                                     &tegra210()};
    return socs;
}

const SocInfo* find_soc(std::string_view name) {
    for (const auto* s : all_socs())
        if (s->name == name) return s;
    return nullptr;
}

const SocInfo* find_soc_by_mc_compatible(std::string_view compatible) {
    for (const auto* s : all_socs())
        if (s->mc_compatible == compatible) return s;
    return nullptr;
}

}  // namespace socsim::soc
