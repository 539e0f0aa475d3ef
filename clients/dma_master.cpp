#include "clients/dma_master.h"

#include "soc/dram.h"
#include "soc/tlm/mc_client.h"
#include "soc/tlm/request.h"

namespace socsim::clients {

bool DmaMaster::transfer(tlm::tlm_initiator_socket<32>& socket, uint32_t client_id, bool write, uint64_t addr,
                         uint8_t* data, uint32_t len) {
    tlm::tlm_generic_payload* p = pool_.acquire();
    soc::McClientExtension* ext = nullptr;
    p->get_extension(ext);
    if (!ext) p->set_extension(ext = new soc::McClientExtension());
    ext->client_id = client_id;
    soc::set_request(*p, write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, addr, data, len);
    soc::transport_lt(socket, *p, keeper_, mode_ == soc::TimingMode::Accurate);
    bool ok = !p->is_response_error();
    p->release();
    return ok;
}

uint64_t DmaMaster::local_ps() const { return soc::now_ps() + soc::to_ps(keeper_.get_local_time()); }

void DmaMaster::advance_to(uint64_t ps) {
    uint64_t now = local_ps();
    if (ps <= now) return;
    keeper_.inc(soc::from_ps(ps - now));
    if (accurate() || keeper_.need_sync()) keeper_.sync();
}

}  // namespace socsim::clients
