#pragma once
// Reads each section of a scenario (model, hardware, platform, deployment, workload, cost_model,
// outputs) with its defaults, types and ranges. Checks between sections are in scenario_checks.
#include "sim/config/scenario.hpp"
#include "sim/config/yaml_fields.hpp"

#include <string>
#include <vector>

namespace afdsim {

// The top-level keys, in the order the resolved scenario lists them.
const std::vector<std::string>& scenario_top_keys();

// Fills `scenario` from the checked top-level map. `base_dir` is the folder relative platform
// files are resolved against.
void read_scenario_sections(const MapReader& top, const std::string& base_dir, Scenario& scenario);

// Absolute, normalized path of `file` resolved against `base_dir` (unless already absolute).
std::string resolve_path(const std::string& file, const std::string& base_dir);

} // namespace afdsim
