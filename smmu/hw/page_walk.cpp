#include "smmu/hw/page_walk.h"

namespace socsim::smmu {

const char* fault_reason_name(FaultReason r) {
    switch (r) {
        case FaultReason::None: return "none";
        case FaultReason::PdeInvalid: return "pde-invalid";
        case FaultReason::PteInvalid: return "pte-invalid";
        case FaultReason::ReadDenied: return "read-denied";
        case FaultReason::WriteDenied: return "write-denied";
        case FaultReason::TableOutsideDram: return "table-outside-dram";
    }
    return "?";
}

Route route(const SmmuRegisters& regs, const soc::Swgroup& sw, const soc::MemoryClient* client) {
    Route r;
    r.translate = regs.smmu_enabled() && regs.swgroup_enabled(sw) && (!client || !client->smmu || regs.client_enabled(*client));
    r.asid = regs.swgroup_asid(sw);
    return r;
}

}  // namespace socsim::smmu
