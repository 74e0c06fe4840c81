// The report's `analytic` object on real runs of scenarios/fixed-cost-oracle.yaml (constant op
// times: Ta 100 us, Tf 150 us, T_lm 20 us, L 64, B 45, BF16 activations of 10240 B per token,
// NVLink routes of 1 us and 450 GB/s). Where the theory says a form is exact, it must match the
// simulated step to rounding:
// - m = 1: the serial form L (Ta + Tc + Tf + Tc) + T_lm (AIConfigurator's serial cycle) is exact;
//   MegaScale-Infer and K=3 are not (their condition on m fails), nor is the seed's (it never is:
//   it overlaps attention with an FFN it divides by r, and adds every transfer).
// - m = 3: MegaScale-Infer and AIConfigurator K=3 are exact (the FFN side never waits).
// - colocated: the data-parallel and TP ring closed forms are exact.
#include "tests/unit/run_afdsim.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>

namespace afdsim::test {
namespace {

using nlohmann::json;

constexpr double kUs = 1e-6;
const std::string kOracle = AFDSIM_SOURCE_DIR "/scenarios/fixed-cost-oracle.yaml";

json analytic_of(const std::string& sets)
{
  const ProcessResult r = run_afdsim("run '" + kOracle + "' " + sets + " --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out).at("analytic");
}

double at(const json& j, const std::string& pointer) { return j.at(json::json_pointer(pointer)).get<double>(); }

TEST(AnalyticRun, OneMicrobatchMatchesTheSerialFormOnly)
{
  const json a = analytic_of("");
  ASSERT_TRUE(a.at("applicable").get<bool>());
  // Tc = 1 us + 45 x 10240 B / 450 GB/s = 2.024 us each way.
  EXPECT_NEAR(at(a, "/inputs/a2f/shared_s"), 2.024 * kUs, 1e-15);
  EXPECT_NEAR(at(a, "/inputs/f2a/single_s"), 2.024 * kUs, 1e-15);
  // Serial: 64 x (100 + 2.024 + 150 + 2.024) + 20 = 16279.072 us, the simulated step exactly.
  EXPECT_NEAR(at(a, "/aiconfigurator/step_serial_s/analytic"), 16279.072 * kUs, 1e-12);
  EXPECT_NEAR(at(a, "/aiconfigurator/step_serial_s/simulated"), 16279.072 * kUs, 1e-9);
  EXPECT_LT(std::abs(at(a, "/aiconfigurator/step_serial_s/relative_difference")), 1e-9);
  // MegaScale: 254.048 + 150 x 63 + 20 = 9724.048 us, 40% short: m = 1 < 2 (1 + 2.024 / 150).
  EXPECT_NEAR(at(a, "/megascale_infer/step_s/analytic"), 9724.048 * kUs, 1e-12);
  EXPECT_NEAR(at(a, "/megascale_infer/step_s/relative_difference"), 9724.048 / 16279.072 - 1, 1e-9);
  EXPECT_FALSE(a.at("/megascale_infer/condition_met"_json_pointer).get<bool>());
  EXPECT_FALSE(a.at("/aiconfigurator/k3_applies"_json_pointer).get<bool>());
  // Seed: T = max(6.4, 9.6 / 1) ms + 64 x 2 x 2.024 us = 9.859072 ms; claim 16 / 9.859072 = 1.62x,
  // while per GPU AFD (2 GPUs) reaches 16.02 / (2 x 16.279072) = 0.49x of data parallel.
  EXPECT_NEAR(at(a, "/seed_formula/step_s/analytic"), 9859.072 * kUs, 1e-12);
  EXPECT_NEAR(at(a, "/seed_formula/speedup/analytic"), 16.0 / 9.859072, 1e-9);
  EXPECT_NEAR(at(a, "/seed_formula/speedup/simulated"), 16.02 / (2 * 16.279072), 1e-9);
  EXPECT_NEAR(at(a, "/colocated_data_parallel/step_s"), 16020 * kUs, 1e-12);
  // Song: tau = max(64 x 100 + 20, t_C, 64 x 150) us = 9.6 ms (FFN); 45 / (2 x 9.6 ms) per GPU.
  EXPECT_NEAR(at(a, "/song/tau_s/analytic"), 9600 * kUs, 1e-12);
  EXPECT_EQ(a.at("/song/bound"_json_pointer), "ffn");
  EXPECT_NEAR(at(a, "/song/tokens_per_s_per_gpu/analytic"), 2343.75, 1e-9);
  EXPECT_TRUE(a.at("/song/r_star"_json_pointer).is_null());  // the fixed FFN time does not grow: no r*
  // theta = 2048 + 511 / 2; the engine reads one token more.
  EXPECT_DOUBLE_EQ(at(a, "/song/theta_tokens"), 2303.5);
  EXPECT_DOUBLE_EQ(at(a, "/song/mean_context_tokens/analytic"), 2304.5);
  EXPECT_NEAR(at(a, "/song/mean_context_tokens/relative_difference"), 0, 0.01);
}

TEST(AnalyticRun, ThreeMicrobatchesMatchMegaScaleAndK3)
{
  // r = 2, m = 3: 15 tokens per message, both workers' at once through the FFN's links:
  // Tc = 1 us + 2 x 15 x 10240 / 450e9 s = 1.682667 us. MegaScale = (250 + 3.365333) + 150 x 191 + 20
  // = 28923.365333 us.
  const json a = analytic_of("--set deployment.microbatches=3 --set deployment.attention_workers=2");
  const double tc_s = 1 * kUs + 2 * 15 * 10240 / 450e9;
  EXPECT_NEAR(at(a, "/inputs/a2f/shared_s"), tc_s, 1e-15);
  const double megascale_s = (250 * kUs + 2 * tc_s) + 150 * kUs * 191 + 20 * kUs;
  EXPECT_NEAR(at(a, "/megascale_infer/step_s/analytic"), megascale_s, 1e-12);
  EXPECT_TRUE(a.at("/megascale_infer/condition_met"_json_pointer).get<bool>());
  EXPECT_LT(std::abs(at(a, "/megascale_infer/step_s/relative_difference")), 1e-9);
  EXPECT_TRUE(a.at("/aiconfigurator/k3_applies"_json_pointer).get<bool>());
  EXPECT_LT(std::abs(at(a, "/aiconfigurator/step_optimistic_s/relative_difference")), 1e-9);
  // K=2 charges the transfer in every cycle: + 1.682667 us x 191 over the simulation.
  EXPECT_NEAR(at(a, "/aiconfigurator/step_k2_s/analytic") - megascale_s, tc_s * 191, 1e-12);
}

TEST(AnalyticRun, ColocatedClosedFormsAreExact)
{
  // Data parallel on 2 GPUs: 64 x 250 + 20 = 16020 us.
  json a = analytic_of("--set deployment.mode=colocated --set deployment.gpus=2");
  EXPECT_EQ(a.at("mode"), "colocated");
  EXPECT_NEAR(at(a, "/closed_form/step_s/analytic"), 16020 * kUs, 1e-12);
  EXPECT_LT(std::abs(at(a, "/closed_form/step_s/relative_difference")), 1e-9);
  EXPECT_TRUE(a.at("allreduce").is_null());
  // TP 2 (ring): 2 x 1 x (1 us + 460800 B / (2 x 450 GB/s)) = 3.024 us per all-reduce, two per
  // layer: 64 x (250 + 6.048) + 20 = 16407.072 us.
  a = analytic_of("--set deployment.mode=colocated --set deployment.gpus=4 --set deployment.tensor_parallel=2");
  EXPECT_NEAR(at(a, "/allreduce/ring_s"), 3.024 * kUs, 1e-15);
  EXPECT_NEAR(at(a, "/closed_form/step_s/analytic"), 16407.072 * kUs, 1e-12);
  EXPECT_LT(std::abs(at(a, "/closed_form/step_s/relative_difference")), 1e-9);
}

TEST(AnalyticRun, ConsoleShowsTheTable)
{
  const ProcessResult r = run_afdsim("run '" + kOracle + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* text : {"Analytic estimates beside the simulation", "step (ms): MegaScale-Infer",
                           "step (ms): AIConfigurator serial        16.279      16.279", "Song r* = n/a"})
    EXPECT_NE(r.out.find(text), std::string::npos) << text << "\n" << r.out;
}

} // namespace
} // namespace afdsim::test
