#include "clients/test_dma.h"

#include <algorithm>
#include <cstring>

#include "soc/dram.h"
#include "soc/tlm/request.h"

namespace socsim::clients {

TestDma::TestDma(sc_core::sc_module_name name, const TestDmaConfig& cfg, soc::PayloadPool& pool,
                 soc::TimingMode mode)
    : sc_module(name), read_socket("read_socket"), write_socket("write_socket"), cfg_(cfg), pool_(pool),
      mode_(mode), buf_(cfg.burst) {
    SC_THREAD(engine);
}

DmaResult TestDma::run(const DmaJob& job) {
    job_ = &job;
    start_.notify();
    wait(done_);
    job_ = nullptr;
    return result_;
}

void TestDma::request(const DmaJob& job, uint64_t iova, uint32_t len) {
    const soc::MemoryClient* client = job.write ? cfg_.write_client : cfg_.read_client;
    tlm::tlm_generic_payload* p = pool_.acquire();
    soc::McClientExtension* ext = nullptr;
    p->get_extension(ext);
    if (!ext) p->set_extension(ext = new soc::McClientExtension());
    ext->client_id = client->id;
    if (job.write) std::memset(buf_.data(), job.pattern.value_or(0), len);
    soc::set_request(*p, job.write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND, iova, buf_.data(), len);
    soc::transport_lt(job.write ? write_socket : read_socket, *p, keeper_, mode_ == soc::TimingMode::Accurate);
    ++result_.requests;
    if (p->is_response_error()) {
        ++result_.faults;
        if (!result_.first_fault) result_.first_fault = iova;
    } else {
        result_.bytes += len;
        if (!job.write && job.pattern && !result_.mismatch) {
            for (uint32_t i = 0; i < len; ++i)
                if (buf_[i] != *job.pattern) {
                    result_.mismatch = iova + i;
                    result_.mismatch_value = buf_[i];
                    break;
                }
        }
    }
    p->release();
}

void TestDma::engine() {
    for (;;) {
        wait(start_);
        const DmaJob& job = *job_;
        result_ = DmaResult{};
        result_.start_ps = soc::now_ps();
        keeper_.reset();
        uint64_t iova = job.iova, end = job.iova + job.size;
        while (iova < end) {
            uint64_t page_end = (iova | 0xfff) + 1;
            uint32_t len = static_cast<uint32_t>(std::min({uint64_t(cfg_.burst), end - iova, page_end - iova}));
            request(job, iova, len);
            iova += len;
        }
        keeper_.sync();
        result_.end_ps = soc::now_ps();
        done_.notify();
    }
}

}  // namespace socsim::clients
