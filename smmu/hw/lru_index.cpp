#include "smmu/hw/lru_index.h"

#include "util/panic.h"

namespace socsim::smmu {

LruIndex::LruIndex(uint32_t lines) : lines_(lines) {
    if (lines == 0) panic("a cache needs at least one line");
    uint32_t size = 4;
    int bits = 2;
    while (size < 4ull * lines) size <<= 1, ++bits;
    table_.assign(size, kNone);
    mask_ = size - 1;
    shift_ = 64 - bits;
}

void LruIndex::unlink(uint32_t l) {
    Line& x = lines_[l];
    (x.prev == kNone ? head_ : lines_[x.prev].next) = x.next;
    (x.next == kNone ? tail_ : lines_[x.next].prev) = x.prev;
    x.prev = x.next = kNone;
}

void LruIndex::link_tail(uint32_t l) {
    Line& x = lines_[l];
    x.prev = tail_;
    x.next = kNone;
    (tail_ == kNone ? head_ : lines_[tail_].next) = l;
    tail_ = l;
}

void LruIndex::table_erase(uint64_t key) {
    uint32_t s = slot_of(key);
    while (lines_[table_[s]].key != key) s = (s + 1) & mask_;
    // Backward-shift deletion: move later entries of the probe run into the
    // hole when their home slot does not lie cyclically in (hole, slot].
    uint32_t hole = s;
    for (uint32_t j = (s + 1) & mask_; table_[j] != kNone; j = (j + 1) & mask_) {
        uint32_t home = slot_of(lines_[table_[j]].key);
        bool stays = hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
        if (stays) continue;
        table_[hole] = table_[j];
        hole = j;
    }
    table_[hole] = kNone;
}

uint32_t LruIndex::insert(uint64_t key) {
    uint32_t l = kNone;
    if (used_ < lines_.size()) {
        for (uint32_t i = 0; i < lines_.size(); ++i)
            if (!lines_[i].valid) {
                l = i;
                break;
            }
        ++used_;
    } else {
        l = head_;
        table_erase(lines_[l].key);
        unlink(l);
    }
    lines_[l].key = key;
    lines_[l].valid = true;
    link_tail(l);
    uint32_t s = slot_of(key);
    while (table_[s] != kNone) s = (s + 1) & mask_;
    table_[s] = l;
    return l;
}

void LruIndex::erase(uint32_t l) {
    if (!lines_[l].valid) return;
    table_erase(lines_[l].key);
    unlink(l);
    lines_[l].valid = false;
    --used_;
}

}  // namespace socsim::smmu
