#pragma once
// What every deployment's simulation does around its actors: the progress logger, the platform's
// host names, the cost provenance log, turning a deadlock into an error, and collecting the result after the run.
#include "sim/engine/run_state.hpp"
#include "sim/engine/simgrid_setup.hpp"
#include "sim/engine/simulation.hpp"

#include <spdlog/logger.h>

#include <memory>
#include <string>
#include <vector>

namespace afdsim {

// Progress goes to stderr only: stdout may carry the JSON report.
std::shared_ptr<spdlog::logger> progress_logger();

std::vector<std::string> host_names(const simgrid::s4u::Engine& engine);

// The log a profiled cost model records its op times' sources in (null for the other kinds);
// collect_result hands it to the result.
std::shared_ptr<CostProvenanceLog> new_cost_provenance(const Scenario& scenario);

// Before the actors start: how they run GPU ops (the engine's choice) and the cost model's log.
void prepare_run(RunState& run, const SimgridEngine& simgrid, std::shared_ptr<CostProvenanceLog> provenance);

// SimGrid reports a deadlock and returns normally from run(): the returned text is filled with
// the time and the actors still waiting if that happens.
std::shared_ptr<std::string> watch_for_deadlock();

// After engine.run(): rethrows the actors' first failure, throws std::runtime_error on a deadlock,
// else moves the log, the metrics' totals and the link traffic into the result (marked incomplete
// when an interrupt stopped the actors).
SimulationResult collect_result(RunState& run, const SimgridEngine& simgrid, const std::string& deadlock);

} // namespace afdsim
