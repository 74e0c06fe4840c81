// The roofline rules of brief §4 on hand-computed cases: a bare GPU with unit efficiencies and no
// fixed costs, so every expected time is a one-line formula.
#include "sim/cost/decode_estimate.hpp"
#include "sim/cost/fixed_cost_model.hpp"

#include <gtest/gtest.h>

using namespace afdsim;

namespace {

GpuSpec bare_gpu()
{
  GpuSpec g;
  g.name = "bare";
  g.hbm_bandwidth_gb_per_s = 1000;  // 1e12 B/s
  g.bf16_tflops = 100;
  g.fp8_tflops = 200;
  g.gemm_mfu = 1;
  g.gemm_mbu = 1;
  g.mma_tile_m = 64;
  g.swap_ab_tile = 8;
  g.attention_mbu_bf16_kv = 1;
  g.attention_mbu_fp8_kv = 0.5;
  g.elementwise_mbu = 1;
  g.attention_kernels = 3;  // qkv, attention, o: no small kernels
  g.ffn_kernels = 2;
  return g;
}

ModelSpec qwen32() { return model_preset("qwen3-32b"); }

} // namespace

TEST(RooflineGemm, RowsRoundUpToTheMmaTile)
{
  const RooflineCostModel cost(qwen32(), bare_gpu());
  const double k = 5120, n = 51200;
  const double tile_flops = 2.0 * 64 * k * n;
  EXPECT_DOUBLE_EQ(cost.gemm("g", 16, 5120, 51200, Dtype::fp8).flops, tile_flops);
  EXPECT_DOUBLE_EQ(cost.gemm("g", 64, 5120, 51200, Dtype::fp8).flops, tile_flops);
  EXPECT_DOUBLE_EQ(cost.gemm("g", 65, 5120, 51200, Dtype::fp8).flops, 2 * tile_flops);
  // Compute: 64 rows at 200 TFLOP/s; memory: weights + 16 rows in (FP8) and out (BF16) at 1 TB/s.
  const OpCost op = cost.gemm("g", 16, 5120, 51200, Dtype::fp8);
  EXPECT_DOUBLE_EQ(op.compute_s, tile_flops / 200e12);
  EXPECT_DOUBLE_EQ(op.memory_s, (k * n + 16 * (k + 2 * n)) / 1e12);
  EXPECT_DOUBLE_EQ(op.time_s, std::max(op.compute_s, op.memory_s));
  EXPECT_STREQ(op.bound(), "memory");
}

TEST(RooflineGemm, SwapAbRoundsToItsOwnTileAndFillRowsAdd)
{
  GpuSpec g = bare_gpu();
  g.swap_ab = true;
  g.swap_ab_max_m = 32;
  g.gemm_fill_rows = 4;
  const RooflineCostModel cost(qwen32(), g);
  EXPECT_DOUBLE_EQ(cost.gemm("g", 9, 100, 100, Dtype::bf16).flops, 2.0 * (16 + 4) * 100 * 100);
  EXPECT_DOUBLE_EQ(cost.gemm("g", 33, 100, 100, Dtype::bf16).flops, 2.0 * (64 + 4) * 100 * 100);
}

TEST(RooflineGemm, ComputeBoundAtLargeBatchAndFixedCostsAdd)
{
  GpuSpec g = bare_gpu();
  g.kernel_fixed_us = 2;
  g.gemm_fixed_us = 5;
  const RooflineCostModel cost(qwen32(), g);
  const OpCost op = cost.gemm("g", 4096, 5120, 51200, Dtype::bf16);
  EXPECT_STREQ(op.bound(), "compute");
  EXPECT_DOUBLE_EQ(op.fixed_s, 7e-6);
  EXPECT_DOUBLE_EQ(op.time_s, 2.0 * 4096 * 5120 * 51200 / 100e12 + 7e-6);
}

TEST(RooflineAttention, ReadsEveryRequestsKvAtTheKvDtypeEfficiency)
{
  ModelSpec m = qwen32();
  GpuSpec g = bare_gpu();
  g.attention_half_ctas = 8;  // 1 request x 8 KV heads: half efficiency
  const RooflineCostModel bf16(m, g);
  const double context = 4096;
  const double bytes = context * 4096 + 2.0 * 8192 * 2;
  EXPECT_DOUBLE_EQ(bf16.decode_attention(1, context).bytes, bytes);
  EXPECT_DOUBLE_EQ(bf16.decode_attention(1, context).memory_s, bytes / (1e12 * 0.5));
  m.kv_cache = Dtype::fp8;
  const RooflineCostModel fp8(m, g);
  const double fp8_bytes = context * 2048 + 2.0 * 8192 * 2;
  EXPECT_DOUBLE_EQ(fp8.decode_attention(1, context).memory_s, fp8_bytes / (1e12 * 0.5 * 0.5));
  EXPECT_STREQ(fp8.decode_attention(1, context).bound(), "memory");
}

TEST(RooflineParts, HalfLayersSumTheirOpsAndCountKernels)
{
  GpuSpec g = bare_gpu();
  g.attention_kernels = 10;
  g.kernel_fixed_us = 1;
  const RooflineCostModel cost(qwen32(), g);
  const PartCost attn = cost.attention_layer(8, 8 * 2048.0);
  double sum = 0;
  int kernels = 0;
  for (const auto& op : attn.ops) {
    sum += op.time_s;
    kernels += op.kernels;
  }
  EXPECT_DOUBLE_EQ(attn.time_s, sum);
  EXPECT_EQ(kernels, 10);
  const auto full = estimate_decode(cost, StepPart::full, 8, 2048);
  EXPECT_DOUBLE_EQ(full.time_s, 64 * (attn.time_s + cost.ffn_layer(8).time_s));
  EXPECT_DOUBLE_EQ(estimate_decode(cost, StepPart::ffn, 8, 2048).time_s, 64 * cost.ffn_layer(8).time_s);
}

TEST(RooflineH20, DecodeFfnIsFlatBelowTheTileAndGrowsAfter)
{
  // The H20 signature of brief §4: m = 16 and m = 64 cost the same (64-row tiles, compute-bound).
  const RooflineCostModel cost(qwen32(), gpu_preset("h20"));
  EXPECT_DOUBLE_EQ(cost.ffn_layer(16).ops[0].compute_s, cost.ffn_layer(64).ops[0].compute_s);
  EXPECT_STREQ(cost.ffn_layer(16).ops[0].bound(), "compute");
  EXPECT_GT(cost.ffn_layer(128).time_s, 1.8 * cost.ffn_layer(64).time_s);
}

TEST(FixedCostModel, ReturnsTheConfiguredTimes)
{
  CostModelConfig c;
  c.kind = CostModelKind::fixed;
  c.attention_us = 30;
  c.ffn_us = 50;
  c.lm_head_us = 7;
  const FixedCostModel f(c);
  EXPECT_DOUBLE_EQ(f.attention_layer_s(1, 1e6), 30e-6);
  EXPECT_DOUBLE_EQ(f.ffn_layer_s(4096), 50e-6);
  EXPECT_DOUBLE_EQ(f.lm_head_s(3), 7e-6);
}
