#pragma once
// Constant per-op times, for checking the simulation against closed forms (brief §2.2).
#include "sim/cost/cost_model.hpp"

namespace afdsim {

class FixedCostModel final : public CostModel {
public:
  explicit FixedCostModel(const CostModelConfig& c)
      : attention_s_(c.attention_us * 1e-6), ffn_s_(c.ffn_us * 1e-6), lm_head_s_(c.lm_head_us * 1e-6)
  {
  }
  double attention_layer_s(int, double) const override { return attention_s_; }
  double ffn_layer_s(int) const override { return ffn_s_; }
  double lm_head_s(int) const override { return lm_head_s_; }

private:
  double attention_s_;
  double ffn_s_;
  double lm_head_s_;
};

} // namespace afdsim
