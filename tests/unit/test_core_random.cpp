// [unit] Model-based test of the IOMMU core on the tegra-smmu driver:
// seeded random operation sequences per policy (support/core_ops.h, the
// same operations the driver-ops fuzzer decodes from its input), with all
// seven invariants of SEMANTICS.md (support/core_invariants.h) checked
// after every step, on the hardware state the driver wrote (registers,
// PD/PT in DRAM).
#include <catch2/catch.hpp>

#include <random>

#include "support/core_ops.h"

using namespace socsim;
using namespace socsim::iommu;

namespace {

void run_sequences(PolicyKind policy, int sequences, int steps, test::OpStats& total) {
    for (int seq = 0; seq < sequences; ++seq) {
        std::mt19937 rng(static_cast<unsigned>(seq) * 2654435761u + static_cast<unsigned>(policy));
        test::Pick pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        test::CoreOpSequence ops(policy, seq % 2 ? ReplaceUnwind::Block : ReplaceUnwind::RestoreOld);
        for (int step = 0; step < steps; ++step) {
            std::string broken = ops.step(pick);
            if (!broken.empty()) FAIL(policy_name(policy) << " seed " << seq << " step " << step << " after " << broken);
        }
        total.steps += ops.stats().steps;
        total.failures += ops.stats().failures;
        total.maps += ops.stats().maps;
        total.enospc += ops.stats().enospc;
    }
}

}  // namespace

TEST_CASE("core model: 10,000 random sequences of 50 steps per policy keep all seven invariants",
          "[unit][core][random]") {
    for (auto p : {PolicyKind::SharedAttach, PolicyKind::Legacy, PolicyKind::Upstream}) {
        test::OpStats stats;
        run_sequences(p, 10000, 50, stats);
        WARN(policy_name(p) << ": " << stats.steps << " steps, " << stats.failures << " failed operations ("
                            << stats.enospc << " ENOSPC), " << stats.maps << " maps, all checked");
        CHECK(stats.steps == 500000);
        CHECK(stats.failures > 0);  // the sequences reach error paths
        CHECK(stats.enospc > 0);    // and ASID exhaustion
    }
}
