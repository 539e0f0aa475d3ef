#pragma once

namespace socsim::app {
inline constexpr const char* kVersion = "0.1.0";
}
