#include "sim/cost/roofline_cost_model.hpp"

#include <algorithm>
#include <cmath>

namespace afdsim {

namespace {

int64_t round_up(int64_t x, int64_t to) { return (x + to - 1) / to * to; }

} // namespace

RooflineCostModel::RooflineCostModel(ModelSpec model, GpuSpec gpu) : model_(std::move(model)), gpu_(std::move(gpu)) {}

OpCost RooflineCostModel::gemm(const std::string& name, int m, int64_t k, int64_t n, Dtype weights) const
{
  OpCost op;
  op.name = name;
  op.kernels = 1;
  const bool swapped = gpu_.swap_ab && m <= gpu_.swap_ab_max_m;
  const int64_t rows = round_up(m, swapped ? gpu_.swap_ab_tile : gpu_.mma_tile_m);
  op.flops = 2.0 * (static_cast<double>(rows) + gpu_.gemm_fill_rows) * static_cast<double>(k) * static_cast<double>(n);
  // Weights dominate; activations in (at the weight dtype) and out (BF16) are added for large m.
  op.bytes = static_cast<double>(k * n) * bytes_per_element(weights) +
             static_cast<double>(m) * (static_cast<double>(k) * bytes_per_element(weights) + static_cast<double>(n) * 2.0);
  op.compute_s = op.flops / (gpu_.peak_flops(weights) * gpu_.gemm_mfu);
  op.memory_s = op.bytes / (gpu_.hbm_bytes_per_s() * gpu_.gemm_mbu);
  op.fixed_s = (gpu_.kernel_fixed_us + gpu_.gemm_fixed_us) * 1e-6;
  op.time_s = std::max(op.compute_s, op.memory_s) + op.fixed_s;
  return op;
}

OpCost RooflineCostModel::decode_attention(int requests, double context_tokens) const
{
  OpCost op;
  op.name = "decode_attention";
  op.kernels = 1;
  const double q_bytes = static_cast<double>(requests) * static_cast<double>(model_.q_dim()) * 2.0;
  op.bytes = context_tokens * model_.kv_bytes_per_token_per_layer() + 2.0 * q_bytes;
  // QK^T and PV: 2 x 2 FLOPs per query value per context token.
  op.flops = 4.0 * static_cast<double>(model_.q_dim()) * context_tokens;
  const double mbu =
      model_.kv_cache == Dtype::fp8 ? gpu_.attention_mbu_fp8_kv : gpu_.attention_mbu_bf16_kv;
  const double ctas = static_cast<double>(requests) * model_.kv_heads;
  const double occupancy = ctas / (ctas + gpu_.attention_half_ctas);
  op.memory_s = op.bytes / (gpu_.hbm_bytes_per_s() * mbu * occupancy);
  op.compute_s = op.flops / (gpu_.peak_flops(Dtype::bf16) * gpu_.gemm_mfu);
  op.fixed_s = (gpu_.kernel_fixed_us + gpu_.attention_fixed_us) * 1e-6;
  op.time_s = std::max(op.compute_s, op.memory_s) + op.fixed_s;
  return op;
}

OpCost RooflineCostModel::elementwise(const std::string& name, int kernels, double bytes) const
{
  OpCost op;
  op.name = name;
  op.kernels = std::max(kernels, 0);
  op.bytes = bytes;
  op.memory_s = bytes / (gpu_.hbm_bytes_per_s() * gpu_.elementwise_mbu);
  op.fixed_s = op.kernels * gpu_.kernel_fixed_us * 1e-6;
  op.time_s = op.memory_s + op.fixed_s;
  return op;
}

PartCost RooflineCostModel::attention_layer(int requests, double context_tokens) const
{
  const auto& m = model_;
  const double b = requests;
  const double h = m.hidden_size;
  PartCost part;
  part.add(gemm("qkv_gemm", requests, m.hidden_size, m.q_dim() + 2 * m.kv_dim(), m.weights));
  part.add(decode_attention(requests, context_tokens));
  part.add(gemm("o_gemm", requests, m.q_dim(), m.hidden_size, m.weights));
  // Norm, q/k norm + rotary, KV write, residual: BF16 activations read and written.
  const double small_bytes = b * 2.0 * (4.0 * h + 4.0 * static_cast<double>(m.q_dim() + m.kv_dim())) +
                             b * m.kv_bytes_per_token_per_layer();
  part.add(elementwise("norms_rotary_kv_write_residual", gpu_.attention_kernels - 3, small_bytes));
  return part;
}

PartCost RooflineCostModel::ffn_layer(int tokens) const
{
  const auto& m = model_;
  const double b = tokens;
  const double h = m.hidden_size;
  const double inter = m.intermediate_size;
  PartCost part;
  part.add(gemm("gate_up_gemm", tokens, m.hidden_size, 2 * int64_t{m.intermediate_size}, m.weights));
  part.add(gemm("down_gemm", tokens, m.intermediate_size, m.hidden_size, m.weights));
  // Norm, SiLU*mul over 2 x intermediate, residual add.
  const double small_bytes = b * 2.0 * (4.0 * h + 3.0 * inter);
  part.add(elementwise("norm_silu_mul_residual", gpu_.ffn_kernels - 2, small_bytes));
  return part;
}

PartCost RooflineCostModel::lm_head(int requests) const
{
  const auto& m = model_;
  PartCost part;
  part.add(elementwise("final_norm", 1, requests * 4.0 * m.hidden_size));
  part.add(gemm("lm_head_gemm", requests, m.hidden_size, m.vocab_size, Dtype::bf16));
  part.add(elementwise("sampling", 2, requests * 4.0 * m.vocab_size));
  return part;
}

} // namespace afdsim
