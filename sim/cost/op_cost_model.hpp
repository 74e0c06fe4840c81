#pragma once
// A cost model that can say what each op of a half-layer costs (`afdsim estimate`, calibration,
// provenance): the roofline and the profiled model. The simulation only needs the sums.
#include "sim/cost/cost_model.hpp"
#include "sim/cost/table_interpolation.hpp"
#include "sim/specs/model_spec.hpp"

#include <string>
#include <vector>

namespace afdsim {

struct OpCost {
  std::string name;
  int kernels = 0;
  double flops = 0;      // as executed: GEMM rows padded to the tile
  double bytes = 0;      // HBM traffic
  double compute_s = 0;
  double memory_s = 0;
  double fixed_s = 0;    // kernels x per-kernel cost (+ the attention kernel's own fixed cost)
  double time_s = 0;     // max(compute_s, memory_s) + fixed_s; a profiled op: its table's time
  OpSource source = OpSource::roofline;
  // "compute", "memory" or "fixed": the largest of the three terms; "table" for a profiled op.
  const char* bound() const;
};

struct PartCost {
  std::vector<OpCost> ops;
  double time_s = 0;
  void add(const OpCost& op)
  {
    ops.push_back(op);
    time_s += op.time_s;
  }
};

class OpCostModel : public CostModel {
public:
  virtual PartCost attention_layer(int requests, double context_tokens) const = 0;
  virtual PartCost ffn_layer(int tokens) const = 0;
  virtual PartCost lm_head(int requests) const = 0;
  virtual const ModelSpec& model() const = 0;

  double attention_layer_s(int requests, double context_tokens) const final
  {
    return attention_layer(requests, context_tokens).time_s;
  }
  double ffn_layer_s(int tokens) const final { return ffn_layer(tokens).time_s; }
  double lm_head_s(int requests) const final { return lm_head(requests).time_s; }
};

} // namespace afdsim
