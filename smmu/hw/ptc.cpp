#include "smmu/hw/ptc.h"

#include <cstring>

#include "smmu/hw/lru.h"
#include "util/panic.h"

namespace socsim::smmu {

Ptc::Ptc(uint32_t lines, uint32_t atom_size) : atom_(atom_size), tags_(lines), data_(size_t(lines) * atom_size) {
    if (lines == 0 || atom_size < 4 || (atom_size & (atom_size - 1)) != 0)
        panic("a PTC needs lines and a power-of-two atom of at least 4 bytes");
}

bool Ptc::lookup(uint64_t pa, uint32_t& word) {
    uint64_t line = pa / atom_;
    for (size_t i = 0; i < tags_.size(); ++i) {
        Tag& t = tags_[i];
        if (t.valid && t.line == line) {
            t.stamp = ++clock_;
            std::memcpy(&word, &data_[i * atom_ + (pa % atom_)], 4);
            return true;
        }
    }
    return false;
}

void Ptc::insert(uint64_t line_pa, const uint8_t* data) {
    size_t victim = lru_victim(tags_);
    tags_[victim] = Tag{true, line_pa / atom_, ++clock_};
    std::memcpy(&data_[victim * atom_], data, atom_);
}

uint32_t Ptc::flush(const PtcFlush& f) {
    uint32_t removed = 0;
    for (Tag& t : tags_) {
        if (t.valid && (f.all || t.line == f.address / atom_)) {
            t.valid = false;
            ++removed;
        }
    }
    return removed;
}

}  // namespace socsim::smmu
