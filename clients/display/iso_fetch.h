// One display window's isochronous memory fetch: the request stream a
// window's FIFO pulls from memory to feed the pixel clock, computed
// analytically per request (no process per pixel or per line). The timing
// model is described at the top of clients/display/display_controller.h;
// this file holds its per-window half.
//
// Models: the window's lines walked in order (linear: requests of
// `request_bytes`, naturally aligned, never crossing a line end or a 4 KiB
// page; tiled: 16x16-byte tiles of 256 bytes, tile rows in order, one
// request per tile of tiled_fetch_bytes (dc_mode.h): 16 bytes, one tile
// row, on T30/T114; on T124/T210 one DRAM burst, i.e. that row and the
// next 1 or 3 (the lines of the group after its first issue no requests:
// their rows wait in the line buffer, outside the FIFO accounting, and
// underflow when they arrive after their own line needs them); a request is issued at an explicit
// time (its own issue clock, not the completion of its predecessor), so
// requests pipeline up to the FIFO; each request's deadline is the moment
// the pixel clock needs its first byte; FIFO room is freed as bytes are
// displayed (or, for data that arrives late, when it arrives); underflow
// and FIFO-slack statistics.
// In the fast mode the fetcher issues each request at its issue time and
// reads its completion back, keeping its quantum keeper at the issue clock
// (DmaMaster keeps it at the completion, which would serialise the
// requests); it synchronises before any request that lies beyond the
// current quantum. The requests of one quantum go to the memory controller
// as one batch (soc/tlm/request_batch.h, up to kBatch): their issue times
// depend only on requests a FIFO's length earlier, so they are known before
// any of them completes, and the MC serves them exactly as one call each. In the accurate
// mode each request waits for its issue time in kernel time and is carried
// by one of kAccurateSlots slot threads, so requests still overlap.
// Sampling (trace/sampler.h): besides the run-wide smallest slack, the
// window keeps the smallest slack of the requests that completed since the
// sampler last read it (take_interval_min_fifo_bytes reads and resets it),
// converted to bytes like min_fifo_bytes; the smallest of these over a run
// is min_fifo_bytes. Tracing (set_trace): each underflowed line, at the
// time it is shown.
// Leaves out: the line buffer's size (unknown, tegra-facts §7.7; it is
// assumed to hold the grouped tile rows) and the scaler (windows are fetched at 1:1),
// planar YUV (one plane per window), block-linear layouts, the cursor.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include <systemc>
#include <tlm>
#include <tlm_utils/tlm_quantumkeeper.h>

#include "clients/display/dc_mode.h"
#include "soc/mc/memory_controller.h"
#include "soc/tlm/payload_pool.h"
#include "soc/tlm/request_batch.h"
#include "trace/trace_sink.h"

namespace socsim::clients {

struct DcWindowConfig {
    bool enabled = false;
    uint64_t base = 0;            // device address (IOVA when the DC swgroup translates)
    uint32_t width = 0, height = 0, pitch = 0, bpp = 4;   // pixels, lines, bytes per line, bytes per pixel
    bool tiled = false;           // 16x16-byte tiles, tile rows in order
    uint32_t x = 0, y = 0;        // position on the head's active area
};

struct DcWindowStats {
    uint64_t requests = 0, bytes = 0, faults = 0;   // bytes of requests that completed without a fault
    uint64_t underflow_lines = 0;   // lines with at least one late request (or never fetched), once per line
    uint64_t underflow_frames = 0;  // frames with at least one underflowed line
    // Smallest slack seen: over every completed request, its deadline (the
    // moment its first byte is needed) minus its completion, floored at 0
    // (a late request); min_fifo_bytes is that slack converted to bytes at
    // the window's consumption rate (bpp x pixel clock). Blanking inside
    // the slack counts at that rate too, so with an idle memory system it
    // can exceed the FIFO size (about 18.5 KiB for a 16 KiB FIFO at 1080p).
    // Both 0 before the first request.
    uint64_t min_slack_ps = 0;
    uint64_t min_fifo_bytes = 0;
    uint64_t first_ps = 0, last_ps = 0;   // first issue, last completion
    uint64_t last_issue_ps = 0;
    uint64_t frame_bytes = 0;       // bytes of the head's completed frames (bandwidth numerator)
    uint64_t abandoned_bytes = 0;   // bytes not fetched by the end of their frame (vertical blank or stop)
    uint64_t la_ns = 0;             // the client's latency allowance (la.def x MC tick); 0 = none
};

// One frame of a head as its windows fetch it.
struct IsoFrame {
    uint64_t seq = 0;               // frame number since the model was built
    uint64_t fetch_start_ps = 0;    // the frame's configuration is latched: its fetch may start
    uint64_t frame_start_ps = 0;    // start of active line 0
    uint64_t vblank_ps = 0;         // start of vertical blank: the frame's fetch ends
    DcMode mode;
    std::array<DcWindowConfig, 3> windows;
    uint32_t request_bytes = 64, fifo_bytes = 0;
};

// What a window asks its head (implemented by DisplayController).
class IsoFrameSource {
public:
    // Blocks until a frame numbered `seq` or later is latched, and returns
    // the latest one. The caller has synchronised its local time.
    virtual const IsoFrame& wait_frame(uint64_t seq) = 0;
    // No request may issue at or after this time (UINT64_MAX while the
    // head runs without a pending stop).
    virtual uint64_t stop_ps() const = 0;

protected:
    ~IsoFrameSource() = default;
};

class IsoFetcher : public sc_core::sc_module {
public:
    static constexpr unsigned kAccurateSlots = 16;   // requests in flight per window in the accurate mode
    static constexpr size_t kBatch = 64;             // requests per batch in the fast mode

    SC_HAS_PROCESS(IsoFetcher);
    IsoFetcher(sc_core::sc_module_name name, IsoFrameSource& source, int window,
               tlm::tlm_initiator_socket<32>& socket, uint32_t client_id, uint64_t la_ns, uint32_t tiled_fetch_bytes,
               soc::PayloadPool& pool, soc::TimingMode mode);

    const DcWindowStats& stats() const { return stats_; }
    // Issue time of the latest request (what the window has already done).
    uint64_t issue_clock_ps() const { return stats_.last_issue_ps; }
    // The head completed frame `seq`: its bytes count towards the bandwidth.
    void close_frame(uint64_t seq);
    // The smallest FIFO level (bytes) a request landed with since the last
    // call; nullopt when none landed. Resets the interval.
    std::optional<uint64_t> take_interval_min_fifo_bytes();
    void set_trace(trace::TraceSink* sink, uint32_t head) {
        trace_ = sink;
        head_ = head;
    }
    // No trace event of this window will lie before this time: the start
    // of the frame being fetched (underflowed lines are stamped with when
    // they are shown), else kernel time.
    uint64_t trace_horizon_ps() const;

private:
    struct Entry {                  // one request in the FIFO's byte stream
        uint64_t start, end;        // stream offsets within the frame (the FIFO's bytes)
        uint32_t bytes, rows;       // fetched: `rows` tile rows (1 unless tiled_fetch_bytes > 16)
        uint64_t line_ps;           // one line time: when the next row's pixels are needed
        uint64_t need_first, need_last;   // when its first / last byte is displayed
        uint64_t issue_ps, done_ps; // done_ps = kPending while in flight (accurate mode)
        uint64_t addr;
        uint32_t line;
        bool ok;
    };
    struct Slot {
        Entry* entry = nullptr;
        sc_core::sc_event go;
    };
    static constexpr uint64_t kPending = UINT64_MAX;

    void run();
    void fetch(const IsoFrame& fr);
    void walk(const IsoFrame& fr);   // issues the frame's requests; returns early when the frame is over
    uint64_t released_until(uint64_t stream_offset);
    void wait_done(const Entry& e);
    void dispatch(Entry& e);
    bool transport(uint64_t addr, uint32_t len, sc_core::sc_time& delay);
    void send_batch();   // fast mode: the queued requests, in one transaction
    void slot_thread(Slot& s);
    void complete(Entry& e);
    void mark_underflow(uint32_t line);
    // The rows of a request that arrived after its first row was needed:
    // off complete()'s straight line, which then makes no call.
    [[gnu::cold]] [[gnu::noinline]] void mark_late_rows(const Entry& e);
    static uint64_t fifo_bytes_of(uint64_t slack_ps, uint64_t bytes_per_s);

    IsoFrameSource& source_;
    int window_;
    tlm::tlm_initiator_socket<32>& socket_;
    uint32_t client_id_;
    uint32_t tiled_fetch_;
    soc::PayloadPool& pool_;
    soc::TimingMode mode_;
    tlm_utils::tlm_quantumkeeper keeper_;
    std::vector<Entry*> queued_;            // fast mode: issued, not yet sent
    soc::RequestBatch batch_;
    std::vector<uint8_t> scratch_;          // read data lands here (the model does not display it)

    // the frame being fetched
    IsoFrame frame_;
    uint64_t rate_ = 0;                     // bytes per second its pixels take (bpp x pixel clock)
    uint64_t released_ = 0;
    std::deque<Entry> fifo_;
    std::vector<uint8_t> line_marked_;
    bool frame_underflowed_ = false;
    // Bytes per frame, by frame number parity: the next frame's fetch starts
    // at vertical blank, before the head closes the current frame.
    std::array<uint64_t, 2> slot_seq_{{UINT64_MAX, UINT64_MAX}}, slot_bytes_{{0, 0}};

    // accurate mode
    std::vector<std::unique_ptr<Slot>> slots_;
    std::vector<Slot*> free_slots_;
    unsigned in_flight_ = 0;
    sc_core::sc_event slot_free_, entry_done_;

    DcWindowStats stats_;
    bool have_slack_ = false;
    bool fetching_ = false;
    // the sampling interval's smallest slack
    bool have_interval_ = false;
    uint64_t interval_slack_ps_ = 0, interval_rate_ = 0;
    trace::TraceSink* trace_ = nullptr;
    uint32_t head_ = 0;
};

}  // namespace socsim::clients
