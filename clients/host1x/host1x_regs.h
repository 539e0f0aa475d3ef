// host1x registers, class IDs, host-class methods and command-stream opcodes
// of the generations before HW6 (host1x01/02/04/05), named as Linux names
// them (drivers/gpu/host1x/hw/hw_host1x0N_{channel,sync,uclass}.h and
// host1x01_hardware.h). Pure C++: the driver layer includes it to build
// push buffers, the hardware model to decode them.
//
// Offsets are relative to the host1x aperture. Channel c's registers sit at
// c * Host1xInfo::channel_stride; the sync block at Host1xInfo::sync_offset,
// laid out per generation (SyncLayout below). Left out: HW6+ layouts
// (DMASTART_HI, GATHER_WIDE, RESTART_W, SETSTREAMID, mlock opcodes), the
// sync block's interrupt, mlock and command-FIFO peek registers.
#pragma once

#include <cstdint>
#include <string_view>

namespace socsim::clients::host1x {

// --- channel registers (hw_host1x0N_channel.h; same offsets HW1..HW5) ---
// DMAPUT, DMAGET and DMAEND are byte offsets from DMASTART.
inline constexpr uint32_t HOST1X_CHANNEL_DMASTART = 0x14;
inline constexpr uint32_t HOST1X_CHANNEL_DMAPUT = 0x18;
inline constexpr uint32_t HOST1X_CHANNEL_DMAGET = 0x1c;
inline constexpr uint32_t HOST1X_CHANNEL_DMAEND = 0x20;
inline constexpr uint32_t HOST1X_CHANNEL_DMACTRL = 0x24;
inline constexpr uint32_t HOST1X_CHANNEL_DMACTRL_DMASTOP = 1u << 0;
inline constexpr uint32_t HOST1X_CHANNEL_DMACTRL_DMAGETRST = 1u << 1;
inline constexpr uint32_t HOST1X_CHANNEL_DMACTRL_DMAINITGET = 1u << 2;

// --- sync block (hw_host1x0N_sync.h), offsets from Host1xInfo::sync_offset ---
// SYNCPT(i) = syncpt + 4*i; SYNCPT_CPU_INCR(r) = syncpt_cpu_incr + 4*r is a
// bit mask: bit b increments syncpoint 32*r + b. CMDPROC_STOP and
// CH_TEARDOWN carry one bit per channel.
struct SyncLayout {
    std::string_view generation;
    uint32_t syncpt;
    uint32_t syncpt_cpu_incr;
    uint32_t cmdproc_stop;
    uint32_t ch_teardown;
};

inline constexpr SyncLayout kSyncLayouts[] = {
    {"host1x01", 0x400, 0x700, 0xac, 0xb0},
    {"host1x02", 0x400, 0x700, 0xac, 0xb0},
    {"host1x04", 0xf80, 0xf60, 0xac, 0xb0},
    {"host1x05", 0xf80, 0xf60, 0xac, 0xb0},
};

// nullptr for a generation without a layout here (HW6+).
constexpr const SyncLayout* find_sync_layout(std::string_view generation) {
    for (const SyncLayout& l : kSyncLayouts)
        if (l.generation == generation) return &l;
    return nullptr;
}

// Aperture offsets, given the SoC's Host1xInfo values.
constexpr uint32_t channel_reg(uint32_t channel_stride, uint32_t channel, uint32_t reg) {
    return channel * channel_stride + reg;
}
constexpr uint32_t sync_syncpt(const SyncLayout& l, uint32_t sync_offset, uint32_t id) {
    return sync_offset + l.syncpt + 4 * id;
}
constexpr uint32_t sync_syncpt_cpu_incr(const SyncLayout& l, uint32_t sync_offset, uint32_t reg) {
    return sync_offset + l.syncpt_cpu_incr + 4 * reg;
}

// --- class IDs (include/linux/host1x.h) ---
inline constexpr uint32_t HOST1X_CLASS_HOST1X = 0x01;
inline constexpr uint32_t HOST1X_CLASS_GR2D = 0x51;
inline constexpr uint32_t HOST1X_CLASS_GR2D_SB = 0x52;
inline constexpr uint32_t HOST1X_CLASS_VIC = 0x5d;
inline constexpr uint32_t HOST1X_CLASS_GR3D = 0x60;

// --- host-class methods (hw_host1x0N_uclass.h), word offsets ---
inline constexpr uint32_t HOST1X_UCLASS_INCR_SYNCPT = 0x00;        // (cond << 8) | id
inline constexpr uint32_t HOST1X_UCLASS_WAIT_SYNCPT = 0x08;        // (id << 24) | thresh[23:0]
inline constexpr uint32_t HOST1X_UCLASS_WAIT_SYNCPT_BASE = 0x09;   // (id << 24) | (base << 16) | offset
inline constexpr uint32_t HOST1X_UCLASS_LOAD_SYNCPT_BASE = 0x0b;   // (base << 24) | value[23:0]
inline constexpr uint32_t HOST1X_UCLASS_LOAD_SYNCPT_PAYLOAD_32 = 0x4e;
inline constexpr uint32_t HOST1X_UCLASS_WAIT_SYNCPT_32 = 0x50;     // id; waits for the loaded payload

inline constexpr uint32_t HOST1X_UCLASS_INCR_SYNCPT_COND_IMMEDIATE = 0;
inline constexpr uint32_t HOST1X_UCLASS_INCR_SYNCPT_COND_OP_DONE = 1;

constexpr uint32_t class_host_incr_syncpt(uint32_t cond, uint32_t id) { return ((cond & 0xff) << 8) | (id & 0xff); }
constexpr uint32_t class_host_wait_syncpt(uint32_t id, uint32_t thresh) {
    return ((id & 0xff) << 24) | (thresh & 0xffffff);
}
constexpr uint32_t class_host_wait_syncpt_base(uint32_t id, uint32_t base, uint32_t offset) {
    return ((id & 0xff) << 24) | ((base & 0xff) << 16) | (offset & 0xffff);
}
constexpr uint32_t class_host_load_syncpt_base(uint32_t base, uint32_t value) {
    return ((base & 0xff) << 24) | (value & 0xffffff);
}

// --- command-stream opcodes (host1x01_hardware.h; bits 31:28) ---
enum class Opcode : uint32_t { SetClass = 0, Incr = 1, NonIncr = 2, Mask = 3, Imm = 4, Restart = 5, Gather = 6 };

constexpr uint32_t opcode_setclass(uint32_t class_id, uint32_t offset, uint32_t mask) {
    return (0u << 28) | ((offset & 0xfff) << 16) | ((class_id & 0x3ff) << 6) | (mask & 0x3f);
}
constexpr uint32_t opcode_incr(uint32_t offset, uint32_t count) {
    return (1u << 28) | ((offset & 0xfff) << 16) | (count & 0xffff);
}
constexpr uint32_t opcode_nonincr(uint32_t offset, uint32_t count) {
    return (2u << 28) | ((offset & 0xfff) << 16) | (count & 0xffff);
}
constexpr uint32_t opcode_mask(uint32_t offset, uint32_t mask) {
    return (3u << 28) | ((offset & 0xfff) << 16) | (mask & 0xffff);
}
constexpr uint32_t opcode_imm(uint32_t offset, uint32_t value) {
    return (4u << 28) | ((offset & 0xfff) << 16) | (value & 0xffff);
}
constexpr uint32_t opcode_imm_incr_syncpt(uint32_t cond, uint32_t id) {
    return opcode_imm(HOST1X_UCLASS_INCR_SYNCPT, class_host_incr_syncpt(cond, id));
}
// `address`: byte offset from DMASTART, 16-byte aligned.
constexpr uint32_t opcode_restart(uint32_t address) { return (5u << 28) | (address >> 4); }
// Followed by one address word: `count` words there are executed as commands.
constexpr uint32_t opcode_gather(uint32_t count) { return (6u << 28) | (count & 0x3fff); }
// Insert forms: the `count` gathered words are data for method `offset`
// (all to `offset`, or to offset, offset+1, ...).
inline constexpr uint32_t HOST1X_OPCODE_GATHER_INSERT = 1u << 15;
inline constexpr uint32_t HOST1X_OPCODE_GATHER_TYPE_INCR = 1u << 14;
constexpr uint32_t opcode_gather_nonincr(uint32_t offset, uint32_t count) {
    return (6u << 28) | ((offset & 0xfff) << 16) | HOST1X_OPCODE_GATHER_INSERT | (count & 0x3fff);
}
constexpr uint32_t opcode_gather_incr(uint32_t offset, uint32_t count) {
    return (6u << 28) | ((offset & 0xfff) << 16) | HOST1X_OPCODE_GATHER_INSERT | HOST1X_OPCODE_GATHER_TYPE_INCR |
           (count & 0x3fff);
}
inline constexpr uint32_t HOST1X_OPCODE_NOP = opcode_nonincr(0, 0);

// --- field extraction, for the command processor ---
constexpr uint32_t opcode_of(uint32_t w) { return w >> 28; }
constexpr uint32_t op_offset(uint32_t w) { return (w >> 16) & 0xfff; }      // all but RESTART
constexpr uint32_t op_count(uint32_t w) { return w & 0xffff; }              // INCR, NONINCR; MASK's mask; IMM's value
constexpr uint32_t setclass_class(uint32_t w) { return (w >> 6) & 0x3ff; }
constexpr uint32_t setclass_mask(uint32_t w) { return w & 0x3f; }
constexpr uint32_t restart_address(uint32_t w) { return (w & 0x0fffffff) << 4; }
constexpr uint32_t gather_count(uint32_t w) { return w & 0x3fff; }

}  // namespace socsim::clients::host1x
