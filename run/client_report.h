// The client models' part of a run's report (INTERFACES.md §4 `display`,
// `host1x`): per head frames, underflows, minimum FIFO level and
// bandwidth; host1x jobs, channels, syncpoints and engines; and the same as
// summary lines.
#pragma once

#include <iosfwd>

#include <nlohmann/json.hpp>

#include "run/client_layer.h"
#include "soc/platform.h"

namespace socsim::run {

void add_client_report(nlohmann::ordered_json& j, const soc::Platform& p, const ClientLayer* clients);
void print_client_summary(std::ostream& out, const soc::Platform& p, const ClientLayer* clients);

}  // namespace socsim::run
