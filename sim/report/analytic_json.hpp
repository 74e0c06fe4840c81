#pragma once
// The report's `analytic` object (docs/analytic.md): every closed-form estimate of the run beside
// the simulated value it predicts, with the relative difference (analytic - simulated) /
// simulated and the inputs it used. Plain C++: the estimates come from sim/analytic.
#include "sim/config/scenario.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/metrics/metrics.hpp"

#include <nlohmann/json.hpp>

namespace afdsim {

nlohmann::json analytic_json(const Scenario& scenario, const Metrics& metrics, const SimulationResult& result);

// The same object for a scenario that is not simulated (`afdsim sweep --analytic`): `routes` is
// probe_routes' result (workers and routes, no events); the estimates take the workload's mean
// context theta + 1 (docs/analytic.md) and every simulated value is 0.
nlohmann::json analytic_json_unsimulated(const Scenario& scenario, const SimulationResult& routes);

// {"analytic": a, "simulated": s, "relative_difference": (a - s) / s} (null when s is 0).
nlohmann::json comparison_json(double analytic, double simulated);

} // namespace afdsim
