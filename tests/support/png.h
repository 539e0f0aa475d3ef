// A minimal PNG reader for tests that look at screenshots: 8-bit RGB or
// RGBA, not interlaced (what headless Chromium writes), inflated by a small
// DEFLATE decoder (RFC 1950/1951) so no image library is needed. Anything
// else, or a damaged file, throws std::runtime_error.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace socsim::test {

struct Image {
    int width = 0, height = 0;
    std::vector<uint8_t> rgb;   // 3 bytes per pixel, rows top to bottom

    const uint8_t* pixel(int x, int y) const { return &rgb[(size_t(y) * size_t(width) + size_t(x)) * 3]; }
};

// The zlib stream's inflated bytes.
std::vector<uint8_t> zlib_inflate(const std::vector<uint8_t>& stream);

Image decode_png(const std::string& file_bytes);

}  // namespace socsim::test
