#pragma once
// A SimulationResult as bytes and back, field by field: how a child process hands its result to
// its parent (run_in_child_process). Equal results encode to equal bytes.
#include "sim/engine/simulation.hpp"

#include <string>

namespace afdsim {

std::string encode_result(const SimulationResult& result);
// Throws std::runtime_error on truncated or malformed input.
SimulationResult decode_result(const std::string& bytes);

} // namespace afdsim
