#pragma once
// The strict scenario loader: YAML file + `--set` overrides -> a validated Scenario.
// Every problem is an InputError "<file>:<line>:<col>: <dotted.key>: <reason>" (or
// "--set KEY=VALUE: <dotted.key>: <reason>" for an override); nothing is silently accepted.
// Keys, defaults and ranges: docs/scenario.md.
#include "sim/config/scenario.hpp"

#include <string>
#include <vector>

namespace afdsim {

// Reads the file at `path`; relative platform files resolve against the file's folder.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& sets = {});

// Loads scenario text. `source_name` names it in messages (and gives the default name, its stem);
// relative platform files resolve against `base_dir` ("" = the current directory).
Scenario load_scenario_text(const std::string& yaml, const std::string& source_name, const std::string& base_dir,
                            const std::vector<std::string>& sets = {});

} // namespace afdsim
