#pragma once
// The cost model's time for one part of a decode step on one GPU, over all layers
// (`afdsim estimate`, brief §7): every request at the same context, no embedding, LM head or sampling.
#include "sim/cost/roofline_cost_model.hpp"

#include <string>

namespace afdsim {

enum class StepPart { attn, ffn, full };

struct DecodeEstimate {
  StepPart part;
  int batch = 0;
  int context = 0;
  int layers = 0;
  PartCost attention_layer;  // empty for part ffn
  PartCost ffn_layer;        // empty for part attn
  double time_s = 0;         // layers x (attention_layer + ffn_layer)
};

DecodeEstimate estimate_decode(const OpCostModel& cost, StepPart part, int batch, int context);

} // namespace afdsim
