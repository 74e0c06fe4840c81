#pragma once
// What one GPU of a tensor-parallel group of k holds of a dense decoder (Megatron-style split):
// its q_heads / k query heads and kv_heads / k KV heads, an intermediate_size / k slice of the
// FFN, and a vocabulary slice of the embedding and LM head. The hidden size is not split: every
// GPU keeps the whole residual stream, summed by the group's all-reduces.
#include "sim/specs/model_spec.hpp"

namespace afdsim {

// The per-GPU shapes, as a ModelSpec the cost model can run. `k` must divide q_heads, kv_heads
// and intermediate_size (std::invalid_argument otherwise; the scenario loader checks it first).
// The vocabulary is rounded up to whole rows: the largest slice sets the step time.
ModelSpec tensor_parallel_shard(const ModelSpec& model, int k);

} // namespace afdsim
