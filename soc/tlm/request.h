// How every socsim initiator issues a loosely-timed request: a plain
// payload (no byte enables, no streaming, no DMI) sent at the initiator's
// local time offset, whose returned delay becomes the new offset; the
// initiator synchronises when its quantum is used up, or after every
// request in the accurate mode.
#pragma once

#include <cstdint>

#include <tlm>
#include <tlm_utils/tlm_quantumkeeper.h>

namespace socsim::soc {

inline void set_request(tlm::tlm_generic_payload& t, tlm::tlm_command cmd, uint64_t address, uint8_t* data,
                        uint32_t len) {
    t.set_command(cmd);
    t.set_address(address);
    t.set_data_ptr(data);
    t.set_data_length(len);
    t.set_streaming_width(len);
    t.set_byte_enable_ptr(nullptr);
    t.set_dmi_allowed(false);
    t.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
}

template <class Socket>
void transport_lt(Socket& socket, tlm::tlm_generic_payload& t, tlm_utils::tlm_quantumkeeper& keeper, bool sync_each) {
    sc_core::sc_time delay = keeper.get_local_time();
    socket->b_transport(t, delay);
    keeper.set(delay);
    if (sync_each || keeper.need_sync()) keeper.sync();
}

}  // namespace socsim::soc
