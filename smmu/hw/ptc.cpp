#include "smmu/hw/ptc.h"

#include <cstring>

#include "util/panic.h"

namespace socsim::smmu {

Ptc::Ptc(uint32_t lines, uint32_t atom_size)
    : atom_(atom_size), atom_shift_(__builtin_ctz(atom_size ? atom_size : 1)), index_(lines), data_(size_t(lines) * atom_size) {
    if (atom_size < 4 || (atom_size & (atom_size - 1)) != 0)
        panic("a PTC needs a power-of-two atom of at least 4 bytes");
}

bool Ptc::lookup(uint64_t pa, uint32_t& word) {
    uint32_t l = index_.find(pa >> atom_shift_);
    if (l == LruIndex::kNone) return false;
    std::memcpy(&word, &data_[(size_t(l) << atom_shift_) + (pa & (atom_ - 1))], 4);
    return true;
}

void Ptc::insert(uint64_t line_pa, const uint8_t* data) {
    uint32_t l = index_.insert(line_pa >> atom_shift_);
    std::memcpy(&data_[size_t(l) << atom_shift_], data, atom_);
}

uint32_t Ptc::flush(const PtcFlush& f) {
    uint32_t removed = 0;
    for (uint32_t l = 0; l < index_.lines(); ++l) {
        if (index_.valid(l) && (f.all || index_.key(l) == f.address >> atom_shift_)) {
            index_.erase(l);
            ++removed;
        }
    }
    return removed;
}

}  // namespace socsim::smmu
