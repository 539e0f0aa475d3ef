// How a client model issues its DMA: one loosely-timed request at a time
// from a pooled payload carrying the memory-client ID, at the master's local
// time offset (temporal decoupling with a quantum keeper; the accurate mode
// synchronises after every request). Requests must not cross a 4 KiB page:
// callers split transfers (split_page below). A faulting request answers
// false; the data of a faulting read is left untouched.
#pragma once

#include <algorithm>
#include <cstdint>

#include <systemc>
#include <tlm>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "soc/mc/memory_controller.h"
#include "soc/tlm/payload_pool.h"

namespace socsim::clients {

// Bytes from `addr` up to `end`, at most `max`, not crossing a 4 KiB page.
inline uint32_t split_page(uint64_t addr, uint64_t end, uint32_t max) {
    uint64_t page_end = (addr | 0xfff) + 1;
    return static_cast<uint32_t>(std::min({uint64_t(max), end - addr, page_end - addr}));
}

class DmaMaster {
public:
    DmaMaster(soc::PayloadPool& pool, soc::TimingMode mode) : pool_(pool), mode_(mode) {}

    // Must run in a SystemC thread.
    bool transfer(tlm::tlm_initiator_socket<32>& socket, uint32_t client_id, bool write, uint64_t addr,
                  uint8_t* data, uint32_t len);

    // Simulated time of the master: kernel time plus its local offset.
    uint64_t local_ps() const;
    // Moves the local time forward to `ps` (no-op when already later).
    void advance_to(uint64_t ps);
    void sync() { keeper_.sync(); }
    void reset() { keeper_.reset(); }
    bool accurate() const { return mode_ == soc::TimingMode::Accurate; }

private:
    soc::PayloadPool& pool_;
    soc::TimingMode mode_;
    tlm_utils::tlm_quantumkeeper keeper_;
};

}  // namespace socsim::clients
