#pragma once
// The request lengths of the workload section: prompt_tokens and output_tokens (numbers or
// distributions) or a trace file, never both.
#include "sim/config/scenario.hpp"
#include "sim/config/yaml_fields.hpp"

#include <string>

namespace afdsim {

// Fills prompt_length, output_length, trace and the representative prompt_tokens/output_tokens.
void read_workload_lengths(const MapReader& workload, const std::string& base_dir, WorkloadConfig& w);

} // namespace afdsim
