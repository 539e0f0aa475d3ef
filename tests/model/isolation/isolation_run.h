// [model] The isolation property (SEMANTICS.md invariant 7) on the real
// stack: the IOMMU core with one policy and the tegra-smmu driver program
// the SMMU of a Tegra124 platform (tests/model/boards/isolation-tegra124.yaml)
// through MC registers and PD/PT writes into simulated DRAM, while raw
// initiators on every memory client of the board's IOMMU devices issue DMA.
//
// A seeded random sequence of driver operations (ops.h) runs; after each,
// a batch of accesses from random clients at random IOVAs (mostly where
// the issuing device's driver has mappings, some in a bypass arena of
// DRAM, some anywhere in the candidate IOVA pages). Every access is
// checked against the oracle (oracle.h) for the group's current domain
// (traffic.h): translated or bypassed to exactly the predicted physical
// address, or faulted with the predicted reason, the MC registers and
// counters agreeing. A scripted prologue constructs the legacy hazard: a
// user owner's domain on the drm group, then a kernel DMA-API driver bound
// to dc0 in it (refused under shared-attach and upstream), whose DMA then
// goes through the user's page tables.
//
// Asserted: at least 100,000 accesses, zero violations and zero
// inconsistencies under every policy; no hazard period and no hazard
// access under shared-attach and upstream; under legacy the hazard is
// reproduced (hazard periods and accesses landing outside what the kernel
// driver mapped), and counted, not failed. The counts are printed.
#pragma once

#include <cstdint>

#include "model/model_harness.h"
#include "smmu/core/iommu_core.h"

namespace socsim::test::isolation {

// The model config of an isolation test executable: its board, and a raw
// initiator on every memory client of the board's IOMMU devices.
ModelConfig config();

// The test case body: runs the whole sequence under `policy`. The seed is
// SOCSIM_ISOLATION_SEED when set (decimal or 0x hex), else a fixed one.
void run(iommu::PolicyKind policy);

}  // namespace socsim::test::isolation
