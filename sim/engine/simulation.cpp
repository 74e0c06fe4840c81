#include "sim/engine/simulation.hpp"

#include "sim/engine/afd_pipeline.hpp"
#include "sim/util/errors.hpp"

#include <chrono>

namespace afdsim {

SimulationResult simulate(const Scenario& scenario, const std::vector<std::string>& simgrid_args)
{
  if (scenario.deployment.mode == DeploymentMode::colocated)
    throw InputError(scenario.source_file, "deployment.mode", "colocated is not implemented yet");
  const auto start = std::chrono::steady_clock::now();
  SimulationResult result = run_afd_pipeline(scenario, simgrid_args);
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

} // namespace afdsim
