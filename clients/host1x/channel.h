// One host1x channel: its CDMA (the DMA that fetches the push buffer and
// gathers on the host1x CDMA memory client) and its command processor,
// run by one SC_THREAD.
//
// The push buffer is [DMASTART, DMASTART + DMAEND); GET and PUT are byte
// offsets in it. While DMACTRL.DMASTOP is clear and GET != PUT the channel
// fetches words at DMASTART + GET in requests of up to 64 bytes that never
// cross a 4 KiB page nor go past PUT (nor past DMAEND after a wrap), and
// executes them: SETCLASS, INCR, NONINCR, MASK, IMM, RESTART, GATHER (plain
// and insert forms), host-class methods INCR_SYNCPT, WAIT_SYNCPT,
// WAIT_SYNCPT_BASE, LOAD_SYNCPT_BASE, LOAD_SYNCPT_PAYLOAD_32 and
// WAIT_SYNCPT_32, engine methods through Host1xClass::method_write (with
// simulated time in step). GET counts the words the command processor has
// taken; fetched words not yet taken are dropped (and fetched again) when
// GET is reset, the channel torn down or a RESTART taken.
//
// Decoding costs one host1x cycle per word, kHost1xCyclePs: a socsim
// constant (400 MHz), not a hardware fact. A fetch error (SMMU fault,
// decode error), an opcode or class it does not know, a GATHER or RESTART
// inside a gather, a syncpoint or wait-base id outside the tables, or GET
// reaching DMAEND halts the channel with a reason; the simulation goes on.
// CMDPROC_STOP pauses it before its next word (a pending wait stays
// pending); teardown abandons what it was doing (calling abort() on the
// engine it was writing to), keeps GET, clears a halt, and leaves the
// channel idle until DMACTRL is written with DMASTOP clear.
//
// Left out: the command FIFO and its prefetch depth (fetch overlaps nothing:
// the thread fetches, then decodes), the kernel gather filter, mlocks,
// indirect register access (INDOFF/INDDATA), the syncpoint conditions of
// INCR_SYNCPT (the host class has no pending work: every condition is
// immediate), DMASTOP stopping only the fetch (here it pauses the channel).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include <systemc>
#include <tlm>

#include "clients/dma_master.h"
#include "clients/host1x/host1x_class.h"
#include "clients/host1x/host1x_regs.h"
#include "clients/host1x/syncpoints.h"
#include "soc/mc/memory_controller.h"
#include "soc/tlm/payload_pool.h"
#include "trace/trace_sink.h"

namespace socsim::clients {

inline constexpr uint64_t kHost1xCyclePs = 2500;    // socsim: 400 MHz, one cycle per command word
inline constexpr uint32_t kCdmaFetchBytes = 64;     // socsim: largest CDMA request

enum class HaltReason {
    None,
    FetchFault,         // the MC answered a push-buffer or gather fetch with an error
    InvalidOpcode,      // an opcode the generation does not decode, or RESTART inside a gather
    UnknownClass,       // SETCLASS to a class no engine is attached for
    NestedGather,       // GATHER inside a gather
    SyncptOutOfRange,   // syncpoint id >= Host1xInfo::syncpoints
    BaseOutOfRange,     // wait-base id >= Host1xInfo::bases
    GetPastEnd,         // GET reached DMAEND without a RESTART
};
const char* halt_reason_name(HaltReason r);

struct ChannelStats {
    uint64_t words_fetched = 0;        // words read from memory (push buffer and gathers)
    uint64_t fetch_requests = 0;
    std::array<uint64_t, 16> opcodes{};  // opcode words decoded, by opcode field (host1x::Opcode)
    uint64_t gathers = 0, restarts = 0;
    uint64_t method_writes = 0;        // to engine classes (Host1xClass::method_write)
    uint64_t host_methods = 0;         // to the host class
    uint64_t host_methods_ignored = 0; // host-class methods the model does not implement
    uint64_t waits = 0;                // WAIT_SYNCPT* executed
    uint64_t wait_ps = 0;              // time spent blocked in them (completed waits)
    uint64_t faults = 0;               // fetch errors
    uint64_t invalid_opcodes = 0;
    uint64_t teardowns = 0, halts = 0;
    bool halted = false;
    HaltReason halt_reason = HaltReason::None;   // the last halt (kept after teardown)
    std::string halt_message;
    uint64_t halt_ps = 0;
};

// What a channel uses of its host1x.
struct ChannelEnv {
    Syncpoints& syncpoints;
    const std::map<uint32_t, Host1xClass*>& classes;   // attached engines by class ID
    tlm::tlm_initiator_socket<32>& socket;              // CDMA fetches
    uint32_t client_id;                                 // the CDMA memory client
    soc::PayloadPool& pool;
    soc::TimingMode mode;
};

class Channel : public sc_core::sc_module {
public:
    SC_HAS_PROCESS(Channel);
    Channel(sc_core::sc_module_name name, uint32_t index, const ChannelEnv& env, ChannelStats& stats);

    // --- registers, written by the CPU (delay_ps: its local time offset) ---
    uint32_t dmastart() const { return start_; }
    uint32_t dmaput() const { return put_; }
    uint32_t dmaget() const { return get_; }
    uint32_t dmaend() const { return end_; }
    uint32_t dmactrl() const { return ctrl_; }
    void write_dmastart(uint32_t v, uint64_t delay_ps);
    void write_dmaput(uint32_t v, uint64_t delay_ps);
    void write_dmaend(uint32_t v, uint64_t delay_ps);
    void write_dmactrl(uint32_t v, uint64_t delay_ps);
    void set_cmdproc_stop(bool stop, uint64_t delay_ps);
    bool cmdproc_stopped() const { return cmdproc_stop_; }
    void teardown(uint64_t delay_ps);

    // --- state ---
    uint32_t index() const { return index_; }
    bool halted() const { return halted_; }
    bool waiting() const { return wait_.active; }
    // Nothing it could do now: no word in progress, and stopped, halted,
    // torn down, or GET == PUT with no gather or wait pending.
    bool idle() const { return !busy_ && (!runnable() || !has_work()); }
    // Halts and teardowns go to `sink`.
    void set_trace(trace::TraceSink* sink) { trace_ = sink; }

private:
    enum class Mode { Opcode, Incr, NonIncr, Mask, GatherAddr };
    enum class Src { Pushbuf, Gather, GatherData };
    struct Word {
        uint32_t value = 0;
        Src src = Src::Pushbuf;
        uint32_t offset = 0;   // method of an insert-gather data word
    };
    struct FetchBuf {
        uint64_t addr = 0;
        uint32_t len = 0;
        std::array<uint8_t, kCdmaFetchBytes> data{};
    };
    struct Gather {
        bool active = false, insert = false, incr = false;
        uint64_t addr = 0, end = 0;
        uint32_t offset = 0;
    };
    struct Wait {
        bool active = false, wide = false;
        uint32_t id = 0, thresh = 0;
        uint64_t since_ps = 0;
    };

    void run();
    bool runnable() const {
        return !halted_ && !(ctrl_ & host1x::HOST1X_CHANNEL_DMACTRL_DMASTOP) && !cmdproc_stop_ && !torn_down_;
    }
    bool has_work() const { return wait_.active || gather_.active || get_ != put_; }
    bool next_word(Word& w);
    bool read_word(FetchBuf& b, uint64_t addr, uint64_t limit, uint32_t& out, uint64_t epoch);
    void execute(const Word& w);
    void decode(uint32_t word, bool in_gather);
    void start_gather(uint32_t addr);
    void write_method(uint32_t offset, uint32_t value);
    void host_method(uint32_t offset, uint32_t value);
    void begin_wait(uint32_t id, uint32_t thresh, bool wide);
    void continue_wait();
    void halt(HaltReason r, const std::string& what);
    void reset_decode();
    uint64_t local_offset_ps() const { return master_.local_ps() - soc::now_ps(); }

    uint32_t index_;
    ChannelEnv env_;
    ChannelStats& stats_;
    DmaMaster master_;
    sc_core::sc_event ctrl_ev_;     // a register write that may let the channel run

    uint32_t start_ = 0, put_ = 0, get_ = 0, end_ = 0;
    uint32_t ctrl_ = host1x::HOST1X_CHANNEL_DMACTRL_DMASTOP;   // reset value
    bool cmdproc_stop_ = false, torn_down_ = false, halted_ = false;
    bool busy_ = false;             // between taking a word and finishing it
    uint64_t epoch_ = 0;            // bumped when GET or the stream is reset: in-flight words are stale

    Mode mode_ = Mode::Opcode;
    uint32_t class_id_ = 0;
    Host1xClass* engine_ = nullptr; // null: the host class
    Host1xClass* writing_ = nullptr;
    uint32_t offset_ = 0, count_ = 0, mask_ = 0;
    uint32_t gather_op_ = 0;
    uint32_t payload_ = 0;
    Gather gather_;
    Wait wait_;
    FetchBuf pbuf_, gbuf_;
    trace::TraceSink* trace_ = nullptr;
};

}  // namespace socsim::clients
