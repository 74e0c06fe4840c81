#pragma once
// workload.prompt_tokens / workload.output_tokens: a number (fixed length) or a distribution map
// {dist: fixed|uniform|geometric|lognormal|empirical, ...}; read strictly, written back the same way
// (an empirical table's file by its resolved path).
#include "sim/config/request_lengths.hpp"
#include "sim/config/yaml_fields.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <string>

namespace afdsim {

// Leaves `out` untouched when the key is absent. InputError with the dotted key
// (workload.output_tokens.mean) for anything else than the forms above. An empirical table's file
// is relative to `base_dir` (the scenario's folder).
void read_length(const MapReader& section, const std::string& key, const std::string& base_dir,
                 LengthDistribution& out);

// The mean length, rounded (>= 1): the representative length of the memory plan and estimates.
int rounded_mean_tokens(const LengthDistribution& d);

// Fixed: a plain number (as scenarios wrote it before distributions existed); else the map.
void emit_length(YAML::Emitter& out, const std::string& key, const LengthDistribution& d);
nlohmann::json length_json(const LengthDistribution& d);

} // namespace afdsim
