#pragma once
// The metric columns of results.csv and where each comes from (docs/sweep.md lists them):
// - the point's resolved scenario (mode, GPUs, r, m, batch, lengths, GPU presets, largest batch
//   that fits), for every point that loads;
// - its report.json (throughput, TPOT, step time, busy and wait fractions averaged by role, link
//   utilisation), for simulated points;
// - the report's `analytic` object, or in `--analytic` sweeps the same object computed without
//   simulating (analytic_json_unsimulated): the closed forms and a headline step estimate.
#include "sim/config/scenario.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace afdsim {

using Columns = std::map<std::string, std::string>;

// Every metric column, in results.csv order.
const std::vector<std::string>& metric_columns();

void add_scenario_columns(const Scenario& scenario, Columns& columns);

// The simulated metrics and (from report["analytic"]) the analytic ones.
void add_report_columns(const nlohmann::json& report, Columns& columns);

// The headline analytic step (analytic_step_ms, analytic_form): for AFD the serial form at m = 1
// (exact), MegaScale-Infer's when its no-bubble condition holds (exact for steady op times),
// otherwise AIConfigurator's K=2 (blocking transfers: an upper estimate); for colocated runs the
// closed form. analytic_tokens_per_s_per_gpu follows from it.
void add_analytic_columns(const nlohmann::json& analytic, Columns& columns);

} // namespace afdsim
