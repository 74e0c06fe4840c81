#pragma once
// `afdsim sweep --analytic`: the closed forms of a point without simulating it (milliseconds per
// point). The estimates need the routes the messages would take, which only SimGrid knows: they
// are looked up by probe_routes in a child process, once per platform, settings and placement,
// and reused for every point that shares them.
#include "sim/config/scenario.hpp"
#include "sim/engine/simulation.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace afdsim {

class Screening {
public:
  // The report's `analytic` object for the scenario (analytic_json_unsimulated). Throws
  // InputError when the platform refuses the placement (as `afdsim run` would), runtime_error when
  // the probe process dies.
  nlohmann::json analytic(const Scenario& scenario);

  size_t probes() const { return probes_; }  // child processes started so far

private:
  std::map<std::string, SimulationResult> cache_;  // route_key -> probe_routes' result
  size_t probes_ = 0;
};

// What decides the routes of a scenario: platform, SimGrid settings and the deployment's placement.
std::string route_key(const Scenario& scenario);

} // namespace afdsim
