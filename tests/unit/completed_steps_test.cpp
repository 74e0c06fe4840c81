// An interrupted run is measured on the steps every worker completed: trimmed to S steps, a run
// gives the metrics of a run of S steps.
#include "engine_test_support.hpp"
#include "synthetic_afd_log.hpp"

#include "sim/engine/simulation.hpp"
#include "sim/metrics/completed_steps.hpp"
#include "sim/metrics/metrics.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace afdsim::test {
namespace {

using afdsim::testing::make_synthetic_run;
using afdsim::testing::SyntheticAfd;

template <class Record>
bool all_before(const std::vector<Record>& records, int steps)
{
  return std::all_of(records.begin(), records.end(), [steps](const Record& r) { return r.step < steps; });
}

TEST(CompletedSteps, SteppingWorkersAreTheAttentionWorkersOrEachReplicasRankZero)
{
  Scenario s = fixed_scenario(3, 1, 1, 10, 10, 1);
  EXPECT_EQ(stepping_workers(s), (std::vector<int>{0, 1, 2}));
  s.deployment.mode = DeploymentMode::colocated;
  s.deployment.gpus = 8;
  s.deployment.tensor_parallel = 2;
  EXPECT_EQ(stepping_workers(s), (std::vector<int>{0, 2, 4, 6}));
}

TEST(CompletedSteps, TheSlowestWorkerDecidesAndAGapEndsTheCount)
{
  SyntheticAfd p;  // 2 attention workers, 5 steps
  SimulationResult r = make_synthetic_run(p);
  EXPECT_EQ(completed_steps(r.log, {0, 1}), 5);
  // Worker 1 has not finished step 3 (nor 4): both workers completed steps 0..2.
  r.log.steps.erase(std::remove_if(r.log.steps.begin(), r.log.steps.end(),
                                   [](const StepRecord& s) { return s.worker == 1 && s.step >= 3; }),
                    r.log.steps.end());
  EXPECT_EQ(completed_steps(r.log, {0, 1}), 3);
  EXPECT_EQ(completed_steps(r.log, {0}), 5);
  EXPECT_EQ(completed_steps(r.log, {0, 1, 7}), 0);  // a worker with no step at all
  EXPECT_EQ(completed_steps(EventLog{}, {0}), 0);
}

TEST(CompletedSteps, KeepStepsBeforeDropsLaterRecordsAndTheirRequests)
{
  SyntheticAfd p;
  SimulationResult r = make_synthetic_run(p);
  const double end_of_step_2_s = p.step_start_s(2) + p.step_s();
  r.log.requests = {{1, 0, 100, 3, 0.0, end_of_step_2_s}, {2, 1, 100, 3, 0.0, end_of_step_2_s + 1e-9}};
  keep_steps_before(r.log, 3);
  EXPECT_TRUE(all_before(r.log.computes, 3));
  EXPECT_TRUE(all_before(r.log.waits, 3));
  EXPECT_TRUE(all_before(r.log.transfers, 3));
  EXPECT_TRUE(all_before(r.log.tokens, 3));
  EXPECT_EQ(r.log.steps.size(), 2u * 3);
  EXPECT_EQ(r.log.computes.size(), 3u * (3 * 3 + 2));  // per step: L (r + 1) execs + r LM heads
  ASSERT_EQ(r.log.requests.size(), 1u);  // the other one finished after its worker's step 2
  EXPECT_EQ(r.log.requests[0].request, 1);
  EXPECT_DOUBLE_EQ(r.log.end_s, end_of_step_2_s);
}

TEST(CompletedSteps, AnInterruptedRunTrimmedToSStepsMeasuresLikeARunOfSSteps)
{
  Scenario full = fixed_scenario(2, 2, 3, 30, 20, 4);
  full.workload.steps = 9;
  full.workload.warmup_steps = 2;
  Scenario shorter = full;
  shorter.workload.steps = 6;
  SimulationResult interrupted = simulate_in_child(full);
  const SimulationResult reference = simulate_in_child(shorter);
  // As if the run stopped while attn1 was in step 6: attn0 has finished it, attn1 has not.
  interrupted.complete = false;
  interrupted.stop_signal = 2;
  auto& steps = interrupted.log.steps;
  steps.erase(std::remove_if(steps.begin(), steps.end(), [](const StepRecord& s) { return s.worker == 1 && s.step >= 6; }),
              steps.end());

  EXPECT_EQ(keep_completed_steps(full, interrupted), 6);
  EXPECT_EQ(interrupted.log.computes.size(), reference.log.computes.size());
  EXPECT_EQ(interrupted.log.waits.size(), reference.log.waits.size());
  EXPECT_EQ(interrupted.log.transfers.size(), reference.log.transfers.size());
  EXPECT_EQ(interrupted.log.tokens.size(), reference.log.tokens.size());
  EXPECT_EQ(interrupted.log.requests.size(), reference.log.requests.size());
  EXPECT_DOUBLE_EQ(interrupted.log.end_s, reference.log.end_s);
  ASSERT_EQ(interrupted.links.size(), reference.links.size());
  for (size_t i = 0; i < reference.links.size(); ++i) {
    EXPECT_EQ(interrupted.links[i].name, reference.links[i].name);
    EXPECT_NEAR(interrupted.links[i].bytes, reference.links[i].bytes, 1e-9 * reference.links[i].bytes);
  }

  const Metrics a = compute_metrics(full, interrupted);
  const Metrics b = compute_metrics(shorter, reference);
  EXPECT_EQ(a.window.last_step, 5);
  EXPECT_EQ(a.throughput.tokens, b.throughput.tokens);
  EXPECT_DOUBLE_EQ(a.throughput.tokens_per_s, b.throughput.tokens_per_s);
  EXPECT_DOUBLE_EQ(a.tpot_s.mean, b.tpot_s.mean);
  EXPECT_DOUBLE_EQ(a.step_s.p99, b.step_s.p99);
  ASSERT_EQ(a.workers.size(), b.workers.size());
  for (size_t i = 0; i < a.workers.size(); ++i)
    EXPECT_NEAR(a.workers[i].busy_fraction, b.workers[i].busy_fraction, 1e-12) << a.workers[i].name;
}

TEST(CompletedSteps, LinkBytesFromTransfersEqualTheEnginesCount)
{
  Scenario s = fixed_scenario(3, 2, 2, 30, 20, 4);
  s.workload.steps = 4;
  const SimulationResult r = simulate_in_child(s);
  const auto recounted = link_use_of_transfers(r.log, r.routes, r.links, s.workload.warmup_steps);
  ASSERT_EQ(recounted.size(), r.links.size());
  ASSERT_FALSE(r.links.empty());
  for (size_t i = 0; i < r.links.size(); ++i) {
    EXPECT_GT(r.links[i].bytes, 0) << r.links[i].name;
    EXPECT_NEAR(recounted[i].bytes, r.links[i].bytes, 1e-9 * r.links[i].bytes) << r.links[i].name;
  }
}

TEST(CompletedSteps, ACompleteRunIsLeftAlone)
{
  SyntheticAfd p;
  SimulationResult r = make_synthetic_run(p);
  const size_t computes = r.log.computes.size();
  Scenario s = fixed_scenario(2, 1, 3, 10, 10, 4);
  s.workload.steps = 5;
  EXPECT_EQ(keep_completed_steps(s, r), 5);
  EXPECT_EQ(r.log.computes.size(), computes);
  EXPECT_EQ(r.links[0].bytes, 3.0e6);
}

} // namespace
} // namespace afdsim::test
