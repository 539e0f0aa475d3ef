#include "smmu/core/errno.h"

namespace socsim::iommu {

namespace {
struct Named {
    int rc;
    std::string_view name;
};
constexpr Named kNames[] = {{kOk, "ok"},         {kEPERM, "EPERM"},   {kENOENT, "ENOENT"},
                            {kENOMEM, "ENOMEM"}, {kEBUSY, "EBUSY"},   {kENODEV, "ENODEV"},
                            {kEINVAL, "EINVAL"}, {kENOSPC, "ENOSPC"}, {kEOPNOTSUPP, "EOPNOTSUPP"},
                            {kEAGAIN, "EAGAIN"}, {kETIMEDOUT, "ETIMEDOUT"}};
}  // namespace

std::string_view errno_name(int rc) {
    for (const auto& n : kNames)
        if (n.rc == rc) return n.name;
    return "E?";
}

std::optional<int> errno_from_name(std::string_view name) {
    for (const auto& n : kNames)
        if (n.name == name) return n.rc;
    return std::nullopt;
}

}  // namespace socsim::iommu
