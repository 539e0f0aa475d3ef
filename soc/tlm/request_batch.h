// A run of requests that one initiator issues back to back inside one
// quantum of the fast (temporally decoupled) mode, carried to the memory
// controller by one TLM transaction instead of one each.
//
// Within a quantum a decoupled initiator runs without yielding, so K
// b_transport calls in a row reach the memory controller with nothing in
// between: serving the K requests of a batch in order, each at its own
// issue time, is the same computation (the same translations, DRAM slots,
// statistics and trace events) without K-1 TLM round trips. An initiator
// may batch only requests whose issue times it knows before the first of
// them completes, and none beyond its quantum.
//
// Protocol: the payload carries a RequestBatch extension, a data length of
// 0 and otherwise only its command (read or write) and the
// McClientExtension; the memory
// controller serves `items` in order, each as one request (its own address,
// data and length, within one 4 KiB page, arriving at issue_ps), fills in
// done_ps and status, sets TLM_OK_RESPONSE on the payload and leaves the
// delay untouched. The fast mode only: the accurate mode synchronises every
// request and has nothing to batch.
#pragma once

#include <cstdint>
#include <vector>

#include <tlm>

namespace socsim::soc {

struct RequestBatch : tlm::tlm_extension<RequestBatch> {
    struct Item {
        uint64_t address = 0;
        uint8_t* data = nullptr;
        uint32_t length = 0;
        uint64_t issue_ps = 0;    // arrival at the MC (absolute simulated time)
        uint64_t done_ps = 0;     // out: completion (absolute)
        tlm::tlm_response_status status = tlm::TLM_INCOMPLETE_RESPONSE;   // out
    };
    std::vector<Item> items;

    tlm_extension_base* clone() const override { return new RequestBatch(*this); }
    void copy_from(const tlm_extension_base& other) override { items = static_cast<const RequestBatch&>(other).items; }
};

}  // namespace socsim::soc
