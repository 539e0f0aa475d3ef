// Victim choice shared by the SMMU's fully associative caches (TLB, PTC):
// the first invalid line, else the least recently used (smallest stamp).
#pragma once

#include <cstddef>
#include <vector>

namespace socsim::smmu {

template <class Line>
size_t lru_victim(const std::vector<Line>& lines) {
    size_t victim = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (!lines[i].valid) return i;
        if (lines[i].stamp < lines[victim].stamp) victim = i;
    }
    return victim;
}

}  // namespace socsim::smmu
