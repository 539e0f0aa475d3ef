// The client drivers' ports on the simulated SoC (clients/drivers/ports.h):
// host1x registers through the CPU bus (each access costs mc.reg_access),
// the CPU sleeping on a syncpoint threshold, buffer writes through the
// CPU's DRAM path, and the display heads. All must be used from the kernel
// thread.
#pragma once

#include <map>
#include <string>

#include "clients/drivers/ports.h"
#include "soc/platform.h"

namespace socsim::run {

class TlmHost1xPort final : public drivers::Host1xPort {
public:
    explicit TlmHost1xPort(soc::Platform& p) : p_(p) {}
    uint32_t read32(uint32_t offset) override;
    void write32(uint32_t offset, uint32_t value) override;
    bool wait_syncpt(uint32_t id, uint32_t thresh, uint64_t timeout_ns) override;
    uint64_t now_ns() override;
    void sleep_until_ns(uint64_t t) override;

private:
    clients::Host1x& host1x();
    soc::Platform& p_;
};

class TlmMemPort final : public drivers::MemPort {
public:
    explicit TlmMemPort(soc::Platform& p) : p_(p) {}
    void write(uint64_t pa, const uint8_t* data, uint64_t len) override;

private:
    soc::Platform& p_;
};

class TlmDisplayPort final : public drivers::DisplayPort {
public:
    explicit TlmDisplayPort(soc::Platform& p) : p_(p) {}
    bool has_head(uint32_t head) const override { return p_.heads().count(head) != 0; }
    std::string commit(uint32_t head, const drivers::HeadSetup& setup) override;
    void disable(uint32_t head) override;
    void wait_frames(uint32_t head, uint64_t frames) override;

private:
    clients::DisplayController& dc(uint32_t head);
    soc::Platform& p_;
    std::map<uint32_t, uint64_t> frame_ps_;   // of the last commit, per head
};

}  // namespace socsim::run
