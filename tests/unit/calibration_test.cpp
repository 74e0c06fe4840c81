// The cost model against real measurements: the h100-sxm preset against the H100 runs of
// ../shared/calibration/h100-sxm (and `afdsim calibrate` giving that preset back), the h20 preset
// against published H20 kernel timings, and the ideal roofline against Step-3's cost table. The
// per-row errors are in docs/validation.md (scripts/validation_report.py).
#include "sim/config/csv_table.hpp"
#include "sim/cost/calibration.hpp"
#include "sim/cost/ideal_roofline.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace afdsim;

namespace {

const std::string kH100Dir = std::string(AFDSIM_SHARED_DIR) + "/calibration/h100-sxm/";
const std::string kH20Dir = std::string(AFDSIM_SOURCE_DIR) + "/profiles/h20-infersim/";

// A kernel timed alone (CUDA events, or a Python timer, around one launch) pays launch latency
// that the CUDA graphs of whole decode steps hide: one constant per data set. H100: fitted with
// the preset by `afdsim calibrate`; H20: fitted by hand with the preset (docs/cost-model.md).
constexpr double kH100OpOverheadUs = 8.68;
constexpr double kH20OpOverheadUs = 2.4;

OperatorTables read_tables(const std::string& dir, const std::vector<std::string>& names)
{
  OperatorTables t;
  for (const auto& name : names)
    add_table_csv(read_table_file(dir + name, dir, ""), dir + name, t);
  return t;
}

ErrorSummary summary_of(const std::vector<CalibrationRow>& rows, const std::string& kind)
{
  for (const auto& s : summarize_errors(rows)) {
    if (s.kind == kind)
      return s;
  }
  ADD_FAILURE() << "no " << kind << " rows";
  return {};
}

std::vector<CalibrationRow> h100_rows(const OperatorTables& t)
{
  return predict_rows(t, model_preset("qwen3-32b"), gpu_preset("h100-sxm"), kH100OpOverheadUs);
}

// Each value of `fitted` is the shipped preset's, to the preset's rounding (3 digits).
void expect_shipped(const CalibrationResult& fit)
{
  GpuSpec shipped = gpu_preset("h100-sxm");
  for (const auto& p : fit.parameters) {
    double want = kH100OpOverheadUs;
    for (const auto& f : gpu_fields()) {
      if (f.key == p.name)
        want = shipped.*std::get<double GpuSpec::*>(f.member);
    }
    EXPECT_NEAR(p.fitted, want, std::max(0.006 * want, 0.01)) << p.name << " started at " << p.start;
  }
  EXPECT_EQ(fit.parameters.size(), 10u);  // 9 efficiency and fixed-cost parameters + op_overhead_us
  EXPECT_TRUE(fit.converged);
  EXPECT_EQ(fit.gpu.attention_kernels, 20);
  EXPECT_EQ(fit.gpu.ffn_kernels, 9);
}

} // namespace

TEST(CalibrationH100, DecodeStepsMedianWithin8PercentWorstWithin20)
{
  const auto t = read_tables(kH100Dir, {"decode_step.csv"});
  ASSERT_EQ(t.steps.size(), 38u);
  const ErrorSummary s = summary_of(h100_rows(t), "step");
  EXPECT_LE(s.median_abs_error, 0.08);
  EXPECT_LE(s.max_abs_error, 0.20);
}

TEST(CalibrationH100, GemmOpsInDecodeRangeWithin20Percent)
{
  auto t = read_tables(kH100Dir, {"gemm.csv"});
  ASSERT_EQ(t.gemm.size(), 104u);
  t.gemm.erase(std::remove_if(t.gemm.begin(), t.gemm.end(), [](const auto& g) { return g.m > 256; }), t.gemm.end());
  const ErrorSummary s = summary_of(h100_rows(t), "gemm");
  EXPECT_EQ(s.rows, 72u);
  EXPECT_LE(s.max_abs_error, 0.20);
}

TEST(CalibrationH100, DecodeAttentionOpsWithin20Percent)
{
  const ErrorSummary s = summary_of(h100_rows(read_tables(kH100Dir, {"decode_attention.csv"})), "attention");
  EXPECT_EQ(s.rows, 46u);
  EXPECT_LE(s.max_abs_error, 0.20);
}

// `afdsim calibrate --hardware h100-sxm --measurements ../shared/calibration/h100-sxm` gives the
// shipped preset back, and so does a start far from it: the least-squares problem has one answer.
TEST(CalibrationH100, LeastSquaresFitGivesTheShippedPresetFromAnyStart)
{
  const auto t = read_tables(kH100Dir, {"decode_step.csv", "gemm.csv", "decode_attention.csv", "kernels_per_layer.csv"});
  const ModelSpec qwen = model_preset("qwen3-32b");
  expect_shipped(calibrate(t, qwen, gpu_preset("h100-sxm"), FitOptions{}));

  GpuSpec far = gpu_preset("h100-sxm");
  far.gemm_mfu = 0.5;
  far.gemm_fill_rows = 20;
  far.gemm_mbu = 0.95;
  far.gemm_fixed_us = 10;
  far.attention_mbu_bf16_kv = 0.5;
  far.attention_half_ctas = 10;
  far.attention_fixed_us = 15;
  far.elementwise_mbu = 0.4;
  far.kernel_fixed_us = 1;
  expect_shipped(calibrate(t, qwen, far, FitOptions{}));
}

TEST(CalibrationH20, PublishedKernelTimingsWithin15Percent)
{
  const auto t = read_tables(kH20Dir, {"gemm.csv", "decode_attention.csv"});
  ASSERT_EQ(t.gemm.size(), 21u);
  ASSERT_EQ(t.attention.size(), 29u);
  // GEMM shapes of Qwen3-32B; the attention rows carry their own heads (32 q / 8 KV).
  const auto rows = predict_rows(t, model_preset("qwen3-32b"), gpu_preset("h20"), kH20OpOverheadUs);
  EXPECT_LE(summary_of(rows, "all").max_abs_error, 0.15);
}

// Step-3 Tables 2, 4, 5, 6 (afd-literature.md V1): Qwen3-32B, FP8 everywhere, 8K and 32K context.
TEST(CalibrationStep3, Qwen3_32bCostTableWithin2Percent)
{
  ModelSpec m = model_preset("qwen3-32b");
  m.kv_cache = Dtype::fp8;
  struct Gpu {
    const char* name;
    double flops, bytes_per_s, usd_per_hour;
  };
  const Gpu h20{"H20", 2.96e14, 4.0e12, 0.8};
  const Gpu h800{"H800", 1.98e15, 3.35e12, 2.0};
  auto within = [](double got, double want) { EXPECT_NEAR(got / want, 1.0, 0.02) << got << " vs " << want; };

  const auto c8k = ideal_token_cost(m, 8192, h20.flops, h20.bytes_per_s);
  const auto c32k = ideal_token_cost(m, 32768, h20.flops, h20.bytes_per_s);
  within(c8k.kv_bytes, 1.07e9);
  within(c32k.kv_bytes, 4.29e9);
  within(c8k.attention_core_flops, 1.72e10);
  within(c32k.attention_core_flops, 6.87e10);
  within(c8k.linear_flops, 1.21e10);
  within(c8k.ffn_flops, 5.03e10);
  within(usd_per_million_tokens(c8k.attention_s, h20.usd_per_hour), 0.069);
  within(usd_per_million_tokens(c32k.attention_s, h20.usd_per_hour), 0.248);
  within(usd_per_million_tokens(c8k.ffn_s, h20.usd_per_hour), 0.038);
  const auto d8k = ideal_token_cost(m, 8192, h800.flops, h800.bytes_per_s);
  const auto d32k = ideal_token_cost(m, 32768, h800.flops, h800.bytes_per_s);
  within(usd_per_million_tokens(d8k.attention_s, h800.usd_per_hour), 0.181);
  within(usd_per_million_tokens(d32k.attention_s, h800.usd_per_hour), 0.716);
  within(usd_per_million_tokens(d8k.ffn_s, h800.usd_per_hour), 0.014);
}
