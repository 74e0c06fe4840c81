// `afdsim calibrate` from the command line: the fit's report, the preset file a scenario loads,
// the least-squares solver on a problem with a known answer, and bad input (exit 2).
#include "run_afdsim.hpp"
#include "scenario_text.hpp"
#include "sim/cost/least_squares.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

using namespace afdsim;
using afdsim::test::read_text_file;
using afdsim::test::run_afdsim;

namespace {

const std::string kH100 = std::string(AFDSIM_SHARED_DIR) + "/calibration/h100-sxm";
const std::string kH20 = std::string(AFDSIM_SOURCE_DIR) + "/profiles/h20-infersim";

} // namespace

TEST(LeastSquares, RecoversTheParametersOfAnExactModelWithinBounds)
{
  // y = a exp(-b t) + c, sampled without noise; then a bound holds c at 0.5 instead of its 0.3.
  const double a = 2.5, b = 0.7, c = 0.3;
  LeastSquaresProblem p;
  p.lower = {0, 0, 0};
  p.upper = {10, 10, 10};
  p.residuals = [&](const std::vector<double>& x) {
    std::vector<double> r;
    for (int i = 0; i < 20; ++i) {
      const double t = 0.25 * i;
      r.push_back(x[0] * std::exp(-x[1] * t) + x[2] - (a * std::exp(-b * t) + c));
    }
    return r;
  };
  const LeastSquaresResult free = least_squares(p, {1, 1, 1});
  EXPECT_TRUE(free.converged);
  EXPECT_NEAR(free.x[0], a, 1e-6);
  EXPECT_NEAR(free.x[1], b, 1e-6);
  EXPECT_NEAR(free.x[2], c, 1e-6);
  EXPECT_LT(free.cost, 1e-12);
  p.lower[2] = 0.5;
  const LeastSquaresResult bounded = least_squares(p, {1, 1, 1});
  EXPECT_DOUBLE_EQ(bounded.x[2], 0.5);
  EXPECT_GT(bounded.cost, 1e-6);  // the bound costs something
}

TEST(CalibrateCommand, FitsH100AndWritesAPresetAScenarioLoads)
{
  const std::string out = "/tmp/afdsim-calibrate-" + std::to_string(::getpid()) + ".yaml";
  const auto r = run_afdsim("calibrate --hardware h100-sxm --measurements '" + kH100 + "' --json --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "afdsim calibrate: wrote " + out + "\n");
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j.at("rows").size(), 38u + 104u + 46u);
  EXPECT_EQ(j.at("summary").at("step").at("rows"), 38);
  EXPECT_LE(j.at("summary").at("step").at("max_abs_error").get<double>(), 0.10);
  EXPECT_TRUE(j.at("fit").at("converged").get<bool>());
  EXPECT_LT(j.at("fit").at("cost").get<double>(), j.at("fit").at("start_cost").get<double>() + 1e-12);

  // The written hardware section, in place of a scenario's, gives the fitted values.
  const std::string preset = read_text_file(out);
  std::filesystem::remove(out);
  EXPECT_EQ(preset.rfind("# Written by afdsim calibrate --hardware h100-sxm --model qwen3-32b\n", 0), 0u) << preset;
  const Scenario s = afdsim::test::load_test_scenario(preset + "model:\n  preset: qwen3-32b\nplatform:\n  file: platform.xml\n");
  for (const auto& p : j.at("parameters")) {
    const std::string name = p.at("name");
    if (name == "op_overhead_us")
      continue;
    for (const auto& f : gpu_fields()) {
      if (f.key == name)
        EXPECT_EQ(s.hardware.*std::get<double GpuSpec::*>(f.member), p.at("fitted").get<double>()) << name;
    }
  }
  EXPECT_EQ(s.hardware.attention_kernels, 20);
}

TEST(CalibrateCommand, NoFitPrintsThePresetsErrorsRowByRow)
{
  const auto r = run_afdsim("calibrate --hardware h20 --measurements '" + kH20 + "' --op-overhead-us 2.4 --no-fit");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("not fitted (--no-fit): the preset as it is, op_overhead_us 2.4\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("| gemm gate_up fp8 m=16 | " + kH20 + "/gemm.csv:7 | 141.90 us | 142.72 us | +0.6% |\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("| all | 50 | "), std::string::npos) << r.out;
}

TEST(CalibrateCommand, BadInputExitsTwoNamingTheFlagOrTheLine)
{
  const auto unknown = run_afdsim("calibrate --hardware h100-sxm --measurements '" + kH100 + "' --fit gemm_mfu,warp_speed");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err.rfind("afdsim: error: --fit: unknown parameter 'warp_speed'; the fittable ones are: gemm_mfu,", 0), 0u)
      << unknown.err;
  const auto preset = run_afdsim("calibrate --hardware a100 --measurements '" + kH100 + "'");
  EXPECT_EQ(preset.exit_code, 2);
  EXPECT_EQ(preset.err.rfind("afdsim: error: --hardware: unknown hardware preset 'a100'", 0), 0u) << preset.err;
  const std::string bad = std::string(AFDSIM_SOURCE_DIR) + "/tests/data/profiles/bad-line/gemm.csv";
  const auto line = run_afdsim("calibrate --hardware h100-sxm --measurements '" + bad + "'");
  EXPECT_EQ(line.exit_code, 2);
  EXPECT_EQ(line.err, "afdsim: error: " + bad + ":3:22: time_us_median: must be a finite number > 0, got '-3'\n");
  const auto set = run_afdsim("calibrate --hardware h100-sxm --measurements '" + kH100 + "' --set gemm_mfu=2");
  EXPECT_EQ(set.exit_code, 2);
  EXPECT_EQ(set.err, "afdsim: error: --set: gemm_mfu: must be a number in [0.01, 1], got '2'\n");
  const std::string out = "/tmp/afdsim-calibrate-bad-" + std::to_string(::getpid()) + ".yaml";
  const auto none = run_afdsim("calibrate --hardware h100-sxm --measurements /nonexistent.csv --out " + out);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err, "afdsim: error: --measurements: cannot read '/nonexistent.csv': not a regular file\n");
  EXPECT_FALSE(std::filesystem::exists(out));
}
