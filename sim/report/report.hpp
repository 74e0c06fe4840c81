#pragma once
// The JSON report of one run: the keys of brief §7 (documented in docs/metrics.md). Keys are
// sorted (nlohmann::json objects are std::maps) and numbers print as their shortest round-trip
// form, so the same scenario and seed give the same bytes, apart from simulation.wall_s.
#include "sim/engine/simulation.hpp"
#include "sim/metrics/metrics.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace afdsim {

// `resolved_scenario` is to_json(scenario), passed in so the report does not depend on the loader;
// `analytic` is analytic_json(scenario, metrics, result) (sim/report/analytic_json.hpp). "complete"
// is false for a run an interrupt stopped (at a step boundary: the window's last step is the last
// one completed), and "stopped" then says why and where.
nlohmann::json build_report(const Scenario& scenario, const Metrics& metrics, const SimulationResult& result,
                            const nlohmann::json& resolved_scenario,
                            const nlohmann::json& analytic = nlohmann::json::object());
// An interrupted run with no step past warm-up has nothing measured: the report holds "complete"
// (false), "stopped", "simulation" and "scenario" only.
nlohmann::json build_unmeasured_report(const SimulationResult& result, int steps_completed,
                                       const nlohmann::json& resolved_scenario);
// What `--json` prints and report.json holds: two-space indented, ending in a newline.
std::string report_text(const nlohmann::json& report);

} // namespace afdsim
