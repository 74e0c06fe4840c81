// The pipeline against the closed forms of brief §2.2, with the fixed cost model: constant op
// times, transfer time = route latency + bytes / bandwidth (CM02, crosstraffic off).
#include "engine_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace afdsim::test {
namespace {

TEST(EngineClosedForm, OneWorkerOneMicrobatchIsSequential)
{
  const int layers = 4;
  const int batch = 8;
  const double ta_s = 30e-6;
  const double tf_s = 20e-6;
  const SimulationResult result = simulate_in_child(fixed_scenario(1, 1, layers, ta_s * 1e6, tf_s * 1e6, batch));

  const double tc_s = transfer_s(batch * kBf16ActivationBytesPerToken);
  const double expected_s = layers * (ta_s + tc_s + tf_s + tc_s);
  ASSERT_EQ(result.log.steps.size(), 3u);
  for (const auto& step : result.log.steps)
    EXPECT_NEAR(step_duration_s(step), expected_s, 1e-9 * expected_s) << "step " << step.step;
  ASSERT_EQ(result.log.transfers.size(), 3u * layers * 2);
  for (const auto& t : result.log.transfers)
    EXPECT_NEAR(t.end_s - t.start_s, tc_s, 1e-9 * tc_s);
}

// MegaScale-Infer: step = (Ta + Tf + 2Tc) + max(Ta, Tf) (mL - 1) when m >= 2 (1 + Tc/Tf).
double megascale_step_s(double t_s, double tc_s, int m, int layers)
{
  return (2 * t_s + 2 * tc_s) + t_s * (m * layers - 1);
}

TEST(EngineClosedForm, BalancedThreeMicrobatchesMatchMegaScale)
{
  // r = 2: both workers' activations share the FFN's down link, both replies its up link.
  const int r = 2;
  const int m = 3;
  const int layers = 4;
  const int batch = 6;  // 2 tokens per microbatch
  const double t_s = 10e-6;
  const SimulationResult result = simulate_in_child(fixed_scenario(r, m, layers, t_s * 1e6, t_s * 1e6, batch));

  const double tc_s = transfer_s(r * 2 * kBf16ActivationBytesPerToken);
  ASSERT_GE(m, 2 * (1 + tc_s / t_s));  // the closed form's condition holds
  const double expected_s = megascale_step_s(t_s, tc_s, m, layers);
  ASSERT_EQ(result.log.steps.size(), 3u * r);
  for (const auto& step : result.log.steps) {
    EXPECT_NEAR(step_duration_s(step), expected_s, 1e-3 * expected_s);
    EXPECT_NEAR(step_duration_s(step), expected_s, 1e-9 * expected_s);  // in fact exact
  }
}

TEST(EngineClosedForm, BalancedTwoMicrobatchesApproachMegaScale)
{
  // m = 2 meets MegaScale's condition only when Tc = 0: each layer's round trip then costs 2Tc
  // more than the closed form, (L - 1) 2Tc per step exactly, which is < 0.1% for Tc << T.
  const int m = 2;
  const int layers = 4;
  const int batch = 2;
  const double t_s = 5e-3;
  const SimulationResult result = simulate_in_child(fixed_scenario(1, m, layers, t_s * 1e6, t_s * 1e6, batch));

  const double tc_s = transfer_s(kBf16ActivationBytesPerToken);
  const double megascale_s = megascale_step_s(t_s, tc_s, m, layers);
  const double exact_s = megascale_s + (layers - 1) * 2 * tc_s;
  for (const auto& step : result.log.steps) {
    EXPECT_NEAR(step_duration_s(step), megascale_s, 1e-3 * megascale_s);
    EXPECT_NEAR(step_duration_s(step), exact_s, 1e-9 * exact_s);
  }
}

TEST(EngineClosedForm, ActivitiesCountEveryExecAndMessage)
{
  const int r = 2;
  const int m = 2;
  const int layers = 3;
  Scenario s = fixed_scenario(r, m, layers, 10, 10, 4);
  s.cost_model.lm_head_us = 5;
  const SimulationResult result = simulate_in_child(s);
  const uint64_t steps = 3;
  const uint64_t execs = steps * (uint64_t{r} * m * layers + uint64_t{m} * layers + r);  // attention, FFN, LM head
  const uint64_t messages = steps * m * layers * 2 * uint64_t{r};
  EXPECT_EQ(result.log.activities, execs + messages);
  EXPECT_EQ(result.log.computes.size(), execs);
  EXPECT_EQ(result.log.transfers.size(), messages);
  // The LM head closes each step: 5 us ending exactly at the step's end.
  int lm_heads = 0;
  for (const auto& c : result.log.computes) {
    if (c.kind != ComputeKind::lm_head)
      continue;
    ++lm_heads;
    EXPECT_NEAR(c.end_s - c.start_s, 5e-6, 1e-15);
    const auto step = std::find_if(result.log.steps.begin(), result.log.steps.end(),
                                   [&](const StepRecord& st) { return st.worker == c.worker && st.step == c.step; });
    ASSERT_NE(step, result.log.steps.end());
    EXPECT_EQ(step->end_s, c.end_s);
  }
  EXPECT_EQ(lm_heads, 3 * r);
}

} // namespace
} // namespace afdsim::test
