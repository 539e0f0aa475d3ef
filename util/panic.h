// A socsim bug (not bad input, not a run-time fault): say what broke and
// abort, so that it cannot pass unnoticed (STYLE.md: three kinds of error).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace socsim {

[[noreturn]] inline void panic(const std::string& what) {
    std::fprintf(stderr, "socsim: internal error: %s\n", what.c_str());
    std::abort();
}

}  // namespace socsim
