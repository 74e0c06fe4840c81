// Open-loop runs against closed forms (fixed cost model): idling until arrivals, the end of the
// run once every request is served, admission under a full KV, routing, padding at the FFN.
#include "engine_test_support.hpp"

#include "sim/cost/cost_model.hpp"
#include "sim/engine/colocated_run.hpp"
#include "sim/engine/result_codec.hpp"
#include "sim/memory/memory_plan.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace afdsim::test {
namespace {

Scenario open_loop(int r, std::vector<TracedRequest> requests)
{
  Scenario s = fixed_scenario(r, 1, 2, 10, 10, 8);
  s.workload.arrival = ArrivalProcess::trace;
  s.workload.trace.file = s.workload.trace.resolved_file = "trace.csv";
  s.workload.trace.requests = std::move(requests);
  s.workload.steps = 20;
  s.workload.warmup_steps = 0;
  return s;
}

// One AFD step with one request on one worker, m = 1: per layer attention, A->F, FFN, F->A.
double single_token_step_s(const Scenario& s)
{
  const double hop_s = transfer_s(kBf16ActivationBytesPerToken);
  return s.model.layers * ((s.cost_model.attention_us + s.cost_model.ffn_us) * 1e-6 + 2 * hop_s);
}

TEST(EngineOpenLoop, IdlesUntilEachArrivalAndEndsOnceAllAreServed)
{
  const Scenario s = open_loop(1, {{100, 3, 0.5}, {100, 2, 2.0}});
  const SimulationResult result = simulate_in_child(s);
  const double step_s = single_token_step_s(s);
  // 3 + 2 steps, not the 20 of workload.steps: the run ends when nothing is left to arrive.
  ASSERT_EQ(result.log.steps.size(), 5u);
  EXPECT_NEAR(result.log.steps[0].start_s, 0.5, 1e-12);
  EXPECT_NEAR(result.log.steps[2].end_s, 0.5 + 3 * step_s, 1e-12);
  EXPECT_NEAR(result.log.steps[3].start_s, 2.0, 1e-12);
  EXPECT_NEAR(result.log.steps[4].end_s, 2.0 + 2 * step_s, 1e-12);
  ASSERT_EQ(result.log.requests.size(), 2u);
  EXPECT_NEAR(result.log.requests[0].arrival_s, 0.5, 1e-12);
  EXPECT_NEAR(result.log.requests[0].start_s, 0.5, 1e-12);
  EXPECT_NEAR(result.log.requests[1].end_s, 2.0 + 2 * step_s, 1e-12);
  EXPECT_EQ(result.log.arrivals, 2);
}

TEST(EngineOpenLoop, ARequestArrivingMidStepWaitsForTheStepBoundary)
{
  // The second request arrives during the first one's first step: admitted at that step's end.
  Scenario s = open_loop(1, {{100, 3, 0.0}, {100, 1, 1e-6}});
  const SimulationResult result = simulate_in_child(s);
  const double step_s = single_token_step_s(s);
  ASSERT_EQ(result.log.admissions.size(), 2u);
  EXPECT_NEAR(result.log.admissions[1].admitted_s - result.log.admissions[1].arrival_s, step_s - 1e-6, 1e-12);
  EXPECT_EQ(result.log.steps[1].requests, 2);
}

TEST(EngineOpenLoop, RoundRobinFillsEveryWorkerAndTokensAreConserved)
{
  std::vector<TracedRequest> trace;
  for (int i = 0; i < 12; ++i)
    trace.push_back({50, 1 + i % 4, 0.001 * i});
  Scenario s = open_loop(3, trace);
  s.workload.steps = 200;  // an upper bound: the run ends after the last request
  const SimulationResult result = simulate_in_child(s);
  EXPECT_LT(result.log.steps.back().step, 199);
  std::map<int, int> admitted_per_worker;
  for (const auto& a : result.log.admissions)
    ++admitted_per_worker[a.worker];
  EXPECT_EQ(admitted_per_worker, (std::map<int, int>{{0, 4}, {1, 4}, {2, 4}}));
  // Every request decodes exactly its output tokens: tokens = sum of output lengths.
  int64_t outputs = 0;
  for (const auto& r : trace)
    outputs += r.output_tokens;
  EXPECT_EQ(static_cast<int64_t>(result.log.tokens.size()), outputs);
  EXPECT_EQ(result.log.requests.size(), trace.size());
  // Each worker ran the same steps (empty ones when it had nothing, so that the FFN barrier of
  // the others completes).
  std::map<int, int> steps_per_worker;
  for (const auto& step : result.log.steps)
    ++steps_per_worker[step.worker];
  EXPECT_EQ(steps_per_worker[0], steps_per_worker[1]);
  EXPECT_EQ(steps_per_worker[0], steps_per_worker[2]);
}

TEST(EngineOpenLoop, AboveCapacityRequestsQueueAndTheKvNeverExceedsTheGpu)
{
  Scenario s = fixed_scenario(1, 1, 2, 10, 10, 64);
  const double capacity_tokens = kv_capacity_tokens(s);
  // Requests of a third of the KV each: at most 3 decode at once, however fast they arrive.
  const int prompt = static_cast<int>(capacity_tokens / 3) - 10;
  s.workload.prompt_tokens = prompt;
  s.workload.prompt_length = LengthDistribution::fixed_at(prompt);
  s.workload.output_tokens = 5;
  s.workload.output_length = LengthDistribution::fixed_at(5);
  s.workload.arrival = ArrivalProcess::poisson;
  s.workload.arrival_rate_per_s = 1e5;  // one request every 10 us; a step takes about 40 us
  s.workload.steps = 60;
  const SimulationResult result = simulate_in_child(s);
  for (const auto& step : result.log.steps)
    EXPECT_LE(step.requests, 3);
  ASSERT_EQ(result.log.kv.size(), 1u);
  const KvRecord& kv = result.log.kv[0];
  EXPECT_EQ(kv.capacity_tokens, capacity_tokens);
  EXPECT_LE(kv.peak_reserved_tokens, kv.capacity_tokens);
  EXPECT_EQ(kv.peak_reserved_tokens, 3.0 * (prompt + 5));
  EXPECT_GT(kv.queued_at_end, 100);
  EXPECT_EQ(result.log.arrivals, static_cast<int64_t>(result.log.admissions.size()) + kv.queued_at_end + kv.rejected);
  // The queue only grows: each admission waited longer than the one 10 admissions before.
  const auto& a = result.log.admissions;
  for (size_t i = 10; i < a.size(); ++i)
    EXPECT_GT(a[i].admitted_s - a[i].arrival_s, a[i - 10].admitted_s - a[i - 10].arrival_s);
}

TEST(EngineOpenLoop, SameSeedSameRun)
{
  Scenario s = fixed_scenario(2, 2, 2, 10, 10, 8);
  s.workload.output_tokens = 3;
  s.workload.arrival = ArrivalProcess::poisson;
  s.workload.arrival_rate_per_s = 2e4;
  s.workload.routing = RoutingPolicy::least_kv;
  s.workload.steps = 30;
  SimulationResult a = simulate_in_child(s);
  SimulationResult b = simulate_in_child(s);
  a.wall_s = b.wall_s = 0;
  EXPECT_EQ(encode_result(a), encode_result(b));
  EXPECT_GT(a.log.admissions.size(), 10u);
}

// Three requests at once on two workers (round robin): shares of 2 and 1 tokens.
Scenario padded(PaddingPolicy padding, std::vector<int> sizes = {})
{
  Scenario s = open_loop(2, {{100, 2, 0.0}, {100, 2, 0.0}, {100, 2, 0.0}});
  s.deployment.padding = padding;
  s.deployment.cuda_graph_sizes = std::move(sizes);
  return s;
}

std::set<std::pair<int, int>> ffn_rows(const SimulationResult& result)  // (tokens, padding) of FFN computes
{
  std::set<std::pair<int, int>> rows;
  for (const auto& c : result.log.computes)
    if (c.kind == ComputeKind::ffn)
      rows.insert({c.tokens, c.padding_tokens});
  return rows;
}

TEST(EngineOpenLoop, PaddingPoliciesPadTheFfnBatch)
{
  using Rows = std::set<std::pair<int, int>>;
  EXPECT_EQ(ffn_rows(simulate_in_child(padded(PaddingPolicy::none))), (Rows{{3, 0}}));
  EXPECT_EQ(ffn_rows(simulate_in_child(padded(PaddingPolicy::max_across_workers))), (Rows{{3, 1}}));  // 2 x 2 rows
  EXPECT_EQ(ffn_rows(simulate_in_child(padded(PaddingPolicy::cuda_graph, {2, 8, 16}))), (Rows{{3, 5}}));
  EXPECT_EQ(ffn_rows(simulate_in_child(padded(PaddingPolicy::cuda_graph, {1, 2}))), (Rows{{3, 0}}));  // above: eager
}

TEST(EngineOpenLoop, PaddedFfnTakesThePaddedBatchTime)
{
  Scenario s = padded(PaddingPolicy::cuda_graph, {2, 64});
  s.cost_model.kind = CostModelKind::roofline;
  const double padded_s = make_cost_model(s)->ffn_layer_s(64);
  const SimulationResult result = simulate_in_child(s);
  for (const auto& c : result.log.computes)
    if (c.kind == ComputeKind::ffn)
      EXPECT_NEAR(c.end_s - c.start_s, padded_s, 1e-12);
}

TEST(EngineOpenLoop, ColocatedReplicasIdleUntilArrivalsAndEnd)
{
  Scenario s = open_loop(1, {{100, 3, 0.5}, {100, 2, 0.5}, {100, 1, 1.0}});
  s.deployment.mode = DeploymentMode::colocated;
  s.deployment.gpus = 4;
  s.deployment.tensor_parallel = 2;  // 2 replicas of 2 GPUs: round robin puts requests 0, 2 on replica 0
  const SimulationResult result = run_in_child_process([&] { return run_colocated(s, {}, RecordRetention::all_records()); });
  ASSERT_EQ(result.log.requests.size(), 3u);
  std::map<int64_t, RequestRecord> by_id;
  for (const auto& r : result.log.requests)
    by_id[r.request] = r;
  EXPECT_NEAR(by_id[0].start_s, 0.5, 1e-12);
  EXPECT_NEAR(by_id[2].start_s, 1.0, 1e-12);  // replica 0 was idle again by then: admitted on arrival
  EXPECT_EQ(by_id[0].worker, 0);
  EXPECT_EQ(by_id[1].worker, 2);  // replica 1's rank 0 is GPU 2
  EXPECT_EQ(result.log.tokens.size(), 6u);
}

} // namespace
} // namespace afdsim::test
