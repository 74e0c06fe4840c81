#pragma once
// The resolved scenario: every key with its value, defaults filled in, in a stable order.
// load_scenario(to_yaml(s)) gives back `s` (platform.file is written resolved, so the text loads
// from any folder; source_file is where it is loaded from).
#include "sim/config/scenario.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace afdsim {

std::string to_yaml(const Scenario& scenario);

// A scenario's `hardware:` section for `gpu`: its preset name and every field (what
// `afdsim calibrate --out` writes).
std::string hardware_section_yaml(const GpuSpec& gpu);

// The same structure as to_yaml (for the run report's `scenario`); object keys sorted.
nlohmann::json to_json(const Scenario& scenario);

} // namespace afdsim
