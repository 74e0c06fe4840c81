#pragma once
// AFD with an FFN GPU of another type than the attention GPUs (scenario `ffn_hardware`): the
// attention half and the LM head are priced on the attention GPU, the FFN half on the FFN GPU.
// In AFD only the FFN worker asks for ffn_layer_s, so each worker pays its own GPU's prices.
#include "sim/cost/roofline_cost_model.hpp"

namespace afdsim {

class SplitRoleCostModel final : public CostModel {
public:
  SplitRoleCostModel(const ModelSpec& model, const GpuSpec& attention_gpu, const GpuSpec& ffn_gpu)
      : attention_(model, attention_gpu), ffn_(model, ffn_gpu)
  {
  }
  double attention_layer_s(int requests, double context_tokens) const override
  {
    return attention_.attention_layer_s(requests, context_tokens);
  }
  double ffn_layer_s(int tokens) const override { return ffn_.ffn_layer_s(tokens); }
  double lm_head_s(int requests) const override { return attention_.lm_head_s(requests); }

private:
  RooflineCostModel attention_;
  RooflineCostModel ffn_;
};

} // namespace afdsim
