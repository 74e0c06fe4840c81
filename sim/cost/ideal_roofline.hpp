#pragma once
// The per-token decode cost of Step-3 (arXiv 2507.19427 §3, afd-literature.md V1): ideal roofline,
// no kernel efficiencies. Attention = max(core FLOPs / peak, KV bytes / bandwidth) + linear
// projections' FLOPs / peak; FFN = FLOPs / peak. A yardstick, not the simulator's cost model.
#include "sim/specs/model_spec.hpp"

namespace afdsim {

struct IdealTokenCost {
  double kv_bytes = 0;              // KV read per decoded token, all layers
  double attention_core_flops = 0;  // QK^T and PV, all layers
  double linear_flops = 0;          // QKV and O projections, all layers
  double ffn_flops = 0;
  double attention_s = 0;
  double ffn_s = 0;
};

IdealTokenCost ideal_token_cost(const ModelSpec& model, double context_tokens, double peak_flops,
                                double hbm_bytes_per_s);

// Dollars per million tokens for `seconds_per_token` of one GPU rented at `usd_per_hour`.
inline double usd_per_million_tokens(double seconds_per_token, double usd_per_hour)
{
  return seconds_per_token * usd_per_hour / 3600.0 * 1e6;
}

} // namespace afdsim
