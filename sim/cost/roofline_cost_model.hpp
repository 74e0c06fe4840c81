#pragma once
// The roofline cost model of brief §4: every op of a half-layer is
//   max(FLOPs / (peak x efficiency), bytes / (HBM x efficiency)) + kernels x fixed cost,
// with GEMM rows rounded up to the MMA tile and decode attention reading every request's KV.
#include "sim/cost/cost_model.hpp"
#include "sim/specs/gpu_spec.hpp"
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
  double time_s = 0;     // max(compute_s, memory_s) + fixed_s
  const char* bound() const;  // "compute", "memory" or "fixed": the largest of the three terms
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

class RooflineCostModel final : public CostModel {
public:
  RooflineCostModel(ModelSpec model, GpuSpec gpu);

  PartCost attention_layer(int requests, double context_tokens) const;
  PartCost ffn_layer(int tokens) const;
  PartCost lm_head(int requests) const;

  // One GEMM of m tokens against a k x n weight matrix of the model's weight dtype.
  OpCost gemm(const std::string& name, int m, int64_t k, int64_t n, Dtype weights) const;
  // Decode attention of one layer over `context_tokens` KV tokens of `requests` requests.
  OpCost decode_attention(int requests, double context_tokens) const;

  double attention_layer_s(int requests, double context_tokens) const override
  {
    return attention_layer(requests, context_tokens).time_s;
  }
  double ffn_layer_s(int tokens) const override { return ffn_layer(tokens).time_s; }
  double lm_head_s(int requests) const override { return lm_head(requests).time_s; }

  const ModelSpec& model() const { return model_; }
  const GpuSpec& gpu() const { return gpu_; }

private:
  OpCost elementwise(const std::string& name, int kernels, double bytes) const;
  ModelSpec model_;
  GpuSpec gpu_;
};

} // namespace afdsim
