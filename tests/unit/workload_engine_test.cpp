// Request lengths in simulated runs: the closed loop's mean context per slot against Song et al.'s
// theta, the requests the run records, and the FFN barrier against the Gaussian formula.
#include "engine_test_support.hpp"

#include "sim/engine/simulation.hpp"

#include "sim/analytic/gaussian_barrier.hpp"
#include "sim/metrics/metrics.hpp"
#include "sim/metrics/workload_metrics.hpp"
#include "sim/workload/slot_theta.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace afdsim::test {
namespace {

MeasurementWindow window_of(const Scenario& s, const SimulationResult& r)
{
  return measurement_window(r.log, s.workload.warmup_steps);
}

// Fixed lengths: every slot cycles through progress 0..D-1, so over a multiple of D steps the
// mean context per slot is exactly P + (D - 1) / 2.
TEST(WorkloadEngine, FixedLengthsGivePromptPlusHalfTheOutput)
{
  Scenario s = fixed_scenario(2, 2, 1, 10, 10, 6);
  s.workload.prompt_tokens = 100;
  s.workload.output_tokens = 4;
  s.workload.steps = 9;
  s.workload.warmup_steps = 1;  // window: 8 steps, two output lengths
  const SimulationResult r = simulate_in_child(s);
  EXPECT_DOUBLE_EQ(mean_context_per_slot_tokens(r.log, window_of(s, r)), 101.5);
  EXPECT_DOUBLE_EQ(theta_tokens(s.workload), 101.5);
}

// Song et al.'s closed loop with geometric lengths (prompt mean 100, output mean 500): theta =
// 100 + 499. Many slots, started length-biased (warm start), so a short run already measures it.
TEST(WorkloadEngine, GeometricClosedLoopMatchesTheta)
{
  Scenario s = fixed_scenario(4, 1, 1, 10, 10, 4096);
  s.workload.prompt_length = LengthDistribution::geometric_with_mean(100);
  s.workload.output_length = LengthDistribution::geometric_with_mean(500);
  s.workload.prompt_tokens = 100;
  s.workload.output_tokens = 500;
  s.workload.steps = 24;
  s.workload.warmup_steps = 4;
  s.workload.seed = 11;
  const SimulationResult r = simulate_in_child(s);
  const double theta = theta_tokens(s.workload);
  EXPECT_DOUBLE_EQ(theta, 599);
  EXPECT_NEAR(mean_context_per_slot_tokens(r.log, window_of(s, r)) / theta, 1, 0.02);
}

// Requests that join during the run are recorded once, with the lengths the source drew, one
// step per output token, from the end of the step before its first token to the end of its last.
void expect_requests_recorded(const SimulationResult& r)
{
  ASSERT_GT(r.log.requests.size(), 20u);
  std::map<int64_t, std::vector<const TokenRecord*>> tokens;
  for (const auto& t : r.log.tokens)
    tokens[t.request].push_back(&t);
  std::map<std::pair<int, int>, double> step_end_s;  // (worker, step)
  for (const auto& s : r.log.steps)
    step_end_s[{s.worker, s.step}] = s.end_s;
  for (const auto& q : r.log.requests) {
    EXPECT_GE(q.prompt_tokens, 10);
    EXPECT_LE(q.prompt_tokens, 20);
    const auto& mine = tokens[q.request];
    ASSERT_EQ(static_cast<int>(mine.size()), q.output_tokens) << "request " << q.request;
    EXPECT_EQ(q.end_s, mine.back()->time_s);
    EXPECT_EQ(q.start_s, step_end_s.at({q.worker, mine.front()->step - 1}));
  }
}

TEST(WorkloadEngine, FinishedRequestsAreRecorded)
{
  Scenario s = fixed_scenario(2, 1, 1, 10, 10, 8);
  s.workload.prompt_length = LengthDistribution::uniform_between(10, 20);
  s.workload.output_length = LengthDistribution::uniform_between(1, 5);
  s.workload.steps = 40;
  s.workload.warmup_steps = 1;
  expect_requests_recorded(simulate_in_child(s));
  // Colocated tensor parallel: once per replica (by its rank 0), as its tokens.
  s.deployment.mode = DeploymentMode::colocated;
  s.deployment.gpus = 4;
  s.deployment.tensor_parallel = 2;
  s.deployment.attention_workers = 1;
  s.cost_model.lm_head_us = 5;
  expect_requests_recorded(run_in_child_process([&] { return simulate(s, {}, RecordRetention::all_records()); }));
}

// r workers whose attention time follows the context of many random-length requests: per step
// the FFN waits for the slowest. With one microbatch and one layer, the FFN-side cycle (one FFN
// start to the next) is the deterministic part G (FFN compute, both transfers, LM head) plus the
// slowest attention; Song et al.'s formula with the attention times' mean and spread from the run
// gives E[cycle] = G + sigma * integral_z^inf (1 - Phi(x)^r) dx, z = (G' - mu) / sigma, with the
// FFN side G' = 0 here because it does not overlap attention (so the formula is G + E[max]).
TEST(WorkloadEngine, BarrierCycleFollowsTheGaussianFormula)
{
  const int r = 6;
  Scenario s = fixed_scenario(r, 1, 1, 0, 0, 32);
  s.cost_model.kind = CostModelKind::roofline;
  s.workload.prompt_length = LengthDistribution::uniform_between(200, 16000);
  s.workload.output_length = LengthDistribution::geometric_with_mean(20);
  s.workload.output_tokens = 20;
  s.workload.steps = 400;
  s.workload.warmup_steps = 10;
  const SimulationResult res = simulate_in_child(s);
  const MeasurementWindow w = window_of(s, res);

  std::map<int, std::vector<double>> attention_by_step;
  std::vector<double> ffn_starts;
  double deterministic_s = 0;
  int deterministic_count = 0;
  for (const auto& c : res.log.computes) {
    if (c.step < w.first_step || c.step > w.last_step)
      continue;
    if (c.kind == ComputeKind::attention)
      attention_by_step[c.step].push_back(c.end_s - c.start_s);
    if (c.kind == ComputeKind::ffn)
      ffn_starts.push_back(c.start_s);
    if (c.kind == ComputeKind::ffn || (c.kind == ComputeKind::lm_head && c.worker == 0)) {
      deterministic_s += c.end_s - c.start_s;
      ++deterministic_count;
    }
  }
  double transfers_s = 0;
  int transfer_count = 0;
  for (const auto& t : res.log.transfers)
    if (t.step >= w.first_step && t.step <= w.last_step) {
      transfers_s += t.end_s - t.start_s;
      ++transfer_count;
    }
  // Per step: one FFN compute, one LM head (worker 0), one transfer each way (mean over workers).
  const double steps = static_cast<double>(attention_by_step.size());
  const double g_s = deterministic_s / steps + 2 * transfers_s / transfer_count;
  double sum = 0;
  double sum2 = 0;
  double n = 0;
  for (const auto& [step, times] : attention_by_step)
    for (double t : times) {
      sum += t;
      sum2 += t * t;
      ++n;
    }
  const double mu_s = sum / n;
  const double sigma_s = std::sqrt(sum2 / n - mu_s * mu_s);
  ASSERT_GT(sigma_s, 0.05 * mu_s);  // the barrier is not negligible: workers really differ
  ASSERT_EQ(deterministic_count, 2 * static_cast<int>(steps));

  double cycle_sum = 0;
  for (size_t i = 1; i < ffn_starts.size(); ++i)
    cycle_sum += ffn_starts[i] - ffn_starts[i - 1];
  const double measured_cycle_s = cycle_sum / static_cast<double>(ffn_starts.size() - 1);
  const double expected_cycle_s = g_s + expected_barrier_cycle_s(0, mu_s, sigma_s, r);
  EXPECT_NEAR(measured_cycle_s / expected_cycle_s, 1, 0.05)
      << "G " << g_s * 1e6 << " us, mu " << mu_s * 1e6 << " us, sigma " << sigma_s * 1e6 << " us";
  // The cycle is mostly G and mu; the barrier's own part, the slowest worker's excess over the
  // mean (about 2% of the cycle here), is what the formula adds: sigma E[max of r standard
  // normals]. Measured per step from the attention times themselves (about 4% off: the per-step
  // times are sums of 32 uniform contexts, close to but not exactly Gaussian).
  double max_excess_s = 0;
  for (const auto& [step, times] : attention_by_step)
    max_excess_s += *std::max_element(times.begin(), times.end()) - mu_s;
  max_excess_s /= steps;
  const double formula_excess_s = expected_barrier_cycle_s(0, mu_s, sigma_s, r) - mu_s;
  EXPECT_NEAR(max_excess_s / formula_excess_s, 1, 0.10);
  // And seen from the FFN: its cycle minus the deterministic part and the mean attention time.
  EXPECT_NEAR((measured_cycle_s - g_s - mu_s) / formula_excess_s, 1, 0.15);
  // And the barrier statistics of the report see the same spread: positive, below the cycle.
  const Metrics m = compute_metrics(s, res);
  EXPECT_GT(m.workload.barrier.wait_s.mean, 0);
  EXPECT_LT(m.workload.barrier.wait_s.p99, measured_cycle_s);
  EXPECT_GT(m.workload.barrier.share_of_ffn_idle, 0);
  EXPECT_LE(m.workload.barrier.share_of_ffn_idle, 1);
}

} // namespace
} // namespace afdsim::test
