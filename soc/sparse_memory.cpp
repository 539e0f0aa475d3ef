#include "soc/sparse_memory.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "util/panic.h"

namespace socsim::soc {

void SparseMemory::outside(uint64_t pa, uint64_t len) const {
    panic("DRAM access outside [" + std::to_string(base_) + ", +" + std::to_string(size_) +
              "): pa " + std::to_string(pa) + " len " + std::to_string(len));
}

uint8_t* SparseMemory::page_for_write(uint64_t index) {
    Cached& c = cache_[index % kCached];
    if (c.index == index) return c.page;
    auto& page = pages_[index];
    if (!page) page = std::make_unique<uint8_t[]>(kPageSize);  // value-initialised: zero
    c = Cached{index, page.get()};
    return c.page;
}

const uint8_t* SparseMemory::page_for_read(uint64_t index) const {
    Cached& c = cache_[index % kCached];
    if (c.index == index) return c.page;
    auto it = pages_.find(index);
    if (it == pages_.end()) return nullptr;   // not resident: not remembered
    c = Cached{index, it->second.get()};
    return c.page;
}

void SparseMemory::read_pages(uint64_t pa, void* out, uint64_t len) const {
    check(pa, len);
    auto* dst = static_cast<uint8_t*>(out);
    while (len > 0) {
        uint64_t off = (pa - base_) % kPageSize;
        uint64_t n = std::min(len, kPageSize - off);
        const uint8_t* page = page_for_read((pa - base_) / kPageSize);
        if (page) std::memcpy(dst, page + off, n);
        else std::memset(dst, 0, n);
        pa += n, dst += n, len -= n;
    }
}

void SparseMemory::write_pages(uint64_t pa, const void* data, uint64_t len) {
    check(pa, len);
    auto* src = static_cast<const uint8_t*>(data);
    while (len > 0) {
        uint64_t off = (pa - base_) % kPageSize;
        uint64_t n = std::min(len, kPageSize - off);
        std::memcpy(page_for_write((pa - base_) / kPageSize) + off, src, n);
        pa += n, src += n, len -= n;
    }
}

void SparseMemory::fill(uint64_t pa, uint8_t byte, uint64_t len) {
    check(pa, len);
    while (len > 0) {
        uint64_t off = (pa - base_) % kPageSize;
        uint64_t n = std::min(len, kPageSize - off);
        uint64_t index = (pa - base_) / kPageSize;
        // Zeroing an untouched page keeps it untouched.
        if (byte != 0 || page_for_read(index)) std::memset(page_for_write(index) + off, byte, n);
        pa += n, len -= n;
    }
}

uint32_t SparseMemory::read32(uint64_t pa) const {
    uint8_t b[4];
    read(pa, b, 4);
    return uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
}

void SparseMemory::write32(uint64_t pa, uint32_t value) {
    uint8_t b[4] = {uint8_t(value), uint8_t(value >> 8), uint8_t(value >> 16), uint8_t(value >> 24)};
    write(pa, b, 4);
}

}  // namespace socsim::soc
