#include "support/png.h"

#include <array>
#include <cstdlib>
#include <stdexcept>

namespace socsim::test {

namespace {

[[noreturn]] void bad(const char* what) { throw std::runtime_error(std::string("png: ") + what); }

// DEFLATE reads bits least significant first.
class BitReader {
public:
    BitReader(const std::vector<uint8_t>& d, size_t pos) : d_(d), pos_(pos) {}

    uint32_t bits(int n) {
        uint32_t v = buf_;
        while (count_ < n) {
            if (pos_ >= d_.size()) bad("deflate stream ends early");
            v |= uint32_t(d_[pos_++]) << count_;
            count_ += 8;
        }
        buf_ = v >> n;
        count_ -= n;
        return v & ((1u << n) - 1);
    }
    // Stored blocks start at a byte boundary: drop the rest of this byte.
    void align() {
        buf_ = 0;
        count_ = 0;
    }
    uint8_t byte() {
        if (pos_ >= d_.size()) bad("stored block ends early");
        return d_[pos_++];
    }
    size_t pos() const { return pos_; }

private:
    const std::vector<uint8_t>& d_;
    size_t pos_;
    uint32_t buf_ = 0;
    int count_ = 0;
};

// A canonical Huffman code: how many codes of each length, and the symbols
// ordered by (length, value), which is all canonical decoding needs.
struct Huffman {
    std::array<int, 16> count{};
    std::vector<int> symbol;
};

Huffman build(const uint8_t* lengths, int n) {
    Huffman h;
    for (int i = 0; i < n; ++i) ++h.count[lengths[i]];
    h.count[0] = 0;
    int left = 1;
    for (int len = 1; len < 16; ++len) {
        left = left * 2 - h.count[len];
        if (left < 0) bad("over-subscribed Huffman code");
    }
    std::array<int, 16> offset{};
    for (int len = 1; len < 15; ++len) offset[len + 1] = offset[len] + h.count[len];
    h.symbol.assign(n, 0);
    for (int i = 0; i < n; ++i)
        if (lengths[i]) h.symbol[offset[lengths[i]]++] = i;
    return h;
}

// Codes of one length are consecutive integers starting at `first`.
int decode(BitReader& in, const Huffman& h) {
    int code = 0, first = 0, index = 0;
    for (int len = 1; len < 16; ++len) {
        code |= static_cast<int>(in.bits(1));
        int count = h.count[len];
        if (code - first < count) return h.symbol[index + code - first];
        index += count;
        first = (first + count) << 1;
        code <<= 1;
    }
    bad("invalid Huffman code");
}

constexpr int kLengthBase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr int kLengthExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr int kDistBase[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                               193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr int kDistExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

void inflate_codes(BitReader& in, std::vector<uint8_t>& out, const Huffman& lit, const Huffman& dist) {
    for (;;) {
        int sym = decode(in, lit);
        if (sym < 256) {
            out.push_back(static_cast<uint8_t>(sym));
            continue;
        }
        if (sym == 256) return;
        sym -= 257;
        if (sym >= 29) bad("invalid length code");
        size_t len = size_t(kLengthBase[sym]) + in.bits(kLengthExtra[sym]);
        int dsym = decode(in, dist);
        if (dsym >= 30) bad("invalid distance code");
        size_t d = size_t(kDistBase[dsym]) + in.bits(kDistExtra[dsym]);
        if (d > out.size()) bad("distance before the start of the output");
        size_t from = out.size() - d;
        for (size_t i = 0; i < len; ++i) out.push_back(out[from + i]);
    }
}

void fixed_codes(Huffman& lit, Huffman& dist) {
    uint8_t l[288];
    for (int i = 0; i < 288; ++i) l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    lit = build(l, 288);
    uint8_t d[30];
    for (auto& x : d) x = 5;
    dist = build(d, 30);
}

void dynamic_codes(BitReader& in, Huffman& lit, Huffman& dist) {
    static constexpr int kOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    int nlen = static_cast<int>(in.bits(5)) + 257, ndist = static_cast<int>(in.bits(5)) + 1;
    int ncode = static_cast<int>(in.bits(4)) + 4;
    if (nlen > 286 || ndist > 30) bad("too many codes");
    uint8_t lengths[320] = {};
    for (int i = 0; i < ncode; ++i) lengths[kOrder[i]] = static_cast<uint8_t>(in.bits(3));
    Huffman lencode = build(lengths, 19);
    int index = 0;
    while (index < nlen + ndist) {
        int sym = decode(in, lencode);
        if (sym < 16) {
            lengths[index++] = static_cast<uint8_t>(sym);
            continue;
        }
        uint8_t value = 0;
        int repeat;
        if (sym == 16) {
            if (index == 0) bad("repeat with no previous length");
            value = lengths[index - 1];
            repeat = 3 + static_cast<int>(in.bits(2));
        } else if (sym == 17) {
            repeat = 3 + static_cast<int>(in.bits(3));
        } else {
            repeat = 11 + static_cast<int>(in.bits(7));
        }
        if (index + repeat > nlen + ndist) bad("too many code lengths");
        while (repeat--) lengths[index++] = value;
    }
    if (lengths[256] == 0) bad("no end-of-block code");
    lit = build(lengths, nlen);
    dist = build(lengths + nlen, ndist);
}

uint32_t read_be32(const std::string& s, size_t pos) {
    if (pos + 4 > s.size()) bad("truncated");
    auto b = [&](size_t i) { return uint32_t(static_cast<uint8_t>(s[pos + i])); };
    return b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
}

uint8_t paeth(int a, int b, int c) {
    int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    return static_cast<uint8_t>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

}  // namespace

std::vector<uint8_t> zlib_inflate(const std::vector<uint8_t>& z) {
    if (z.size() < 6 || (z[0] & 0x0f) != 8 || ((z[0] << 8) | z[1]) % 31 != 0 || (z[1] & 0x20))
        bad("not a zlib stream");
    BitReader in(z, 2);
    std::vector<uint8_t> out;
    bool last = false;
    while (!last) {
        last = in.bits(1);
        uint32_t type = in.bits(2);
        if (type == 0) {
            in.align();
            uint16_t len = in.byte() | uint16_t(in.byte() << 8);
            uint16_t nlen = in.byte() | uint16_t(in.byte() << 8);
            if (uint16_t(~nlen) != len) bad("stored block length check");
            for (uint16_t i = 0; i < len; ++i) out.push_back(in.byte());
        } else if (type == 1 || type == 2) {
            Huffman lit, dist;
            if (type == 1)
                fixed_codes(lit, dist);
            else
                dynamic_codes(in, lit, dist);
            inflate_codes(in, out, lit, dist);
        } else {
            bad("invalid block type");
        }
    }
    // Adler-32 of the output follows the last block, byte aligned.
    in.align();
    uint32_t want = 0;
    for (int i = 0; i < 4; ++i) want = want << 8 | in.byte();
    uint32_t a = 1, b = 0;
    for (uint8_t c : out) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    if ((b << 16 | a) != want) bad("Adler-32 mismatch");
    return out;
}

Image decode_png(const std::string& s) {
    if (s.size() < 8 || s.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) bad("not a PNG file");
    Image img;
    int channels = 0;
    std::vector<uint8_t> idat;
    for (size_t pos = 8;;) {
        uint32_t len = read_be32(s, pos);
        if (pos + 12 + size_t(len) > s.size()) bad("truncated chunk");
        std::string type = s.substr(pos + 4, 4);
        size_t data = pos + 8;
        if (type == "IHDR") {
            if (len < 13) bad("short IHDR");
            img.width = static_cast<int>(read_be32(s, data));
            img.height = static_cast<int>(read_be32(s, data + 4));
            int depth = static_cast<uint8_t>(s[data + 8]), colour = static_cast<uint8_t>(s[data + 9]);
            if (depth != 8 || (colour != 2 && colour != 6) || s[data + 12] != 0)
                bad("only 8-bit RGB/RGBA, non-interlaced images are supported");
            channels = colour == 2 ? 3 : 4;
            if (img.width <= 0 || img.height <= 0 || double(img.width) * img.height > 1e8) bad("bad dimensions");
        } else if (type == "IDAT") {
            idat.insert(idat.end(), s.begin() + long(data), s.begin() + long(data + len));
        } else if (type == "IEND") {
            break;
        }
        pos = data + len + 4;   // skip the CRC
    }
    if (channels == 0) bad("no IHDR");
    std::vector<uint8_t> raw = zlib_inflate(idat);
    size_t stride = size_t(img.width) * size_t(channels);
    if (raw.size() != size_t(img.height) * (stride + 1)) bad("image data size does not match IHDR");
    std::vector<uint8_t> prev(stride, 0), row(stride);
    img.rgb.resize(size_t(img.width) * size_t(img.height) * 3);
    for (int y = 0; y < img.height; ++y) {
        const uint8_t* in = &raw[size_t(y) * (stride + 1)];
        uint8_t filter = in[0];
        for (size_t i = 0; i < stride; ++i) {
            int a = i >= size_t(channels) ? row[i - size_t(channels)] : 0, b = prev[i],
                c = i >= size_t(channels) ? prev[i - size_t(channels)] : 0;
            int pred = filter == 0 ? 0 : filter == 1 ? a : filter == 2 ? b : filter == 3 ? (a + b) / 2 : filter == 4 ? paeth(a, b, c) : -1;
            if (pred < 0) bad("invalid filter type");
            row[i] = static_cast<uint8_t>(in[1 + i] + pred);
        }
        for (int x = 0; x < img.width; ++x)
            for (int k = 0; k < 3; ++k) img.rgb[(size_t(y) * size_t(img.width) + size_t(x)) * 3 + size_t(k)] = row[size_t(x) * size_t(channels) + size_t(k)];
        prev.swap(row);
    }
    return img;
}

}  // namespace socsim::test
