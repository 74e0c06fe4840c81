#pragma once
// The AFD decode pipeline on SimGrid: r attention workers and one FFN worker exchanging
// activations per layer and microbatch. simulate() calls it for deployment.mode afd; tests call
// it directly to inject faults.
#include "sim/engine/pipeline_context.hpp"
#include "sim/engine/simulation.hpp"

#include <string>
#include <vector>

namespace afdsim {

// Throws InputError for scenarios this pipeline cannot run (explaining the key), std::runtime_error
// when the simulation deadlocks, and rethrows the first exception an actor raised.
SimulationResult run_afd_pipeline(const Scenario& scenario, const std::vector<std::string>& simgrid_args,
                                  const PipelineHooks& hooks = {}, const RecordRetention& retention = {});

// The checks run_afd_pipeline makes before it starts SimGrid.
void check_afd_scenario(const Scenario& scenario);

} // namespace afdsim
