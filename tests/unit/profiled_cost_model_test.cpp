// The profiled cost model: table interpolation against closed forms, measured points given back
// exactly, the roofline where the tables stop (flagged), and the provenance of every op time.
#include "sim/cost/cost_provenance.hpp"
#include "sim/cost/profiled_cost_model.hpp"
#include "sim/cost/table_interpolation.hpp"
#include "sim/specs/tensor_parallel.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

using namespace afdsim;

namespace {

ModelSpec qwen32()
{
  ModelSpec m = model_preset("qwen3-32b");
  m.weights = Dtype::fp8;
  m.kv_cache = Dtype::bf16;
  return m;
}

OperatorTables tables_from(const std::vector<std::pair<std::string, std::string>>& files)
{
  OperatorTables t;
  for (const auto& [name, text] : files)
    add_table_csv(text, name, t);
  return t;
}

// A plane with a cross term, the form bilinear interpolation reproduces exactly.
double plane(double x, double y) { return 7 + 0.5 * x + 0.01 * y + 0.002 * x * y; }

const OpCost& op_named(const PartCost& part, const std::string& name)
{
  for (const auto& op : part.ops) {
    if (op.name == name)
      return op;
  }
  throw std::runtime_error("no op " + name);
}

} // namespace

TEST(TableInterpolation, OneDimensionIsPiecewiseLinearAndRefusesOutside)
{
  Table1D t("m");
  t.add(1, 10);
  t.add(64, 20);
  t.add(128, 40);
  EXPECT_EQ(t.at(64).source, OpSource::measured);
  EXPECT_DOUBLE_EQ(t.at(64).value, 20);
  const TableValue mid = t.at(96);
  EXPECT_EQ(mid.source, OpSource::interpolated);
  EXPECT_DOUBLE_EQ(mid.value, 30);  // halfway between 64 and 128
  EXPECT_DOUBLE_EQ(t.at(32.5).value, 10 + 10 * 31.5 / 63);
  const TableValue out = t.at(129);
  EXPECT_FALSE(out.found);
  EXPECT_EQ(out.reason, "m 129 outside the measured 1..128");
  EXPECT_FALSE(t.at(0.5).found);
}

TEST(TableInterpolation, TwoDimensionsAreBilinearAndExactOnAPlaneWithCrossTerm)
{
  Table2D t("batch", "context");
  for (double x : {1.0, 4.0, 16.0, 64.0})
    for (double y : {512.0, 2048.0, 8192.0})
      t.add(x, y, plane(x, y));
  for (const auto& [x, y] : std::vector<std::pair<double, double>>{{8, 1000}, {1, 3000}, {50, 512}, {2.5, 7000.25}}) {
    const TableValue v = t.at(x, y);
    ASSERT_TRUE(v.found) << x << "," << y;
    EXPECT_EQ(v.source, OpSource::interpolated);
    EXPECT_NEAR(v.value, plane(x, y), 1e-9 * plane(x, y)) << x << "," << y;
  }
  EXPECT_EQ(t.at(16, 2048).source, OpSource::measured);
  EXPECT_DOUBLE_EQ(t.at(16, 2048).value, plane(16, 2048));
  EXPECT_EQ(t.at(65, 1000).reason, "batch 65 outside the measured 1..64");
  EXPECT_EQ(t.at(8, 10000).reason, "context 10000 outside the measured 512..8192");
}

TEST(TableInterpolation, ACellWithAMissingCornerIsNotInterpolated)
{
  Table2D t("batch", "context");
  t.add(1, 512, 10);
  t.add(1, 2048, 20);
  t.add(8, 512, 30);  // (8, 2048) was not measured
  t.add(8, 8192, 50);
  t.add(1, 8192, 40);
  EXPECT_TRUE(t.at(4, 512).found);  // on the measured row
  const TableValue v = t.at(4, 1000);
  EXPECT_FALSE(v.found);
  EXPECT_EQ(v.reason, "no measured point at batch 8, context 2048 to interpolate from");
}

TEST(ProfiledCostModel, GemmTableTimesReplaceTheRooflineAndInterpolateLinearlyInTokens)
{
  const ModelSpec m = qwen32();
  const OperatorTables t = tables_from({{"gemm.csv", "op,weight_dtype,m,n,k,time_us_median\n"
                                                     "qkv,fp8,1,10240,5120,30\n"
                                                     "qkv,fp8,64,10240,5120,40\n"
                                                     "gate_up,fp8,16,51200,5120,100\n"
                                                     "gate_up,fp8,128,51200,5120,200\n"
                                                     "down,fp8,16,5120,25600,50\n"
                                                     "down,fp8,128,5120,25600,70\n"
                                                     "o,bf16,16,5120,8192,99\n"}});
  CostProvenanceLog log;
  const ProfiledCostModel cost(m, gpu_preset("h100-sxm"), t, ProfiledOptions{2.0, true}, &log);
  const RooflineCostModel roofline(m, gpu_preset("h100-sxm"));

  const PartCost ffn = cost.ffn_layer(72);  // gate_up 100 + 100 x 56/112, down 50 + 20 x 56/112; minus 2 us each
  EXPECT_EQ(op_named(ffn, "gate_up_gemm").source, OpSource::interpolated);
  EXPECT_NEAR(op_named(ffn, "gate_up_gemm").time_s, (150.0 - 2.0) * 1e-6, 1e-15);
  EXPECT_NEAR(op_named(ffn, "down_gemm").time_s, (60.0 - 2.0) * 1e-6, 1e-15);
  const OpCost& small = op_named(ffn, "norm_silu_mul_residual");
  EXPECT_EQ(small.source, OpSource::roofline);
  EXPECT_DOUBLE_EQ(small.time_s, op_named(roofline.ffn_layer(72), "norm_silu_mul_residual").time_s);
  EXPECT_DOUBLE_EQ(ffn.time_s, 148e-6 + 58e-6 + small.time_s);
  EXPECT_DOUBLE_EQ(cost.ffn_layer_s(72), ffn.time_s);

  const PartCost attn = cost.attention_layer(64, 64 * 2048.0);
  EXPECT_EQ(op_named(attn, "qkv_gemm").source, OpSource::measured);
  EXPECT_NEAR(op_named(attn, "qkv_gemm").time_s, 38e-6, 1e-15);
  // The o rows are BF16, the model's weights FP8: the tables hold o, not this shape.
  EXPECT_EQ(op_named(attn, "o_gemm").source, OpSource::fallback);
  EXPECT_DOUBLE_EQ(op_named(attn, "o_gemm").time_s, op_named(roofline.attention_layer(64, 64 * 2048.0), "o_gemm").time_s);
  // No decode_attention.csv at all: the roofline's, not a fallback.
  EXPECT_EQ(op_named(attn, "decode_attention").source, OpSource::roofline);
  // Outside the measured m: the roofline, flagged with the reason.
  EXPECT_EQ(op_named(cost.ffn_layer(256), "gate_up_gemm").source, OpSource::fallback);

  bool found_reason = false;
  for (const auto& e : log.entries()) {
    if (e.op == "gate_up_gemm" && e.shape == "m=256 n=51200 k=5120 fp8") {
      EXPECT_EQ(e.source, OpSource::fallback);
      EXPECT_EQ(e.reason, "m 256 outside the measured 16..128");
      found_reason = true;
    }
    if (e.op == "o_gemm")
      EXPECT_EQ(e.reason, "gemm.csv has no rows of this shape (n, k, weight dtype)");
    if (e.op == "gate_up_gemm" && e.shape == "m=72 n=51200 k=5120 fp8")
      EXPECT_EQ(e.lookups, 2u);  // ffn_layer and ffn_layer_s
  }
  EXPECT_TRUE(found_reason);
}

TEST(ProfiledCostModel, AttentionTableIsBilinearInRequestsAndContextPerRequest)
{
  ModelSpec m = qwen32();
  std::string csv = "batch,context,q_heads,kv_heads,head_dim,kv_dtype,time_us_median\n";
  for (int b : {1, 16, 64})
    for (int c : {512, 4096, 16384})
      csv += std::to_string(b) + "," + std::to_string(c) + ",64,8,128,bf16," + std::to_string(plane(b, c)) + "\n";
  const OperatorTables t = tables_from({{"decode_attention.csv", csv}});
  const ProfiledCostModel cost(m, gpu_preset("h20"), t, ProfiledOptions{});
  // 24 requests whose KV lengths sum to 24 x 3000.5: the table at (24, 3000.5).
  const OpCost a = op_named(cost.attention_layer(24, 24 * 3000.5), "decode_attention");  // a copy: the ops are a temporary
  EXPECT_EQ(a.source, OpSource::interpolated);
  EXPECT_NEAR(a.time_s * 1e6, plane(24, 3000.5), 1e-6);
  const OpCost exact = op_named(cost.attention_layer(16, 16 * 4096.0), "decode_attention");
  EXPECT_EQ(exact.source, OpSource::measured);
  EXPECT_NEAR(exact.time_s * 1e6, std::stod(std::to_string(plane(16, 4096))), 1e-9);
  // Another KV dtype: the tables hold decode attention, not of this shape.
  m.kv_cache = Dtype::fp8;
  const ProfiledCostModel fp8(m, gpu_preset("h20"), t, ProfiledOptions{});
  EXPECT_EQ(op_named(fp8.attention_layer(16, 16 * 4096.0), "decode_attention").source, OpSource::fallback);
}

TEST(ProfiledCostModel, TheLargestTimesTheTablesAcceptInterpolateToFiniteTimes)
{
  // 1e6 ms over one layer is 1e9 us per layer: between two such rows the FFN half-layer is the
  // same, not inf or NaN (what 1e308 gave before the reader bounded times).
  ModelSpec m = qwen32();
  m.layers = 1;
  const OperatorTables t = tables_from({{"decode_step.csv", "part,weight_dtype,kv_dtype,batch,context,layers,time_ms\n"
                                                            "ffn,fp8,bf16,1,,1,1e6\nffn,fp8,bf16,9,,1,1e6\n"}});
  const ProfiledCostModel cost(m, gpu_preset("h100-sxm"), t, ProfiledOptions{});
  EXPECT_DOUBLE_EQ(cost.ffn_layer(5).time_s, 1e3);
}

TEST(ProfiledCostModel, StepTableGivesWholeHalfLayersAndOpTablesTakeOverOutsideIt)
{
  const ModelSpec m = qwen32();
  const OperatorTables t = tables_from(
      {{"decode_step.csv", "part,weight_dtype,kv_dtype,batch,context,layers,time_ms_median\n"
                           "attn,fp8,bf16,8,512,64,6.4\n"
                           "attn,fp8,bf16,8,2048,64,7.68\n"
                           "attn,fp8,bf16,32,512,64,8.32\n"
                           "attn,fp8,bf16,32,2048,64,12.8\n"
                           "ffn,fp8,bf16,64,,64,11.52\n"
                           "ffn,fp8,bf16,128,,64,12.8\n"
                           "full,fp8,bf16,8,512,64,17.2\n"},
       {"gemm.csv", "op,weight_dtype,m,n,k,time_us_median\nqkv,fp8,1,10240,5120,30\nqkv,fp8,256,10240,5120,40\n"}});
  CostProvenanceLog log;
  const ProfiledCostModel cost(m, gpu_preset("h100-sxm"), t, ProfiledOptions{}, &log);
  // Per layer: attn (8, 512) 100 us, (8, 2048) 120, (32, 512) 130, (32, 2048) 200; ffn 180 and 200 us.
  const PartCost measured = cost.attention_layer(8, 8 * 2048.0);
  ASSERT_EQ(measured.ops.size(), 1u);
  EXPECT_EQ(measured.ops[0].name, "attention_half_layer");
  EXPECT_EQ(measured.ops[0].source, OpSource::measured);
  EXPECT_NEAR(measured.time_s, 120e-6, 1e-15);
  // (20, 1280): halfway in both: the mean of the four corners.
  EXPECT_NEAR(cost.attention_layer_s(20, 20 * 1280.0), (100 + 120 + 130 + 200) / 4.0 * 1e-6, 1e-15);
  EXPECT_NEAR(cost.ffn_layer_s(112), (180 + 20 * 48.0 / 64) * 1e-6, 1e-15);
  // Beyond the step table: op by op, the qkv GEMM from gemm.csv.
  const PartCost beyond = cost.attention_layer(64, 64 * 2048.0);
  EXPECT_EQ(op_named(beyond, "qkv_gemm").source, OpSource::interpolated);
  EXPECT_EQ(op_named(beyond, "decode_attention").source, OpSource::roofline);

  // A tensor-parallel shard has other shapes than the measured steps: op by op.
  const ProfiledCostModel shard(tensor_parallel_shard(m, 2), gpu_preset("h100-sxm"), t, ProfiledOptions{0, false});
  EXPECT_GT(shard.attention_layer(8, 8 * 2048.0).ops.size(), 1u);
  EXPECT_EQ(step_model_key(m), "hidden_size=5120 layers=64 q_heads=64 kv_heads=8 head_dim=128 "
                               "intermediate_size=25600 vocab_size=151936");
  EXPECT_NE(step_model_key(tensor_parallel_shard(m, 2)), step_model_key(m));
}
