#include "sim/cost/ideal_roofline.hpp"

#include <algorithm>

namespace afdsim {

IdealTokenCost ideal_token_cost(const ModelSpec& model, double context_tokens, double peak_flops,
                                double hbm_bytes_per_s)
{
  IdealTokenCost c;
  const double layers = model.layers;
  c.kv_bytes = model.kv_bytes_per_token() * context_tokens;
  c.attention_core_flops = 4.0 * static_cast<double>(model.q_dim()) * layers * context_tokens;
  c.linear_flops = 2.0 * static_cast<double>(model.attention_params_per_layer()) * layers;
  c.ffn_flops = 2.0 * static_cast<double>(model.ffn_params_per_layer()) * layers;
  c.attention_s = std::max(c.attention_core_flops / peak_flops, c.kv_bytes / hbm_bytes_per_s) +
                  c.linear_flops / peak_flops;
  c.ffn_s = c.ffn_flops / peak_flops;
  return c;
}

} // namespace afdsim
