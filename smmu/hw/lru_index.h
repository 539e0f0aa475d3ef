// The tag store of the SMMU's fully associative caches (TLB, PTC): which
// line holds which key, and the recency order. Victim choice: the first
// free line (lowest index), else the least recently used line. Lookups go
// through a hash of the keys (open addressing, linear probing, at most a
// quarter full), so a hit or a miss costs the same whatever the line count;
// recency is a doubly linked list. The caches keep their payloads in arrays
// indexed by line.
#pragma once

#include <cstdint>
#include <vector>

namespace socsim::smmu {

class LruIndex {
public:
    static constexpr uint32_t kNone = UINT32_MAX;

    explicit LruIndex(uint32_t lines);

    // The line holding `key`, made the most recently used; kNone if none.
    uint32_t find(uint64_t key) {
        for (uint32_t s = slot_of(key);; s = (s + 1) & mask_) {
            uint32_t l = table_[s];
            if (l == kNone) return kNone;
            if (lines_[l].key == key) {
                touch(l);
                return l;
            }
        }
    }
    // A line for `key` (not held): the first free line, else the least
    // recently used one (its key is dropped); made the most recently used.
    uint32_t insert(uint64_t key);
    // Makes a held line the most recently used; returns it.
    uint32_t touch(uint32_t l) {
        if (l != tail_) {
            unlink(l);
            link_tail(l);
        }
        return l;
    }
    // Frees a line.
    void erase(uint32_t line);

    uint32_t lines() const { return uint32_t(lines_.size()); }
    bool valid(uint32_t line) const { return lines_[line].valid; }
    uint64_t key(uint32_t line) const { return lines_[line].key; }
    uint32_t valid_lines() const { return used_; }

private:
    struct Line {
        uint64_t key = 0;
        bool valid = false;
        uint32_t prev = kNone, next = kNone;   // recency list: head_ oldest, tail_ newest
    };
    uint32_t slot_of(uint64_t key) const { return uint32_t((key * 0x9e3779b97f4a7c15ull) >> shift_); }
    void unlink(uint32_t l);
    void link_tail(uint32_t l);
    void table_erase(uint64_t key);

    std::vector<Line> lines_;
    std::vector<uint32_t> table_;   // line index, kNone = empty slot
    uint32_t mask_ = 0;
    int shift_ = 0;
    uint32_t head_ = kNone, tail_ = kNone;
    uint32_t used_ = 0;
};

}  // namespace socsim::smmu
