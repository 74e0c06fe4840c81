#pragma once
// The colocated GPU actor: runs, per decode step, attention and FFN of every layer on its shard
// of the model (the whole model when tensor_parallel is 1), with its group's two all-reduces per
// layer in between, then the LM head.
#include "sim/engine/colocated_context.hpp"

namespace afdsim {

// Actor body of GPU `gpu`; runs every decode step of the scenario.
void colocated_worker(ColocatedContext& ctx, int gpu);

} // namespace afdsim
