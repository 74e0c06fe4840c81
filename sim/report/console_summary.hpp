#pragma once
// The human-readable result of `afdsim run` (without --json): throughput, latency, where each
// worker's time went and the busiest links. Every heading carries its unit.
#include "sim/config/scenario.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/metrics/metrics.hpp"

#include <ostream>

namespace afdsim {

constexpr std::size_t kSummaryLinks = 6;  // busiest links shown

void print_console_summary(std::ostream& out, const Scenario& scenario, const Metrics& metrics,
                           const SimulationResult& result);

} // namespace afdsim
