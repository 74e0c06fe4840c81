#pragma once
// Creating the SimGrid engine of a run: network model defaults, the scenario's settings, the
// command line's --cfg=/--log= arguments (the user wins), then the platform.
//
// SimGrid 3.32 keeps one engine per process: a second Engine shares the first one's clock,
// platform and models (and aborts when a model is set again). So a process simulates once;
// run further simulations in child processes (run_in_child_process).
#include "sim/config/scenario.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace simgrid::s4u {
class Engine;
}

namespace afdsim {

struct SimgridEngine {
  std::unique_ptr<simgrid::s4u::Engine> engine;
  std::map<std::string, std::string> config;  // resolved network and CPU settings and every key set by the user
  // How GPU ops run: platform.compute, except that a sleep needs the CPU model afdsim chooses
  // (cpu/optim:TI) to give the exec's results; under another one they run as execs.
  ComputeActivity compute = ComputeActivity::exec;
  // SimGrid lengthens a sleep shorter than its time precision (surf/precision) to that
  // precision; ops shorter than this run as execs.
  double shortest_sleep_s = 0;
};

// afdsim's network defaults (brief §5), applied before anything else. After the user's settings,
// afdsim picks the trace-integration CPU model (cpu/optim:TI) unless they set cpu/optim or turn
// SimGrid's tracing or a plugin on.
const std::vector<std::string>& default_simgrid_settings();

// Creates the engine and loads the sealed platform. Throws InputError for an unknown SimGrid
// key, a malformed value, an unknown network model, an argument other than --cfg=/--log=, or an
// unreadable platform file; std::logic_error when this process already created an engine.
// Other bad settings (e.g. an invalid cpu/model name) still abort inside SimGrid.
SimgridEngine start_simgrid(const Scenario& scenario, const std::vector<std::string>& simgrid_args);

} // namespace afdsim
