#pragma once
// The raw SimGrid pattern (raw_pattern.cpp) that mirrors one afdsim scenario: its actors, and per
// op the durations and message sizes afdsim uses in the scenario's first decode step (afdsim's
// own cost model and initial requests; they drift slowly with the context as the run goes).
#include "sim/config/scenario.hpp"

#include <string>
#include <vector>

namespace afdsim::bench {

// The afdsim_raw_pattern arguments, without the binary.
std::vector<std::string> raw_pattern_args(const Scenario& scenario);

} // namespace afdsim::bench
