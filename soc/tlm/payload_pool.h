// Generic payloads from a free list: an initiator takes one per request and
// gives it back when the request completes, so the hot path never allocates.
// Payloads keep their (non-auto) extensions across uses.
#pragma once

#include <memory>
#include <vector>

#include <tlm>

namespace socsim::soc {

class PayloadPool final : public tlm::tlm_mm_interface {
public:
    tlm::tlm_generic_payload* acquire() {
        tlm::tlm_generic_payload* p;
        if (free_.empty()) {
            all_.push_back(std::make_unique<tlm::tlm_generic_payload>(this));
            p = all_.back().get();
        } else {
            p = free_.back();
            free_.pop_back();
        }
        p->acquire();
        return p;
    }
    // Called by tlm_generic_payload::release() when the last user drops it.
    void free(tlm::tlm_generic_payload* p) override {
        p->reset();
        free_.push_back(p);
    }
    size_t allocated() const { return all_.size(); }

private:
    std::vector<std::unique_ptr<tlm::tlm_generic_payload>> all_;
    std::vector<tlm::tlm_generic_payload*> free_;
};

}  // namespace socsim::soc
