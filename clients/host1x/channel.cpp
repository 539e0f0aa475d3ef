#include "clients/host1x/channel.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "clients/host1x/host1x_regs.h"
#include "soc/dram.h"

namespace socsim::clients {

using namespace host1x;

namespace {

// WAIT_SYNCPT and WAIT_SYNCPT_BASE carry a 24-bit threshold. socsim compares
// it with the counter's low 24 bits, wrap-safe within 24 bits (the 32-bit
// rule of Syncpoints::expired scaled down); WAIT_SYNCPT_32 uses 32 bits.
bool expired24(uint32_t value, uint32_t thresh) { return ((value - thresh) & 0x800000u) == 0; }

std::string hex(uint64_t v) {
    char b[24];
    std::snprintf(b, sizeof b, "0x%" PRIx64, v);
    return b;
}

}  // namespace

const char* halt_reason_name(HaltReason r) {
    switch (r) {
        case HaltReason::None: return "none";
        case HaltReason::FetchFault: return "fetch-fault";
        case HaltReason::InvalidOpcode: return "invalid-opcode";
        case HaltReason::UnknownClass: return "unknown-class";
        case HaltReason::NestedGather: return "nested-gather";
        case HaltReason::SyncptOutOfRange: return "syncpt-out-of-range";
        case HaltReason::BaseOutOfRange: return "base-out-of-range";
        case HaltReason::GetPastEnd: return "get-past-end";
    }
    return "?";
}

Channel::Channel(sc_core::sc_module_name name, uint32_t index, const ChannelEnv& env, ChannelStats& stats)
    : sc_module(name), index_(index), env_(env), stats_(stats), master_(env.pool, env.mode) {
    reset_decode();
    SC_THREAD(run);
}

// --- registers ---

void Channel::write_dmastart(uint32_t v, uint64_t delay_ps) {
    start_ = v & ~3u;
    ++epoch_;
    pbuf_.len = 0;
    ctrl_ev_.notify(soc::from_ps(delay_ps));
}

void Channel::write_dmaput(uint32_t v, uint64_t delay_ps) {
    put_ = v & ~3u;
    ctrl_ev_.notify(soc::from_ps(delay_ps));   // the kick
}

void Channel::write_dmaend(uint32_t v, uint64_t) { end_ = v & ~3u; }

// DMAGETRST resets GET: to PUT with DMAINITGET (the driver's start and
// timeout-restart sequences), else to 0. Either way the stream restarts
// from an opcode, in the host class.
void Channel::write_dmactrl(uint32_t v, uint64_t delay_ps) {
    ctrl_ = v & (HOST1X_CHANNEL_DMACTRL_DMASTOP | HOST1X_CHANNEL_DMACTRL_DMAGETRST | HOST1X_CHANNEL_DMACTRL_DMAINITGET);
    if (v & HOST1X_CHANNEL_DMACTRL_DMAGETRST) {
        get_ = (v & HOST1X_CHANNEL_DMACTRL_DMAINITGET) ? put_ : 0;
        ++epoch_;
        reset_decode();
    }
    if (!(v & HOST1X_CHANNEL_DMACTRL_DMASTOP)) torn_down_ = false;
    ctrl_ev_.notify(soc::from_ps(delay_ps));
}

void Channel::set_cmdproc_stop(bool stop, uint64_t delay_ps) {
    cmdproc_stop_ = stop;
    ctrl_ev_.notify(soc::from_ps(delay_ps));
}

void Channel::teardown(uint64_t delay_ps) {
    ++stats_.teardowns;
    ++epoch_;
    if (writing_) writing_->abort();
    reset_decode();
    halted_ = false;
    stats_.halted = false;
    torn_down_ = true;
    ctrl_ev_.notify(soc::from_ps(delay_ps));
    if (trace::on(trace_)) trace_->channel_event(index_, "teardown", soc::now_ps() + delay_ps);
}

void Channel::reset_decode() {
    mode_ = Mode::Opcode;
    class_id_ = HOST1X_CLASS_HOST1X;
    engine_ = nullptr;
    offset_ = count_ = mask_ = 0;
    gather_ = Gather{};
    wait_ = Wait{};
    pbuf_.len = 0;
    gbuf_.len = 0;
}

void Channel::halt(HaltReason r, const std::string& what) {
    halted_ = true;
    ++stats_.halts;
    stats_.halted = true;
    stats_.halt_reason = r;
    stats_.halt_message = what;
    stats_.halt_ps = master_.local_ps();
    if (trace::on(trace_)) trace_->channel_event(index_, halt_reason_name(r), stats_.halt_ps);
}

// --- the command processor ---

void Channel::run() {
    for (;;) {
        if (idle()) {
            master_.sync();
            if (idle()) wait(ctrl_ev_);   // a write during the sync has been seen
            continue;
        }
        if (wait_.active) {
            continue_wait();
            continue;
        }
        Word w;
        busy_ = true;
        if (next_word(w)) execute(w);
        busy_ = false;
    }
}

bool Channel::read_word(FetchBuf& b, uint64_t addr, uint64_t limit, uint32_t& out, uint64_t epoch) {
    if (addr < b.addr || addr + 4 > b.addr + b.len) {
        uint32_t len = split_page(addr, limit, kCdmaFetchBytes);
        b.len = 0;
        bool ok = master_.transfer(env_.socket, env_.client_id, false, addr, b.data.data(), len);
        ++stats_.fetch_requests;
        if (!ok) ++stats_.faults;
        if (epoch != epoch_) return false;   // reset while the request was out: drop it
        if (!ok) {
            halt(HaltReason::FetchFault, "fetch fault at " + hex(addr));
            return false;
        }
        stats_.words_fetched += len / 4;
        b.addr = addr;
        b.len = len;
    }
    std::memcpy(&out, b.data.data() + (addr - b.addr), 4);
    return true;
}

bool Channel::next_word(Word& w) {
    uint64_t epoch = epoch_;
    if (gather_.active) {
        uint64_t addr = gather_.addr;
        if (!read_word(gbuf_, addr, gather_.end, w.value, epoch)) return false;
        gather_.addr += 4;
        w.src = gather_.insert ? Src::GatherData : Src::Gather;
        w.offset = gather_.offset;
        if (gather_.insert && gather_.incr) ++gather_.offset;
        if (gather_.addr >= gather_.end) gather_.active = false;
    } else {
        if (get_ >= end_) {
            halt(HaltReason::GetPastEnd, "GET " + hex(get_) + " reached DMAEND " + hex(end_));
            return false;
        }
        uint32_t limit = get_ < put_ && put_ < end_ ? put_ : end_;
        if (!read_word(pbuf_, uint64_t(start_) + get_, uint64_t(start_) + limit, w.value, epoch)) return false;
        get_ += 4;
        w.src = Src::Pushbuf;
    }
    master_.advance_to(master_.local_ps() + kHost1xCyclePs);
    return epoch == epoch_;
}

void Channel::execute(const Word& w) {
    if (w.src == Src::GatherData) return write_method(w.offset, w.value);
    switch (mode_) {
        case Mode::Opcode: return decode(w.value, w.src == Src::Gather);
        case Mode::Incr: {
            uint32_t off = offset_++;
            if (--count_ == 0) mode_ = Mode::Opcode;
            return write_method(off, w.value);
        }
        case Mode::NonIncr:
            if (--count_ == 0) mode_ = Mode::Opcode;
            return write_method(offset_, w.value);
        case Mode::Mask: {
            uint32_t bit = uint32_t(__builtin_ctz(mask_));
            mask_ &= mask_ - 1;
            if (mask_ == 0) mode_ = Mode::Opcode;
            return write_method(offset_ + bit, w.value);
        }
        case Mode::GatherAddr: return start_gather(w.value);
    }
}

void Channel::decode(uint32_t word, bool in_gather) {
    uint32_t op = opcode_of(word);
    ++stats_.opcodes[op];
    switch (op) {
        case uint32_t(Opcode::SetClass): {
            uint32_t cls = setclass_class(word);
            if (cls == HOST1X_CLASS_HOST1X) {
                engine_ = nullptr;
            } else {
                auto it = env_.classes.find(cls);
                if (it == env_.classes.end())
                    return halt(HaltReason::UnknownClass, "SETCLASS to class " + hex(cls) + ", no engine attached");
                engine_ = it->second;
            }
            class_id_ = cls;
            offset_ = op_offset(word);
            mask_ = setclass_mask(word);
            if (mask_) mode_ = Mode::Mask;
            return;
        }
        case uint32_t(Opcode::Incr):
        case uint32_t(Opcode::NonIncr):
            offset_ = op_offset(word);
            count_ = op_count(word);
            if (count_) mode_ = op == uint32_t(Opcode::Incr) ? Mode::Incr : Mode::NonIncr;
            return;
        case uint32_t(Opcode::Mask):
            offset_ = op_offset(word);
            mask_ = op_count(word);
            if (mask_) mode_ = Mode::Mask;
            return;
        case uint32_t(Opcode::Imm): return write_method(op_offset(word), op_count(word));
        case uint32_t(Opcode::Restart):
            if (in_gather) {
                ++stats_.invalid_opcodes;
                return halt(HaltReason::InvalidOpcode, "RESTART inside a gather");
            }
            get_ = restart_address(word);
            pbuf_.len = 0;
            ++stats_.restarts;
            return;
        case uint32_t(Opcode::Gather):
            if (in_gather) return halt(HaltReason::NestedGather, "GATHER inside a gather");
            gather_op_ = word;
            mode_ = Mode::GatherAddr;
            return;
        default:
            ++stats_.invalid_opcodes;
            return halt(HaltReason::InvalidOpcode, "opcode word " + hex(word));
    }
}

void Channel::start_gather(uint32_t addr) {
    mode_ = Mode::Opcode;
    ++stats_.gathers;
    uint32_t n = gather_count(gather_op_);
    if (n == 0) return;
    gather_.active = true;
    gather_.insert = (gather_op_ & HOST1X_OPCODE_GATHER_INSERT) != 0;
    gather_.incr = (gather_op_ & HOST1X_OPCODE_GATHER_TYPE_INCR) != 0;
    gather_.offset = op_offset(gather_op_);
    gather_.addr = addr & ~3u;
    gather_.end = gather_.addr + 4ull * n;
    gbuf_.len = 0;
}

void Channel::write_method(uint32_t offset, uint32_t value) {
    if (!engine_) return host_method(offset, value);
    ++stats_.method_writes;
    Host1xClass* engine = engine_;
    uint64_t epoch = epoch_;
    master_.sync();   // the engine sees simulated time in step
    if (epoch != epoch_) return;   // reset meanwhile: the write is dropped
    writing_ = engine;
    engine->method_write(offset, value);
    writing_ = nullptr;
    // Nothing of the channel's state is touched after the write: a teardown
    // during it has reset that state already.
}

void Channel::host_method(uint32_t offset, uint32_t value) {
    ++stats_.host_methods;
    Syncpoints& sp = env_.syncpoints;
    auto bad_syncpt = [&](uint32_t id) {
        halt(HaltReason::SyncptOutOfRange,
             "syncpoint " + std::to_string(id) + " out of range (" + std::to_string(sp.count()) + ")");
    };
    switch (offset) {
        case HOST1X_UCLASS_INCR_SYNCPT: {
            uint32_t id = value & 0xff;
            if (!sp.valid(id)) return bad_syncpt(id);
            sp.incr(id, local_offset_ps());
            return;
        }
        case HOST1X_UCLASS_WAIT_SYNCPT: {
            uint32_t id = value >> 24;
            if (!sp.valid(id)) return bad_syncpt(id);
            return begin_wait(id, value & 0xffffff, false);
        }
        case HOST1X_UCLASS_WAIT_SYNCPT_BASE: {
            uint32_t id = value >> 24, base = (value >> 16) & 0xff;
            if (!sp.valid(id)) return bad_syncpt(id);
            if (!sp.valid_base(base)) return halt(HaltReason::BaseOutOfRange, "wait base " + std::to_string(base));
            return begin_wait(id, (sp.base(base) + (value & 0xffff)) & 0xffffff, false);
        }
        case HOST1X_UCLASS_LOAD_SYNCPT_BASE: {
            uint32_t base = value >> 24;
            if (!sp.valid_base(base)) return halt(HaltReason::BaseOutOfRange, "wait base " + std::to_string(base));
            sp.load_base(base, value);
            return;
        }
        case HOST1X_UCLASS_LOAD_SYNCPT_PAYLOAD_32: payload_ = value; return;
        case HOST1X_UCLASS_WAIT_SYNCPT_32:
            if (!sp.valid(value)) return bad_syncpt(value);
            return begin_wait(value, payload_, true);
        default: ++stats_.host_methods_ignored; return;
    }
}

void Channel::begin_wait(uint32_t id, uint32_t thresh, bool wide) {
    ++stats_.waits;
    wait_.active = true;
    wait_.wide = wide;
    wait_.id = id;
    wait_.thresh = thresh;
    wait_.since_ps = master_.local_ps();
}

// Blocks until the syncpoint moves or a register write may have stopped or
// torn down the channel; the main loop looks again either way.
void Channel::continue_wait() {
    uint64_t epoch = epoch_;
    master_.sync();
    if (epoch != epoch_ || !runnable()) return;
    const Syncpoints& sp = env_.syncpoints;
    uint32_t v = sp.value(wait_.id);
    if (wait_.wide ? Syncpoints::expired(v, wait_.thresh) : expired24(v, wait_.thresh)) {
        wait_.active = false;
        stats_.wait_ps += soc::now_ps() - wait_.since_ps;
        return;
    }
    wait(sp.event(wait_.id) | ctrl_ev_);
}

}  // namespace socsim::clients
