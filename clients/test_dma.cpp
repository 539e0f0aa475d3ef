#include "clients/test_dma.h"

#include <algorithm>
#include <cstring>

#include "soc/dram.h"

namespace socsim::clients {

TestDma::TestDma(sc_core::sc_module_name name, const TestDmaConfig& cfg, soc::PayloadPool& pool,
                 soc::TimingMode mode)
    : sc_module(name), read_socket("read_socket"), write_socket("write_socket"), cfg_(cfg), master_(pool, mode),
      buf_(cfg.burst) {
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
    if (job.write) std::memset(buf_.data(), job.pattern.value_or(0), len);
    bool ok = master_.transfer(job.write ? write_socket : read_socket, client->id, job.write, iova, buf_.data(), len);
    ++result_.requests;
    if (!ok) {
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
}

void TestDma::engine() {
    for (;;) {
        wait(start_);
        const DmaJob& job = *job_;
        result_ = DmaResult{};
        result_.start_ps = soc::now_ps();
        master_.reset();
        uint64_t iova = job.iova, end = job.iova + job.size;
        while (iova < end) {
            uint32_t len = split_page(iova, end, cfg_.burst);
            request(job, iova, len);
            iova += len;
        }
        master_.sync();
        result_.end_ps = soc::now_ps();
        if (trace::on(trace_))
            trace_->dma_transfer(basename(), job.write, job.iova, job.size, result_.faults, result_.start_ps,
                                 result_.end_ps);
        done_.notify();
    }
}

}  // namespace socsim::clients
