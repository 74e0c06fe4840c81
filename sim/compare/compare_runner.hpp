#pragma once
// `afdsim compare` without SimGrid: loads the scenario and every configuration, checks memory,
// searches batches under a TPOT bound, and asks a callback to simulate (the command runs each
// simulation in its own child process; tests may pass a formula). docs/compare.md.
#include "sim/compare/compare_table.hpp"
#include "sim/config/scenario.hpp"
#include "sim/metrics/metrics.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace afdsim {

struct CompareOptions {
  std::string scenario_file;
  std::vector<std::string> sets;        // --set overrides of the AFD scenario, in order
  std::optional<double> tpot_bound_ms;  // --tpot-ms
};

// The TPOT search runs shorter simulations: at most this many steps and warm-up steps (never more
// than the scenario's own); the batch it finds is then run once with the scenario's steps.
constexpr int kSearchMaxSteps = 60;
constexpr int kSearchMaxWarmupSteps = 10;

using SimulateMetrics = std::function<Metrics(const Scenario&)>;
using ProgressLine = std::function<void(const std::string&)>;

// Throws InputError when the scenario is invalid, is not an AFD scenario, or the bound is not > 0.
// A configuration that does not fit in memory, or whose smallest batch misses the TPOT bound,
// becomes a row saying so (never dropped). A signal recorded by InterruptHandlers, or a
// RunInterrupted from `simulate_metrics`, stops the comparison before the next simulation: that
// row and the rest say `interrupted` and the table's stop_signal is set.
CompareTable run_compare(const CompareOptions& options, const SimulateMetrics& simulate_metrics,
                         const ProgressLine& progress);

} // namespace afdsim
