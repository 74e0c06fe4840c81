#pragma once
// The scenario text before and while it becomes a YAML tree: size, encoding and syntax.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>

namespace afdsim {

// A scenario is a page of YAML; anything larger is not one, and is refused before parsing.
constexpr size_t kMaxScenarioBytes = 1024 * 1024;

// Throws InputError "<source>:<line>:<col>: ..." when `text` is too large, is not UTF-8 or holds a
// control character YAML does not allow (binary files land here).
void check_scenario_text(const std::string& text, const std::string& source_name);

// Parses `text`; a YAML syntax error becomes InputError "<source>:<line>:<col>: YAML syntax error: ...".
YAML::Node parse_scenario_yaml(const std::string& text, const std::string& source_name);

} // namespace afdsim
