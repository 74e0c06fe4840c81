#pragma once
// The colocated baseline on SimGrid (deployment.mode colocated): deployment.gpus GPUs, each
// running attention and FFN; groups of tensor_parallel of them form replicas that split every
// layer (Megatron-style) and sum their hidden states with two all-reduces per layer. With
// tensor_parallel 1 (data parallel) the GPUs never communicate. simulate() calls it.
#include "sim/engine/simulation.hpp"

#include <string>
#include <vector>

namespace afdsim {

// Throws InputError for scenarios this mode cannot run (explaining the key), std::runtime_error
// when the simulation deadlocks, and rethrows the first exception an actor raised.
SimulationResult run_colocated(const Scenario& scenario, const std::vector<std::string>& simgrid_args,
                               const RecordRetention& retention = {});

// The checks run_colocated makes before it starts SimGrid (the loader makes them too, with
// positions; these guard scenarios built in code).
void check_colocated_scenario(const Scenario& scenario);

} // namespace afdsim
