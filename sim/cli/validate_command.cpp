#include "sim/cli/commands.hpp"

#include "sim/config/scenario_loader.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/engine/run_size.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/util/errors.hpp"

#include <iostream>

namespace afdsim::cli {

// Loads and checks the scenario, memory and run size included, as `run` does (InputError escapes to main:
// exit 2) and prints it resolved.
int validate_command(const std::string& scenario_file, const std::vector<std::string>& sets)
{
  Scenario scenario = load_scenario(scenario_file, sets);
  check_memory_fits(scenario);
  check_run_size(scenario);
  std::cout << to_yaml(scenario);
  return kExitOk;
}

} // namespace afdsim::cli
