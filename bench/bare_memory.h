// The baseline of bench_translate: a bare TLM memory target (a plain host
// buffer or the SparseMemory the DRAM model keeps, plus a fixed delay) and
// the address sequences every phase walks.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

#include "bench/bench_types.h"
#include "soc/sparse_memory.h"

namespace socsim::bench {

// Stores for the bare target. PlainStore: one contiguous host buffer (the
// physical limit). SparseStore: the SparseMemory the DRAM model keeps (a
// page lookup per access), to show what storage alone costs.
class PlainStore {
public:
    PlainStore(uint64_t base, uint64_t size) : base_(base), bytes_(size) {}
    bool contains(uint64_t a, uint64_t len) const { return a >= base_ && len <= bytes_.size() && a - base_ <= bytes_.size() - len; }
    void read(uint64_t a, void* out, uint64_t len) const { std::memcpy(out, bytes_.data() + (a - base_), len); }
    void write(uint64_t a, const void* in, uint64_t len) { std::memcpy(bytes_.data() + (a - base_), in, len); }

private:
    uint64_t base_;
    std::vector<uint8_t> bytes_;
};
using SparseStore = soc::SparseMemory;

// (a)'s target: copies the bytes out of its store and adds a fixed delay.
template <class Store>
class BareMemory : public sc_core::sc_module {
public:
    tlm_utils::simple_target_socket<BareMemory> socket;

    BareMemory(sc_core::sc_module_name name, uint64_t base, uint64_t size, sc_core::sc_time delay)
        : sc_module(name), socket("socket"), mem_(base, size), delay_(delay) {
        socket.register_b_transport(this, &BareMemory::b_transport);
    }
    Store& memory() { return mem_; }

private:
    void b_transport(tlm::tlm_generic_payload& t, sc_core::sc_time& delay) {
        uint64_t addr = t.get_address(), len = t.get_data_length();
        if (!mem_.contains(addr, len)) {
            t.set_response_status(tlm::TLM_ADDRESS_ERROR_RESPONSE);
            return;
        }
        if (t.is_read()) mem_.read(addr, t.get_data_ptr(), len);
        else if (t.is_write()) mem_.write(addr, t.get_data_ptr(), len);
        delay += delay_;
        t.set_response_status(tlm::TLM_OK_RESPONSE);
    }

    Store mem_;
    sc_core::sc_time delay_;
};

// Sequential 64-byte requests over a window, wrapping at its end.
struct SeqAddr {
    uint64_t base, window, off = 0;
    uint64_t operator()() {
        uint64_t a = base + off;
        off += kLen;
        if (off == window) off = 0;
        return a;
    }
};

// One request per 4 KiB page, page after page, wrapping after `pages`.
struct PageStrideAddr {
    uint64_t base, pages, page = 0;
    uint64_t operator()() {
        uint64_t a = base + page * kPage;
        if (++page == pages) page = 0;
        return a;
    }
};

}  // namespace socsim::bench
