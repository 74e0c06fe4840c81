#pragma once
// The FFN worker actor: for every layer and microbatch, gathers the hidden states of all r
// attention workers (a barrier), runs the FFN on their tokens together and returns each slice.
#include "sim/engine/pipeline_context.hpp"

namespace afdsim {

// Actor body of the single FFN worker; also logs the run's progress.
void ffn_worker(PipelineContext& ctx);

} // namespace afdsim
