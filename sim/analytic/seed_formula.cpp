#include "sim/analytic/seed_formula.hpp"

#include <algorithm>

namespace afdsim {

SeedEstimate seed_estimate(double t_attn_s, double t_ffn_s, double t_transfer_s, int attention_workers)
{
  SeedEstimate e;
  e.t_attn_s = t_attn_s;
  e.t_ffn_s = t_ffn_s;
  e.t_transfer_s = t_transfer_s;
  e.step_s = std::max(t_attn_s, t_ffn_s / attention_workers) + t_transfer_s;
  e.speedup = (t_attn_s + t_ffn_s) / e.step_s;
  return e;
}

} // namespace afdsim
