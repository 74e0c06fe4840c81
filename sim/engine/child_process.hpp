#pragma once
// SimGrid 3.32 runs one simulation per process. To run several (tests, sweeps), run each in a
// forked child: the child simulates, sends its result (or its error) back through a pipe, and
// exits; the parent decodes the result or rethrows the error with its type (InputError stays an
// InputError, anything else becomes std::runtime_error with the same message).
#include "sim/engine/simulation.hpp"

#include <functional>

namespace afdsim {

// Runs `simulation` in a child process and returns what it returned. Throws std::runtime_error
// if the child dies without answering (e.g. SimGrid aborted on a setting it rejects).
SimulationResult run_in_child_process(const std::function<SimulationResult()>& simulation);

} // namespace afdsim
