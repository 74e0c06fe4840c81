#pragma once
// `--set KEY=VALUE`: KEY is a dotted path into the scenario's YAML tree, VALUE is parsed as YAML
// (so lists and maps work: --set deployment.attention_hosts=[a,b]). Overrides are applied to the
// tree before validation, so they go through exactly the checks the file does.
#include "sim/config/yaml_source.hpp"

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace afdsim {

struct SetOverride {
  std::string arg;                // as given: KEY=VALUE
  std::vector<std::string> keys;  // KEY split at its dots
  std::string dotted_key;
  YAML::Node value;               // an empty VALUE is the empty string
};

// Throws InputError "--set <arg>: ..." when `arg` has no '=', an empty key or key part, or a VALUE
// that is not valid YAML.
SetOverride parse_set(const std::string& arg);

// Sets the value at the override's path in `root` (a map), creating sections as needed, and
// records in `source` that the value came from the command line. Throws InputError when a key on
// the path holds a value that is not a section.
void apply_set(YAML::Node& root, const SetOverride& set, YamlSource& source);

// parse_set and apply_set for each argument, in order (a later one wins).
void apply_sets(YAML::Node& root, const std::vector<std::string>& sets, YamlSource& source);

} // namespace afdsim
