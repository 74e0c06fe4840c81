#pragma once
// The platform side of a scenario without simulating it: load the platform, place the workers
// as a run would, and look up the routes their messages would take. What the analytic estimates
// need from SimGrid (sim/analytic/screening.hpp), at the cost of loading a platform.
//
// SimGrid keeps one engine per process: call it in a child process (run_in_child_process), once
// per platform and placement.
#include "sim/engine/simulation.hpp"

#include <string>
#include <vector>

namespace afdsim {

// A result with no events: log.workers (name, role, host) as a run would name them, the routes
// of every pair of workers that would exchange messages (AFD: each attention worker <-> the FFN
// worker; colocated TP: within each group, ring successors or every pair for one_shot), and the
// network settings. Throws InputError for what a run refuses before it starts (placement,
// platform, settings).
SimulationResult probe_routes(const Scenario& scenario, const std::vector<std::string>& simgrid_args = {});

} // namespace afdsim
