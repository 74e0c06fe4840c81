// `afdsim estimate --tables` (the profiled cost model for one shape) and `--set`: measured points
// come back exactly, with their source; bad overrides exit 2.
#include "run_afdsim.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using afdsim::test::run_afdsim;

namespace {

const std::string kH100 = std::string(AFDSIM_SOURCE_DIR) + "/profiles/h100-sxm";

nlohmann::json estimate(const std::string& args)
{
  const auto r = run_afdsim("estimate --hardware h100-sxm --model qwen3-32b --json " + args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

} // namespace

TEST(EstimateTables, MeasuredStepsComeBackExactly)
{
  // decode_step.csv: attn,fp8,bf16,8,2048,64,7.3037 and ffn,fp8,bf16,64,,64,11.5551.
  const auto attn = estimate("--tables '" + kH100 + "' --part attn --batch 8 --context 2048");
  EXPECT_NEAR(attn.at("time_ms").get<double>(), 7.3037, 1e-12);
  EXPECT_EQ(attn.at("cost_model"), "profiled");
  ASSERT_EQ(attn.at("ops_per_layer").size(), 1u);
  EXPECT_EQ(attn.at("ops_per_layer")[0].at("name"), "attention_half_layer");
  EXPECT_EQ(attn.at("ops_per_layer")[0].at("source"), "measured");
  const auto ffn = estimate("--tables '" + kH100 + "' --part ffn --batch 64");
  EXPECT_NEAR(ffn.at("time_ms").get<double>(), 11.5551, 1e-12);
  // Halfway between the measured batches 64 and 128 (12.7559 ms): the mean.
  EXPECT_NEAR(estimate("--tables '" + kH100 + "' --part ffn --batch 96").at("time_ms").get<double>(),
              (11.5551 + 12.7559) / 2, 1e-12);
  // Without tables: the roofline, every op's source says so.
  const auto attention = estimate("--part attn --batch 8 --context 2048");  // the loop must not outlive it
  for (const auto& op : attention.at("ops_per_layer"))
    EXPECT_EQ(op.at("source"), "roofline");
}

TEST(EstimateTables, SetChangesPresetFieldsAndRefusesUnknownOnes)
{
  const auto base = estimate("--part attn --batch 8 --context 2048");
  const auto half = estimate("--part attn --batch 8 --context 2048 --set model.layers=32");
  EXPECT_NEAR(half.at("time_ms").get<double>(), base.at("time_ms").get<double>() / 2, 1e-12);
  const auto r = run_afdsim("estimate --hardware h100-sxm --model qwen3-32b --part attn --batch 8 --set model.heads=4");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("afdsim: error: --set: heads: unknown field; the fields are: hidden_size, layers,", 0), 0u) << r.err;
  const auto bad = run_afdsim("estimate --hardware h100-sxm --model qwen3-32b --part attn --batch 8 --set gemm_mfu=1");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "afdsim: error: --set: expected model.KEY=VALUE or hardware.KEY=VALUE, got 'gemm_mfu=1'\n");
}
