// One slow attention worker (deployment.attention_slowdown): the FFN waits on the barrier for
// it and everyone's bubbles change by the amounts derived below.
#include "engine_test_support.hpp"

#include <gtest/gtest.h>

namespace afdsim::test {
namespace {

double total_wait_s(const SimulationResult& result, int worker, WaitCause cause)
{
  double sum = 0;
  for (const auto& w : result.log.waits)
    if (w.worker == worker && w.cause == cause)
      sum += w.end_s - w.start_s;
  return sum;
}

// r = 2, m = 1, Ta = Tf = 10 us; worker 1 runs attention `slowdown` times slower.
// Per layer, with b the bytes of one message, C1 = lat + b/bw (a transfer alone) and
// C2 = lat + 2b/bw (two at once on the FFN's link):
//   balanced: both send together (C2), FFN replies to both together (C2):
//     period P1 = Ta + C2 + Tf + C2, no barrier wait.
//   slow: worker 0 sends (s-1) Ta before worker 1, longer than C1, so the sends do not overlap:
//     period Ps = s Ta + C1 + Tf + C2, barrier wait (s-1) Ta per layer.
// Attention worker i waits P - Ta_i for the FFN per layer (L times per step, LM head = 0).
TEST(EngineSlowWorker, BarrierAndBubblesGrowAsDerived)
{
  const int layers = 3;
  const int steps = 3;
  const double ta_s = 10e-6;
  const double tf_s = 10e-6;
  const double slowdown = 1.5;
  Scenario balanced = fixed_scenario(2, 1, layers, ta_s * 1e6, tf_s * 1e6, 2);
  Scenario slow = balanced;
  slow.deployment.attention_slowdown = {1.0, slowdown};
  const SimulationResult b = simulate_in_child(balanced);
  const SimulationResult s = simulate_in_child(slow);

  const double bytes = 2 * kBf16ActivationBytesPerToken;
  const double c1_s = transfer_s(bytes);
  const double c2_s = transfer_s(2 * bytes);
  ASSERT_GT((slowdown - 1) * ta_s, c1_s);
  const double p1_s = ta_s + c2_s + tf_s + c2_s;
  const double ps_s = slowdown * ta_s + c1_s + tf_s + c2_s;
  const int ffn = 2;
  const double tol = 1e-12;

  EXPECT_EQ(total_wait_s(b, ffn, WaitCause::barrier), 0.0);
  EXPECT_NEAR(total_wait_s(s, ffn, WaitCause::barrier), steps * layers * (slowdown - 1) * ta_s, tol);

  EXPECT_NEAR(total_wait_s(b, 0, WaitCause::ffn_result), steps * layers * (p1_s - ta_s), tol);
  EXPECT_NEAR(total_wait_s(b, 1, WaitCause::ffn_result), steps * layers * (p1_s - ta_s), tol);
  EXPECT_NEAR(total_wait_s(s, 0, WaitCause::ffn_result), steps * layers * (ps_s - ta_s), tol);
  EXPECT_NEAR(total_wait_s(s, 1, WaitCause::ffn_result), steps * layers * (ps_s - slowdown * ta_s), tol);
  // Worker 0's bubble grows by the slow worker's extra time (less the send it no longer shares);
  // worker 1 is busier and waits a little less.
  EXPECT_NEAR(total_wait_s(s, 0, WaitCause::ffn_result) - total_wait_s(b, 0, WaitCause::ffn_result),
              steps * layers * ((slowdown - 1) * ta_s + c1_s - c2_s), tol);

  for (const auto& step : s.log.steps)
    EXPECT_NEAR(step_duration_s(step), layers * ps_s, 1e-9 * layers * ps_s);
  // FFN idle (first input + barrier) = period - Tf per layer, except the run's very first wait,
  // which has no reply in flight before it (C2 shorter).
  EXPECT_NEAR(total_wait_s(s, ffn, WaitCause::first_input) + total_wait_s(s, ffn, WaitCause::barrier),
              steps * layers * (ps_s - tf_s) - c2_s, tol);
}

} // namespace
} // namespace afdsim::test
