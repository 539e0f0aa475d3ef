#include "clients/drivers/iova_allocator.h"

namespace socsim::drivers {

namespace {
uint64_t round_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }
}  // namespace

IovaAllocator::IovaAllocator(uint64_t start, uint64_t end) : start_(start), end_(end) {
    if (end >= start) free_[start] = end - start + 1;
}

std::optional<uint64_t> IovaAllocator::alloc(uint64_t size, uint64_t align) {
    if (size == 0) return std::nullopt;
    size = round_up(size, kKernelPage);
    if (align < kKernelPage) align = kKernelPage;
    for (auto it = free_.begin(); it != free_.end(); ++it) {
        uint64_t base = it->first, len = it->second;
        uint64_t at = round_up(base, align);
        if (at < base || at - base >= len || len - (at - base) < size) continue;
        uint64_t tail = len - (at - base) - size;
        free_.erase(it);
        if (at > base) free_[base] = at - base;
        if (tail) free_[at + size] = tail;
        used_[at] = size;
        allocated_ += size;
        return at;
    }
    return std::nullopt;
}

std::optional<uint64_t> IovaAllocator::alloc_top(uint64_t size) {
    if (size == 0) return std::nullopt;
    size = round_up(size, kKernelPage);
    for (auto it = free_.rbegin(); it != free_.rend(); ++it) {
        uint64_t base = it->first, len = it->second;
        if (len < size) continue;
        uint64_t at = base + len - size;
        if (at == base) free_.erase(base);
        else it->second = len - size;
        used_[at] = size;
        allocated_ += size;
        return at;
    }
    return std::nullopt;
}

bool IovaAllocator::free(uint64_t iova) {
    auto u = used_.find(iova);
    if (u == used_.end()) return false;
    uint64_t base = iova, len = u->second;
    used_.erase(u);
    allocated_ -= len;
    auto next = free_.lower_bound(base);
    if (next != free_.end() && base + len == next->first) {
        len += next->second;
        next = free_.erase(next);
    }
    if (next != free_.begin()) {
        auto prev = std::prev(next);
        if (prev->first + prev->second == base) {
            prev->second += len;
            return true;
        }
    }
    free_[base] = len;
    return true;
}

}  // namespace socsim::drivers
