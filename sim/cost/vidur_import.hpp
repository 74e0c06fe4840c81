#pragma once
// Vidur profiles (research/simulators.md §2: mlp.csv and attention.csv, medians in ms per layer)
// turned into afdsim's tidy operator tables (gemm.csv, decode_attention.csv), so public profiles
// can feed `cost_model.kind: profiled` and `afdsim calibrate`.
//
// mlp.csv rows whose n_head, n_kv_head, n_embd, n_expanded_embd and num_tensor_parallel_workers
// match the model (and tensor-parallel degree) give four GEMM rows per num_tokens:
//   attn_pre_proj -> qkv, attn_post_proj -> o, mlp_up_proj -> gate_up (gate and up fused, as
//   Vidur's gated MLP runs them), mlp_down_proj -> down,
// with n and k of one tensor-parallel shard of the model. attention.csv decode rows
// (is_prefill false) of the same heads give decode_attention rows: batch_size requests at
// kv_cache_size KV tokens each, time_stats.attn_decode.median. Other ops (norms, rotary,
// activation, adds, KV save) are left to the roofline. An empty median is a missing value.
#include "sim/specs/dtype.hpp"
#include "sim/specs/model_spec.hpp"

#include <string>

namespace afdsim {

struct VidurImportOptions {
  int tensor_parallel = 1;
  Dtype weights = Dtype::bf16;  // what the profile ran its linear layers in (Vidur: FP16/BF16)
  Dtype kv = Dtype::bf16;
};

struct VidurTables {
  std::string gemm_csv;       // empty when no mlp.csv was given
  std::string attention_csv;  // empty when no attention.csv was given
  size_t gemm_rows = 0;
  size_t attention_rows = 0;
};

// `*_file` name the inputs in messages (and may be empty to skip that table). InputError for
// malformed lines, missing columns, and for a table with no row of the model's shapes (the
// message lists the shapes it has).
VidurTables import_vidur(const ModelSpec& model, const VidurImportOptions& options, const std::string& mlp_text,
                         const std::string& mlp_file, const std::string& attention_text,
                         const std::string& attention_file);

} // namespace afdsim
