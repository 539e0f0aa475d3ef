#include "clients/host1x/syncpoints.h"

#include "soc/dram.h"

namespace socsim::clients {

Syncpoints::Syncpoints(uint32_t count, uint32_t bases)
    : count_(count),
      value_(count, 0),
      last_incr_ps_(count, 0),
      increments_(count, 0),
      events_(new sc_core::sc_event[count]),
      bases_(bases, 0) {}

void Syncpoints::changed(uint32_t id, uint64_t delay_ps) {
    events_[id].notify(soc::from_ps(delay_ps));
    if (trace::on(trace_)) trace_->syncpt(id, value_[id], soc::now_ps() + delay_ps);
}

bool Syncpoints::incr(uint32_t id, uint64_t delay_ps) {
    if (!valid(id)) {
        ++invalid_incrs_;
        return false;
    }
    ++value_[id];
    ++increments_[id];
    last_incr_ps_[id] = soc::now_ps() + delay_ps;
    changed(id, delay_ps);
    return true;
}

bool Syncpoints::load(uint32_t id, uint32_t value, uint64_t delay_ps) {
    if (!valid(id)) return false;
    value_[id] = value;
    changed(id, delay_ps);
    return true;
}

bool Syncpoints::wait(uint32_t id, uint32_t thresh, uint64_t timeout_ps) {
    if (!valid(id)) return false;
    if (expired(value_[id], thresh)) return true;
    if (timeout_ps == 0) return false;
    uint64_t start = soc::now_ps();
    bool forever = timeout_ps == kForever || start > UINT64_MAX - timeout_ps;
    uint64_t deadline = forever ? UINT64_MAX : start + timeout_ps;
    for (;;) {
        if (forever) {
            sc_core::wait(events_[id]);
        } else {
            uint64_t now = soc::now_ps();
            if (now >= deadline) return false;
            sc_core::wait(soc::from_ps(deadline - now), events_[id]);
        }
        if (expired(value_[id], thresh)) return true;
    }
}

}  // namespace socsim::clients
