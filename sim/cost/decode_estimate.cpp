#include "sim/cost/decode_estimate.hpp"

namespace afdsim {

DecodeEstimate estimate_decode(const OpCostModel& cost, StepPart part, int batch, int context)
{
  DecodeEstimate e;
  e.part = part;
  e.batch = batch;
  e.context = context;
  e.layers = cost.model().layers;
  if (part != StepPart::ffn)
    e.attention_layer = cost.attention_layer(batch, static_cast<double>(batch) * context);
  if (part != StepPart::attn)
    e.ffn_layer = cost.ffn_layer(batch);
  e.time_s = e.layers * (e.attention_layer.time_s + e.ffn_layer.time_s);
  return e;
}

} // namespace afdsim
