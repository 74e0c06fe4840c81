#include "sim/engine/simulation.hpp"

#include "sim/engine/afd_pipeline.hpp"
#include "sim/engine/colocated_run.hpp"

#include <chrono>

namespace afdsim {

SimulationResult simulate(const Scenario& scenario, const std::vector<std::string>& simgrid_args,
                          const RecordRetention& retention)
{
  const auto start = std::chrono::steady_clock::now();
  SimulationResult result = scenario.deployment.mode == DeploymentMode::colocated
                                ? run_colocated(scenario, simgrid_args, retention)
                                : run_afd_pipeline(scenario, simgrid_args, {}, retention);
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

} // namespace afdsim
