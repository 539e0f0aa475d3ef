// The memory-client ID that travels with every DMA request (a TLM
// extension, as the MC's client ID travels with each request on silicon).
// Initiators set it once on their pooled payloads; the memory controller
// checks it against the ingress the request arrived on.
#pragma once

#include <cstdint>

#include <tlm>

namespace socsim::soc {

struct McClientExtension : tlm::tlm_extension<McClientExtension> {
    uint32_t client_id = 0;

    explicit McClientExtension(uint32_t id = 0) : client_id(id) {}
    tlm_extension_base* clone() const override { return new McClientExtension(client_id); }
    void copy_from(const tlm_extension_base& other) override {
        client_id = static_cast<const McClientExtension&>(other).client_id;
    }
};

}  // namespace socsim::soc
