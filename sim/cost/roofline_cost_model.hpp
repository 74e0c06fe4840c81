#pragma once
// The roofline cost model of brief §4: every op of a half-layer is
//   max(FLOPs / (peak x efficiency), bytes / (HBM x efficiency)) + kernels x fixed cost,
// with GEMM rows rounded up to the MMA tile and decode attention reading every request's KV.
#include "sim/cost/op_cost_model.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"

#include <string>
#include <vector>

namespace afdsim {

class RooflineCostModel final : public OpCostModel {
public:
  RooflineCostModel(ModelSpec model, GpuSpec gpu);

  PartCost attention_layer(int requests, double context_tokens) const override;
  PartCost ffn_layer(int tokens) const override;
  PartCost lm_head(int requests) const override;

  // One GEMM of m tokens against a k x n weight matrix of the model's weight dtype.
  OpCost gemm(const std::string& name, int m, int64_t k, int64_t n, Dtype weights) const;
  // Decode attention of one layer over `context_tokens` KV tokens of `requests` requests.
  OpCost decode_attention(int requests, double context_tokens) const;
  // `kernels` small kernels (norms, rotary, activation, adds) moving `bytes` of activations.
  OpCost elementwise(const std::string& name, int kernels, double bytes) const;

  const ModelSpec& model() const override { return model_; }
  const GpuSpec& gpu() const { return gpu_; }

private:
  ModelSpec model_;
  GpuSpec gpu_;
};

} // namespace afdsim
