#include "clients/display/iso_fetch.h"

#include <algorithm>

#include "soc/dram.h"
#include "soc/tlm/mc_client.h"
#include "soc/tlm/request.h"

namespace socsim::clients {

namespace {

constexpr uint32_t kTileRowBytes = 16;   // a tile is 16 bytes wide and 16 lines high
constexpr uint32_t kTileLines = 16;
constexpr uint32_t kTileBytes = kTileRowBytes * kTileLines;
constexpr uint32_t kMaxRequest = 4096;   // requests never cross a 4 KiB page

uint64_t at_least(uint64_t a, uint64_t b) { return a > b ? a : b; }

}  // namespace

IsoFetcher::IsoFetcher(sc_core::sc_module_name name, IsoFrameSource& source, int window,
                       tlm::tlm_initiator_socket<32>& socket, uint32_t client_id, uint64_t la_ns,
                       uint32_t tiled_fetch_bytes, soc::PayloadPool& pool, soc::TimingMode mode)
    : sc_module(name), source_(source), window_(window), socket_(socket), client_id_(client_id),
      tiled_fetch_(tiled_fetch_bytes), pool_(pool), mode_(mode), scratch_(kMaxRequest) {
    stats_.la_ns = la_ns;
    SC_THREAD(run);
    if (mode_ == soc::TimingMode::Accurate) {
        for (unsigned i = 0; i < kAccurateSlots; ++i) {
            slots_.push_back(std::make_unique<Slot>());
            Slot* s = slots_.back().get();
            free_slots_.push_back(s);
            sc_core::sc_spawn([this, s] { slot_thread(*s); }, sc_core::sc_gen_unique_name("slot"));
        }
    }
}

void IsoFetcher::close_frame(uint64_t seq) {
    size_t slot = seq & 1;
    if (slot_seq_[slot] != seq) return;   // the window was off in that frame
    stats_.frame_bytes += slot_bytes_[slot];
    slot_seq_[slot] = UINT64_MAX;
}

void IsoFetcher::run() {
    uint64_t next = 0;
    for (;;) {
        send_batch();
        keeper_.sync();   // the head latches frames in kernel time
        IsoFrame fr = source_.wait_frame(next);
        next = fr.seq + 1;
        keeper_.reset();
        if (fr.windows[window_].enabled) fetch(fr);
    }
}

void IsoFetcher::fetch(const IsoFrame& fr) {
    const DcWindowConfig& w = fr.windows[window_];
    slot_seq_[fr.seq & 1] = fr.seq;
    slot_bytes_[fr.seq & 1] = 0;
    frame_ = fr;
    rate_ = uint64_t(w.bpp) * fr.mode.pixel_clock_hz;
    line_marked_.assign(w.height, 0);
    frame_underflowed_ = false;
    fifo_.clear();
    released_ = 0;
    fetching_ = true;
    walk(fr);
    while (in_flight_ > 0) wait(entry_done_);   // accurate mode: the frame's requests land
    fetching_ = false;
}

std::optional<uint64_t> IsoFetcher::take_interval_min_fifo_bytes() {
    if (!have_interval_) return std::nullopt;
    have_interval_ = false;
    return fifo_bytes_of(interval_slack_ps_, interval_rate_);
}

uint64_t IsoFetcher::trace_horizon_ps() const {
    uint64_t now = soc::now_ps();
    return fetching_ && frame_.frame_start_ps < now ? frame_.frame_start_ps : now;
}

uint64_t IsoFetcher::fifo_bytes_of(uint64_t slack_ps, uint64_t bytes_per_s) {
    return uint64_t((unsigned __int128)slack_ps * bytes_per_s / 1'000'000'000'000ull);
}

void IsoFetcher::walk(const IsoFrame& fr) {
    const DcWindowConfig& w = fr.windows[window_];
    const DcMode& m = fr.mode;
    const uint64_t line_bytes = uint64_t(w.width) * w.bpp;
    const uint32_t req = w.tiled ? kTileRowBytes : fr.request_bytes;
    const uint64_t fifo = fr.fifo_bytes;
    const uint32_t group = w.tiled ? tiled_fetch_ / kTileRowBytes : 1;   // tile rows per request
    const uint64_t line_ps = m.pixels_ps(m.htotal);
    uint64_t issue = at_least(fr.fetch_start_ps, soc::now_ps());
    uint64_t pos = 0;       // byte offset in the frame's stream (window lines in order)
    uint64_t fetched = 0;   // bytes requested so far
    // When display pixel `px` of the frame (counted from active line 0) is shown.
    auto shown = [&](uint64_t px) { return fr.frame_start_ps + m.pixels_ps(px); };
    auto first_pixel = [&](uint32_t line) { return uint64_t(w.y + line) * m.htotal + w.x; };

    for (uint32_t line = 0; line < w.height; ++line) {
        if (line % group != 0) continue;   // its rows came with the group's first line
        const uint32_t rows = std::min(group, w.height - line);
        const DcMode::PixelTimes line_px(m, first_pixel(line));
        uint64_t line_addr = w.tiled ? w.base + uint64_t(line / kTileLines) * w.pitch * kTileLines +
                                           uint64_t(line % kTileLines) * kTileRowBytes
                                     : w.base + uint64_t(line) * w.pitch;
        for (uint64_t o = 0; o < line_bytes;) {
            Entry e{};
            uint64_t len;
            if (w.tiled) {   // 16 bytes of this line from each tile along the tile row
                e.addr = line_addr + (o / kTileRowBytes) * kTileBytes;
                len = std::min<uint64_t>(kTileRowBytes, line_bytes - o);
            } else {         // naturally aligned requests never cross a 4 KiB page
                e.addr = line_addr + o;
                len = std::min<uint64_t>(req - e.addr % req, line_bytes - o);
            }
            e.start = pos;
            e.end = pos + len;
            e.rows = rows;
            e.bytes = uint32_t((rows - 1) * kTileRowBytes + len);   // rows after the first are 16 bytes apart
            e.line_ps = line_ps;
            e.need_first = fr.frame_start_ps + line_px.at(o / w.bpp);
            e.need_last = fr.frame_start_ps + line_px.at((o + len - 1) / w.bpp);
            e.line = line;
            // FIFO room: every byte up to (this request's end - FIFO size) has left the FIFO.
            if (e.end > fifo) issue = at_least(issue, released_until(e.end - fifo));
            issue = at_least(issue, soc::now_ps());
            uint64_t end_ps = std::min(fr.vblank_ps, source_.stop_ps());
            if (issue >= end_ps) {
                // Frame over (vertical blank) or scanout stopped: what was
                // not fetched by then and was due before then is lost.
                stats_.abandoned_bytes += line_bytes * w.height - fetched;
                if (e.need_first < end_ps) mark_underflow(line);
                for (uint32_t l = line + 1; l < w.height && shown(first_pixel(l)) < end_ps; ++l) mark_underflow(l);
                return;
            }
            e.issue_ps = issue;
            e.done_ps = kPending;
            fifo_.push_back(e);
            dispatch(fifo_.back());
            pos += len;
            fetched += uint64_t(rows) * len;
            o += len;
        }
    }
}

uint64_t IsoFetcher::released_until(uint64_t x) {
    // A byte leaves the FIFO when it is displayed, or when it arrives if it
    // arrives after that (late data is dropped on arrival); bytes of a
    // faulting request leave when they would have been displayed.
    auto leaves = [](const Entry& e, uint64_t need) { return e.ok ? at_least(need, e.done_ps) : need; };
    while (!fifo_.empty() && fifo_.front().end <= x) {
        const Entry& e = fifo_.front();
        wait_done(e);
        released_ = at_least(released_, leaves(e, e.need_last));
        fifo_.pop_front();
    }
    uint64_t r = released_;
    if (!fifo_.empty() && fifo_.front().start < x) {   // part of the oldest request must have left
        const Entry& e = fifo_.front();
        wait_done(e);
        uint64_t span = e.end - 1 - e.start;
        uint64_t need = span ? e.need_first + (e.need_last - e.need_first) * (x - 1 - e.start) / span : e.need_first;
        r = at_least(r, leaves(e, need));
    }
    return r;
}

void IsoFetcher::wait_done(const Entry& e) {
    if (e.done_ps == kPending && mode_ == soc::TimingMode::Fast) send_batch();
    while (e.done_ps == kPending) wait(entry_done_);
}

bool IsoFetcher::transport(uint64_t addr, uint32_t len, sc_core::sc_time& delay) {
    tlm::tlm_generic_payload* p = pool_.acquire();
    soc::McClientExtension* ext = nullptr;
    p->get_extension(ext);
    if (!ext) p->set_extension(ext = new soc::McClientExtension());
    ext->client_id = client_id_;
    soc::set_request(*p, tlm::TLM_READ_COMMAND, addr, scratch_.data(), len);
    socket_->b_transport(*p, delay);
    bool ok = !p->is_response_error();
    p->release();
    return ok;
}

void IsoFetcher::dispatch(Entry& e) {
    if (mode_ == soc::TimingMode::Accurate) {
        uint64_t now = soc::now_ps();
        if (e.issue_ps > now) wait(soc::from_ps(e.issue_ps - now));
        while (free_slots_.empty()) wait(slot_free_);
        e.issue_ps = soc::now_ps();
    }
    ++stats_.requests;
    if (stats_.requests == 1) stats_.first_ps = e.issue_ps;
    stats_.last_issue_ps = e.issue_ps;
    if (mode_ == soc::TimingMode::Accurate) {
        Slot* s = free_slots_.back();
        free_slots_.pop_back();
        s->entry = &e;
        ++in_flight_;
        s->go.notify();
        return;
    }
    // Fast mode: the request goes out at its issue time (local offset) and
    // its completion says when its data is back; the keeper stays at the
    // issue clock so that the next request can overlap this one.
    // A request beyond the current quantum waits for kernel time first: the
    // quantum bounds how far this window runs ahead of the other initiators
    // and of the head, which latches frames and stops in kernel time.
    keeper_.set(soc::from_ps(e.issue_ps - soc::now_ps()));
    if (keeper_.need_sync()) {
        send_batch();
        keeper_.sync();
    }
    queued_.push_back(&e);
    if (queued_.size() == kBatch) send_batch();
}

void IsoFetcher::send_batch() {
    if (queued_.empty()) return;
    batch_.items.resize(queued_.size());
    for (size_t i = 0; i < queued_.size(); ++i) {
        soc::RequestBatch::Item& it = batch_.items[i];
        it.address = queued_[i]->addr;
        it.data = scratch_.data();
        it.length = queued_[i]->bytes;
        it.issue_ps = queued_[i]->issue_ps;
    }
    tlm::tlm_generic_payload* p = pool_.acquire();
    soc::McClientExtension* ext = nullptr;
    p->get_extension(ext);
    if (!ext) p->set_extension(ext = new soc::McClientExtension());
    ext->client_id = client_id_;
    soc::set_request(*p, tlm::TLM_READ_COMMAND, batch_.items[0].address, nullptr, 0);
    p->set_extension(&batch_);
    sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
    socket_->b_transport(*p, delay);
    p->clear_extension(&batch_);
    p->release();
    for (size_t i = 0; i < queued_.size(); ++i) {
        Entry& e = *queued_[i];
        e.ok = batch_.items[i].status == tlm::TLM_OK_RESPONSE;
        e.done_ps = batch_.items[i].done_ps;
        complete(e);
    }
    queued_.clear();
}

void IsoFetcher::slot_thread(Slot& s) {
    for (;;) {
        wait(s.go);
        Entry& e = *s.entry;
        sc_core::sc_time delay = sc_core::SC_ZERO_TIME;
        e.ok = transport(e.addr, e.bytes, delay);
        if (delay != sc_core::SC_ZERO_TIME) wait(delay);
        e.done_ps = soc::now_ps();
        complete(e);
        --in_flight_;
        free_slots_.push_back(&s);
        slot_free_.notify();
        entry_done_.notify();
    }
}

void IsoFetcher::complete(Entry& e) {
    if (!e.ok) {   // no data: counted as a fault, not as an underflow
        ++stats_.faults;
        return;
    }
    stats_.bytes += e.bytes;
    slot_bytes_[frame_.seq & 1] += e.bytes;
    stats_.last_ps = at_least(stats_.last_ps, e.done_ps);
    uint64_t slack = e.done_ps > e.need_first ? 0 : e.need_first - e.done_ps;
    if (e.done_ps > e.need_first) mark_late_rows(e);   // else every row is in time
    if (!have_slack_ || slack < stats_.min_slack_ps) {
        stats_.min_slack_ps = slack;
        stats_.min_fifo_bytes = fifo_bytes_of(slack, rate_);
    }
    have_slack_ = true;
    if (!have_interval_ || slack < interval_slack_ps_) {   // converted when the sampler reads it
        interval_slack_ps_ = slack;
        interval_rate_ = rate_;
    }
    have_interval_ = true;
}

void IsoFetcher::mark_late_rows(const Entry& e) {
    for (uint32_t r = 0; r < e.rows; ++r)
        if (e.done_ps > e.need_first + r * e.line_ps) mark_underflow(e.line + r);
}

void IsoFetcher::mark_underflow(uint32_t line) {
    if (line_marked_[line]) return;
    line_marked_[line] = 1;
    ++stats_.underflow_lines;
    if (!frame_underflowed_) {
        frame_underflowed_ = true;
        ++stats_.underflow_frames;
    }
    if (trace::on(trace_)) {
        const DcMode& m = frame_.mode;
        uint64_t y = frame_.windows[window_].y + line;
        trace_->dc_underflow(head_, window_, frame_.seq, line, frame_.frame_start_ps + m.pixels_ps(y * m.htotal),
                             frame_.frame_start_ps + m.pixels_ps((y + 1) * m.htotal));
    }
}

}  // namespace socsim::clients
