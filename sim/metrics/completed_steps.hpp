#pragma once
// An interrupted run (SimulationResult::complete == false) stops in the middle of a step, with the
// workers a step or more apart. Its metrics are computed on the steps every stepping worker
// completed: these functions trim the result to them. Plain C++, like the rest of sim/metrics.
#include "sim/config/scenario.hpp"
#include "sim/engine/simulation.hpp"

#include <vector>

namespace afdsim {

// The workers that record steps: the attention workers (AFD), rank 0 of each replica (colocated).
std::vector<int> stepping_workers(const Scenario& scenario);

// The number S of leading steps 0..S-1 that each of `workers` recorded.
int completed_steps(const EventLog& log, const std::vector<int>& workers);

// Drops every record of steps >= `steps` (and the requests that finished or were admitted after
// them), and sets
// log.end_s to the end of the last step kept (0 when none).
void keep_steps_before(EventLog& log, int steps);

// Bytes per link of the transfers of steps >= first_step, charged along `routes` (the engine's
// count when every message sent was received, as it is for whole steps). Every link of `links`
// is kept, in its order.
std::vector<SimulationResult::LinkUse> link_use_of_transfers(const EventLog& log,
                                                             const std::vector<SimulationResult::Route>& routes,
                                                             const std::vector<SimulationResult::LinkUse>& links,
                                                             int first_step);

// On an incomplete result: keeps the completed steps and recounts the window's link bytes from
// them. Returns the number of completed steps (workload.steps for a complete result, untouched).
int keep_completed_steps(const Scenario& scenario, SimulationResult& result);

} // namespace afdsim
