#pragma once
// The attention worker actor: holds the KV cache of its requests and runs, per decode step, the
// attention half of every layer for each microbatch, ping-ponging hidden states with the FFN.
#include "sim/engine/pipeline_context.hpp"

namespace afdsim {

// Actor body of attention worker `worker`; runs every decode step of the scenario.
void attention_worker(PipelineContext& ctx, int worker);

} // namespace afdsim
