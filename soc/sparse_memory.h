// Backing store of simulated DRAM: [base, base+size), zero at start, host
// memory allocated per 4 KiB page on first write, so a 2 GiB DRAM costs only
// what is touched. Pure storage: timing belongs to the DRAM model. Callers
// check ranges first (contains); an access outside is a socsim bug.
// Resident pages are remembered in a small direct-mapped cache of page
// pointers: DMA walks pages sequentially and page-table walks revisit a
// few table pages, so most accesses skip the page map's hash lookup.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <unordered_map>

namespace socsim::soc {

class SparseMemory {
public:
    static constexpr uint64_t kPageSize = 4096;

    SparseMemory(uint64_t base, uint64_t size) : base_(base), size_(size) {}

    uint64_t base() const { return base_; }
    uint64_t size() const { return size_; }
    bool contains(uint64_t pa, uint64_t len) const {
        return pa >= base_ && len <= size_ && pa - base_ <= size_ - len;
    }

    void read(uint64_t pa, void* out, uint64_t len) const {
        uint64_t off = pa - base_;
        const Cached& c = cache_[(off / kPageSize) % kCached];
        if (c.index == off / kPageSize && off % kPageSize + len <= kPageSize && contains(pa, len))
            std::memcpy(out, c.page + off % kPageSize, len);
        else read_pages(pa, out, len);
    }
    void write(uint64_t pa, const void* data, uint64_t len) {
        uint64_t off = pa - base_;
        const Cached& c = cache_[(off / kPageSize) % kCached];
        if (c.index == off / kPageSize && off % kPageSize + len <= kPageSize && contains(pa, len))
            std::memcpy(c.page + off % kPageSize, data, len);
        else write_pages(pa, data, len);
    }
    void fill(uint64_t pa, uint8_t byte, uint64_t len);
    uint32_t read32(uint64_t pa) const;     // little-endian, as the CPU and SMMU see it
    void write32(uint64_t pa, uint32_t value);
    size_t resident_pages() const { return pages_.size(); }

private:
    void read_pages(uint64_t pa, void* out, uint64_t len) const;
    void write_pages(uint64_t pa, const void* data, uint64_t len);
    uint8_t* page_for_write(uint64_t page_index);
    const uint8_t* page_for_read(uint64_t page_index) const;
    void check(uint64_t pa, uint64_t len) const {
        if (!contains(pa, len)) outside(pa, len);
    }
    [[noreturn]] [[gnu::cold]] void outside(uint64_t pa, uint64_t len) const;

    uint64_t base_;
    uint64_t size_;
    std::unordered_map<uint64_t, std::unique_ptr<uint8_t[]>> pages_;
    // Resident pages by page index modulo kCached (pages are never freed).
    static constexpr size_t kCached = 64;
    struct Cached {
        uint64_t index = UINT64_MAX;
        uint8_t* page = nullptr;
    };
    mutable std::array<Cached, kCached> cache_{};
};

}  // namespace socsim::soc
