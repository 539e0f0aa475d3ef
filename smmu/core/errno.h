// Kernel-style results: 0 or a negative errno, named as scenarios write them.
#pragma once

#include <optional>
#include <string_view>

namespace socsim::iommu {

enum : int {
    kOk = 0,
    kEPERM = -1,
    kENOENT = -2,
    kEAGAIN = -11,
    kENOMEM = -12,
    kEBUSY = -16,
    kENODEV = -19,
    kEINVAL = -22,
    kENOSPC = -28,
    kEOPNOTSUPP = -95,
    kETIMEDOUT = -110,
};

// "ok", "EBUSY", ...; "E?" for an unknown value.
std::string_view errno_name(int rc);
// Inverse of errno_name; nullopt for unknown names.
std::optional<int> errno_from_name(std::string_view name);

}  // namespace socsim::iommu
