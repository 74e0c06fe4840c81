// Metrics on hand-built event logs whose every value has a closed form (synthetic_afd_log.hpp).
#include "sim/metrics/distribution.hpp"
#include "sim/metrics/interval_set.hpp"
#include "sim/metrics/metrics.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"
#include "sim/util/errors.hpp"
#include "tests/unit/synthetic_afd_log.hpp"

#include <gtest/gtest.h>

#include <random>

using namespace afdsim;
using afdsim::testing::make_synthetic_run;
using afdsim::testing::SyntheticAfd;

namespace {

constexpr double kTol = 1e-12;

Scenario scenario_for(const SyntheticAfd& p, int warmup_steps)
{
  Scenario s;
  s.model = model_preset("qwen3-32b");
  s.model.layers = p.layers;
  s.hardware = gpu_preset("h20-3e");
  s.deployment.attention_workers = p.attention_workers;
  s.deployment.microbatches = 1;
  s.workload.batch_per_worker = p.batch;
  s.workload.output_tokens = p.output_tokens;
  s.workload.steps = p.steps;
  s.workload.warmup_steps = warmup_steps;
  return s;
}

} // namespace

TEST(Distribution, LinearPercentilesBetweenOrderStatistics)
{
  // 1..10 shuffled: h = 9p/100, so p50 = 5.5, p90 = 9.1, p99 = 9.91.
  DistributionSummary s = summarize({7, 3, 10, 1, 9, 2, 8, 6, 4, 5});
  EXPECT_EQ(s.count, 10u);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  EXPECT_DOUBLE_EQ(s.p50, 5.5);
  EXPECT_DOUBLE_EQ(s.p90, 9.1);
  EXPECT_DOUBLE_EQ(s.p99, 9.91);
  EXPECT_DOUBLE_EQ(percentile_linear({1, 2, 3}, 0), 1);
  EXPECT_DOUBLE_EQ(percentile_linear({1, 2, 3}, 100), 3);
  EXPECT_DOUBLE_EQ(percentile_linear({4}, 99), 4);
  EXPECT_EQ(summarize({}).count, 0u);
}

TEST(IntervalSet, MergesClipsAndSubtracts)
{
  IntervalSet a({{5, 7}, {0, 2}, {1, 3}, {4, 4}});  // [0,3) [5,7); the empty one dropped
  ASSERT_EQ(a.pieces().size(), 2u);
  EXPECT_DOUBLE_EQ(a.length_s(), 5);
  EXPECT_DOUBLE_EQ(a.clipped(1, 6).length_s(), 3);  // [1,3) [5,6)
  IntervalSet cut({{2, 5.5}, {6, 6.5}});
  IntervalSet rest = a.minus(cut);  // [0,2) [5.5,6) [6.5,7)
  ASSERT_EQ(rest.pieces().size(), 3u);
  EXPECT_DOUBLE_EQ(rest.length_s(), 3);
  EXPECT_DOUBLE_EQ(rest.united(cut).length_s(), 7);
}

TEST(IntervalSet, MinusAgreesWithCountingUnitCells)
{
  // Integer endpoints: the length of a set is the number of unit cells [k, k+1) it covers.
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> point(0, 99);
  for (int trial = 0; trial < 50; trial++) {
    IntervalSet a, b;
    std::vector<bool> in_a(100), in_b(100);
    for (int i = 0; i < 12; i++) {
      int s = point(rng), e = point(rng);
      (i % 2 ? a : b).add(s, e);
      for (int k = s; k < e; k++)
        (i % 2 ? in_a : in_b)[static_cast<std::size_t>(k)] = true;
    }
    double cells = 0;
    for (std::size_t k = 0; k < 100; k++)
      cells += in_a[k] && !in_b[k];
    EXPECT_DOUBLE_EQ(a.minus(b).length_s(), cells) << "trial " << trial;
  }
}

TEST(Metrics, WindowStartsAtFirstMeasuredStepAndEndsAtLastStepEnd)
{
  SyntheticAfd p;
  SimulationResult r = make_synthetic_run(p);
  r.log.steps[static_cast<std::size_t>(2 * p.attention_workers)].start_s -= 1e-4;  // worker 0 starts step 2 early: t0 follows it
  MeasurementWindow w = measurement_window(r.log, 2);
  EXPECT_EQ(w.first_step, 2);
  EXPECT_EQ(w.last_step, p.steps - 1);
  EXPECT_EQ(w.steps, p.steps - 2);
  EXPECT_DOUBLE_EQ(w.t0_s, p.step_start_s(2) - 1e-4);
  EXPECT_DOUBLE_EQ(w.t1_s, p.step_start_s(p.steps - 1) + p.step_s());
}

TEST(Metrics, NoStepAfterWarmupIsAnInputError)
{
  SyntheticAfd p;
  SimulationResult r = make_synthetic_run(p);
  try {
    measurement_window(r.log, p.steps);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("workload.warmup_steps: no decode step left to measure"), std::string::npos)
        << e.what();
  }
}

TEST(Metrics, ThroughputStepTimeAndTpotFollowTheClosedForms)
{
  SyntheticAfd p;
  const int warmup = 1;
  const int window_steps = p.steps - warmup;
  Metrics m = compute_metrics(scenario_for(p, warmup), make_synthetic_run(p));

  const double window_s = window_steps * p.step_s() + (window_steps - 1) * p.gap_s;
  EXPECT_NEAR(m.window.duration_s(), window_s, kTol);
  EXPECT_EQ(m.throughput.tokens, int64_t{window_steps} * p.attention_workers * p.batch);
  EXPECT_EQ(m.throughput.gpus, p.attention_workers + 1);
  EXPECT_NEAR(m.throughput.tokens_per_s, window_steps * p.attention_workers * p.batch / window_s, 1e-6);
  EXPECT_NEAR(m.throughput.tokens_per_s_per_gpu, m.throughput.tokens_per_s / 3, 1e-6);

  EXPECT_EQ(m.step_s.count, static_cast<std::size_t>(window_steps * p.attention_workers));
  EXPECT_NEAR(m.step_s.mean, p.step_s(), kTol);
  EXPECT_NEAR(m.step_s.p99, p.step_s(), kTol);

  // Every request's consecutive tokens are one step plus one gap apart.
  EXPECT_NEAR(m.tpot_s.mean, p.step_s() + p.gap_s, kTol);
  EXPECT_NEAR(m.tpot_s.p99, p.step_s() + p.gap_s, kTol);
  // Generations by step: {0,1,2} {3,4}; warm-up step 0 leaves {1,2} and {3,4}: two per slot.
  EXPECT_EQ(m.tpot_s.count, static_cast<std::size_t>(2 * p.attention_workers * p.batch));
}

TEST(Metrics, TpotUsesOnlyTokenPairsInsideTheWindow)
{
  EventLog log;
  log.workers = {{"attn0", WorkerRole::attention, "gpu0"}};
  for (int step = 0; step < 4; step++)
    log.steps.push_back({0, step, 1, 0, step * 1.0, step + 1.0});
  // Request 1: tokens at 1, 2, 4, 7; warm-up step 0 drops the first, gaps 2 and 3: mean 2.5.
  log.tokens = {{1, 0, 0, 1.0}, {1, 0, 1, 2.0}, {1, 0, 2, 4.0}, {1, 0, 3, 7.0},
                // Request 2: two window tokens 1 apart. Requests 3, 4: one window token, no gap.
                {2, 0, 2, 4.0}, {2, 0, 3, 5.0}, {3, 0, 3, 7.0}, {4, 0, 0, 1.0}, {4, 0, 1, 2.0}};
  MeasurementWindow w = measurement_window(log, 1);
  std::vector<double> tpot = per_request_tpot_s(log, w);
  ASSERT_EQ(tpot.size(), 2u);
  EXPECT_DOUBLE_EQ(tpot[0], 2.5);
  EXPECT_DOUBLE_EQ(tpot[1], 1.0);
  DistributionSummary s = summarize(tpot);
  EXPECT_DOUBLE_EQ(s.mean, 1.75);
  EXPECT_DOUBLE_EQ(s.p50, 1.75);
  EXPECT_DOUBLE_EQ(s.p90, 1.0 + 0.9 * 1.5);
  EXPECT_DOUBLE_EQ(s.p99, 1.0 + 0.99 * 1.5);
}

TEST(Metrics, BusyTimeIsClippedAtTheWindowEdges)
{
  EventLog log;
  log.workers = {{"attn0", WorkerRole::attention, "gpu0"}};
  log.steps = {{0, 0, 1, 0, 0.0, 1.0}, {0, 1, 1, 0, 1.0, 10.0}};
  log.computes = {{0, ComputeKind::attention, 0, 0, 0, 1, 0.0, 2.0},   // 1 s inside [1, 10]
                  {0, ComputeKind::attention, 1, 0, 0, 1, 3.0, 5.0},   // 2 s
                  {0, ComputeKind::attention, 1, 1, 0, 1, 9.0, 12.0}}; // 1 s
  log.waits = {{0, WaitCause::ffn_result, 1, 0, 0, 0.5, 3.0}};         // 1 s outside compute and before t0 dropped
  MeasurementWindow w = measurement_window(log, 1);
  std::vector<WorkerMetrics> m = worker_metrics(log, w);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_DOUBLE_EQ(m[0].busy_s, 4.0);
  EXPECT_DOUBLE_EQ(m[0].busy_fraction, 4.0 / 9.0);
  EXPECT_DOUBLE_EQ(m[0].wait_ffn_result_fraction, 1.0 / 9.0);
  EXPECT_NEAR(m[0].step_boundary_fraction, 4.0 / 9.0, kTol);
}

TEST(Metrics, WaitSplitMatchesTheClosedFormAndSumsToTheBubble)
{
  SyntheticAfd p;
  p.slowdown = {1.0, 1.5};  // worker 1 is the slowest: the FFN waits for it at every layer
  const int warmup = 2;
  const int W = p.steps - warmup;
  const int L = p.layers;
  Metrics m = compute_metrics(scenario_for(p, warmup), make_synthetic_run(p));
  const double T = m.window.duration_s();
  ASSERT_NEAR(T, W * p.step_s() + (W - 1) * p.gap_s, kTol);

  for (int i = 0; i < p.attention_workers; i++) {
    const WorkerMetrics& a = m.workers[static_cast<std::size_t>(i)];
    EXPECT_EQ(a.role, WorkerRole::attention);
    EXPECT_NEAR(a.busy_fraction, W * (L * p.ta_of(i) + p.lm_head_s) / T, kTol);
    EXPECT_NEAR(a.wait_ffn_result_fraction, W * L * (p.ta_max() - p.ta_of(i) + 2 * p.tc_s + p.tf_s) / T, kTol);
    EXPECT_NEAR(a.step_boundary_fraction, (W - 1) * p.gap_s / T, kTol);
  }
  const WorkerMetrics& f = m.workers.back();
  EXPECT_EQ(f.role, WorkerRole::ffn);
  EXPECT_NEAR(f.busy_fraction, W * L * p.tf_s / T, kTol);
  EXPECT_NEAR(f.wait_barrier_fraction, W * L * (p.ta_max() - p.ta_min()) / T, kTol);
  // Per layer Ta_min + 2Tc; between steps also the LM head and the gap; the first wait is
  // clipped at t0 (it began in the warm-up): it loses Tc + lm_head + gap + Tc - Tc.
  const double first_input_s = W * L * (p.ta_min() + 2 * p.tc_s) + (W - 1) * (p.lm_head_s + p.gap_s) - p.tc_s;
  EXPECT_NEAR(f.wait_first_input_fraction, first_input_s / T, kTol);
  EXPECT_NEAR(f.other_idle_fraction, (p.tc_s + p.lm_head_s) / T, kTol);  // after its last FFN

  for (const auto& w : m.workers) {
    EXPECT_DOUBLE_EQ(w.bubble_fraction, 1.0 - w.busy_fraction);
    EXPECT_NEAR(w.wait_ffn_result_fraction + w.step_boundary_fraction + w.wait_first_input_fraction +
                    w.wait_barrier_fraction + w.other_idle_fraction,
                w.bubble_fraction, kTol)
        << w.name;
  }
}

TEST(Metrics, WindowTransferBytesAreConserved)
{
  SyntheticAfd p;
  const int warmup = 2;
  Scenario s = scenario_for(p, warmup);
  p.bytes_per_token = s.model.activation_bytes_per_token(Dtype::bf16);
  Metrics m = compute_metrics(s, make_synthetic_run(p));
  const double expected = static_cast<double>(m.throughput.tokens) * p.bytes_per_token * s.model.layers;
  EXPECT_DOUBLE_EQ(m.network.a2f_bytes, expected);
  EXPECT_DOUBLE_EQ(m.network.f2a_bytes, expected);
  EXPECT_EQ(m.network.a2f_transfers, int64_t{p.steps - warmup} * p.layers * p.attention_workers);
}

TEST(Metrics, LinkUtilisationIsBytesOverBandwidthTimesWindow)
{
  SyntheticAfd p;
  Metrics m = compute_metrics(scenario_for(p, 1), make_synthetic_run(p));
  ASSERT_EQ(m.network.links.size(), 2u);
  EXPECT_EQ(m.network.links[0].name, "gpu0_up");  // sorted by name
  EXPECT_DOUBLE_EQ(m.network.links[0].utilisation, 1.5e6 / (450e9 * m.window.duration_s()));
  EXPECT_DOUBLE_EQ(m.network.links[1].utilisation, 3.0e6 / (450e9 * m.window.duration_s()));
}

TEST(Metrics, MemoryIsThePlanOfTheScenarioWithItsNamesMatchingTheWorkers)
{
  SyntheticAfd p;
  p.batch = 32;
  Scenario s = scenario_for(p, 1);
  s.model.layers = 64;
  s.workload.prompt_tokens = 2048;
  s.workload.output_tokens = 512;
  const SimulationResult run = make_synthetic_run(p);
  Metrics m = compute_metrics(s, run);
  ASSERT_EQ(m.memory.gpus.size(), run.log.workers.size());
  for (std::size_t i = 0; i < run.log.workers.size(); i++) {
    EXPECT_EQ(m.memory.gpus[i].worker, run.log.workers[i].name);
    EXPECT_EQ(m.memory.gpus[i].role, to_string(run.log.workers[i].role));
  }
  EXPECT_DOUBLE_EQ(m.memory.gpus[0].kv_bytes, 32.0 * 2560 * 262144);  // 256 KiB of BF16 KV per token over 64 layers
  EXPECT_EQ(m.max_batch_per_worker, max_batch_per_worker(s));
}
