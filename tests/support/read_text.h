// The whole content of a file, as bytes ("" when it cannot be read).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace socsim::test {

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace socsim::test
