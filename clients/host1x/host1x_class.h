// What connects host1x to its clients. An engine (GR2D, GR3D, VIC) is a
// host1x class: a channel's command processor selects it with SETCLASS and
// writes its methods (registers) with INCR / NONINCR / MASK / IMM. A client
// increments syncpoints through the sync interface (SyncpointSink); the
// display controller uses the same interface for its VBLANK syncpoint.
#pragma once

#include <cstdint>

namespace socsim::clients {

// The host1x sync interface as a client sees it.
class SyncpointSink {
public:
    virtual void syncpt_incr(uint32_t id) = 0;

protected:
    ~SyncpointSink() = default;
};

// Method offset 0 of every class is INCR_SYNCPT: value = (cond << 8) | id.
inline constexpr uint32_t kClassIncrSyncpt = 0x0;
inline constexpr uint32_t kIncrSyncptCondImmediate = 0;
inline constexpr uint32_t kIncrSyncptCondOpDone = 1;

class Host1xClass {
public:
    virtual ~Host1xClass() = default;
    virtual uint32_t class_id() const = 0;      // HOST1X_CLASS_* (GR2D 0x51, VIC 0x5d, GR3D 0x60)
    virtual const char* class_name() const = 0;

    // One method write from a channel's command processor. Called from that
    // channel's SC_THREAD with simulated time in step (no local offset); it
    // may take simulated time (the channel stalls, as on a full class FIFO:
    // an operation runs to completion inside the write that triggers it)
    // and returns with time in step again. `offset` is the method (word)
    // offset of the class.
    virtual void method_write(uint32_t offset, uint32_t value) = 0;

    // Channel teardown (job timeout): abandon the running operation at its
    // next request boundary.
    virtual void abort() = 0;

    // Set once at elaboration when host1x attaches the class.
    void set_syncpoints(SyncpointSink* sink) { sync_ = sink; }

protected:
    SyncpointSink* sync_ = nullptr;
};

}  // namespace socsim::clients
