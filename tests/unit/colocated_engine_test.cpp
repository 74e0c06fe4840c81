// The colocated baseline against closed forms, with the fixed cost model (Ta, Tf per half-layer,
// T_lm per step) on one NVSwitch node (route latency l = 1 us, NVLink B = 450 GB/s per direction):
// - data parallel: step = L (Ta + Tf) + T_lm, no message at all;
// - TP k, ring:     each all-reduce = 2(k - 1)(l + bytes / (k B));
// - TP k, one-shot: each all-reduce = l + (k - 1) bytes / B;
// with bytes = requests x hidden x 2 and two all-reduces per layer.
#include "engine_test_support.hpp"

#include "sim/engine/colocated_run.hpp"
#include "sim/metrics/metrics.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace afdsim::test {
namespace {

struct Colocated {
  int gpus = 8;
  int k = 1;
  AllreduceAlgorithm allreduce = AllreduceAlgorithm::ring;
  int layers = 3;
  double ta_us = 30;
  double tf_us = 20;
  double lm_us = 7;
  int batch = 16;
};

Colocated colocated(int gpus, int k, AllreduceAlgorithm allreduce = AllreduceAlgorithm::ring)
{
  Colocated c;
  c.gpus = gpus;
  c.k = k;
  c.allreduce = allreduce;
  return c;
}

Scenario colocated_scenario(const Colocated& c)
{
  Scenario s = fixed_scenario(1, 1, c.layers, c.ta_us, c.tf_us, c.batch);
  s.deployment.mode = DeploymentMode::colocated;
  s.deployment.gpus = c.gpus;
  s.deployment.tensor_parallel = c.k;
  s.deployment.allreduce = c.allreduce;
  s.cost_model.lm_head_us = c.lm_us;
  return s;
}

SimulationResult run(const Scenario& s)
{
  return run_in_child_process([&] { return simulate(s, {}, RecordRetention::all_records()); });
}

double hidden_bytes(int requests) { return requests * kBf16ActivationBytesPerToken; }

double ring_s(int k, double bytes) { return 2 * (k - 1) * (kNvlinkRouteLatencyS + bytes / (k * kNvlinkBytesPerS)); }
double one_shot_s(int k, double bytes) { return kNvlinkRouteLatencyS + (k - 1) * bytes / kNvlinkBytesPerS; }

double step_s(const Colocated& c, double all_reduce_s)
{
  return c.layers * (c.ta_us + c.tf_us) * 1e-6 + 2 * c.layers * all_reduce_s + c.lm_us * 1e-6;
}

TEST(ColocatedEngine, DataParallelStepIsThePerLayerSum)
{
  const Colocated c = colocated(3, 1);
  const SimulationResult result = run(colocated_scenario(c));
  const double expected_s = step_s(c, 0);
  ASSERT_EQ(result.log.steps.size(), 3u * 3);  // one record per replica and step
  for (const auto& step : result.log.steps)
    EXPECT_NEAR(step_duration_s(step), expected_s, 1e-9 * expected_s) << "gpu" << step.worker << " step " << step.step;
  EXPECT_TRUE(result.log.transfers.empty());
  EXPECT_TRUE(result.log.waits.empty());
  ASSERT_EQ(result.log.workers.size(), 3u);
  EXPECT_EQ(result.log.workers[2].name, "gpu2");
  EXPECT_EQ(result.log.workers[2].role, WorkerRole::colocated);
  EXPECT_EQ(result.log.workers[2].host, "node0-gpu2");
  // Per GPU and step: L attention, L FFN, one LM head.
  EXPECT_EQ(result.log.computes.size(), 3u * 3 * (2 * 3 + 1));
  EXPECT_EQ(result.log.activities, result.log.computes.size());
}

class RingAllReduce : public ::testing::TestWithParam<int> {};

TEST_P(RingAllReduce, TakesTwoKMinusOnePhasesOfAChunk)
{
  const int k = GetParam();
  const Colocated c = colocated(8, k);  // 8 / k groups at once: each GPU's up and down link carry one chunk each
  const SimulationResult result = run(colocated_scenario(c));
  const double bytes = hidden_bytes(c.batch);
  const double all_reduce_s = ring_s(k, bytes);
  const double expected_s = step_s(c, all_reduce_s);
  ASSERT_EQ(result.log.steps.size(), 3u * static_cast<size_t>(8 / k));
  for (const auto& step : result.log.steps) {
    EXPECT_EQ(step.worker % k, 0) << "steps are recorded by each group's first GPU";
    EXPECT_NEAR(step_duration_s(step), expected_s, 1e-9 * expected_s) << "gpu" << step.worker;
  }
  // Every chunk alone on its route: l + bytes / (k B).
  const double chunk_s = kNvlinkRouteLatencyS + bytes / k / kNvlinkBytesPerS;
  ASSERT_EQ(result.log.transfers.size(), 3u * 8 * 3 * 2 * 2 * static_cast<size_t>(k - 1));
  for (const auto& t : result.log.transfers) {
    EXPECT_EQ(t.dst_worker, t.dst_worker / k * k + (t.src_worker % k + 1) % k) << "ring: to the successor";
    EXPECT_DOUBLE_EQ(t.bytes, bytes / k);
    EXPECT_NEAR(t.end_s - t.start_s, chunk_s, 1e-9 * chunk_s);
  }
  // The GPU waits out the whole all-reduce: 2 L of them per step.
  std::map<std::pair<int, int>, double> wait_per_gpu_step_s;
  for (const auto& w : result.log.waits) {
    EXPECT_EQ(w.cause, WaitCause::allreduce);
    wait_per_gpu_step_s[{w.worker, w.step}] += w.end_s - w.start_s;
  }
  ASSERT_EQ(wait_per_gpu_step_s.size(), 3u * 8);
  for (const auto& [key, wait_s] : wait_per_gpu_step_s)
    EXPECT_NEAR(wait_s, 2 * c.layers * all_reduce_s, 1e-9 * all_reduce_s) << "gpu" << key.first;
}

INSTANTIATE_TEST_SUITE_P(ColocatedEngine, RingAllReduce, ::testing::Values(2, 4, 8));

class OneShotAllReduce : public ::testing::TestWithParam<int> {};

TEST_P(OneShotAllReduce, SendsTheWholeBufferToEveryPeerAtOnce)
{
  const int k = GetParam();
  const Colocated c = colocated(8, k, AllreduceAlgorithm::one_shot);
  const SimulationResult result = run(colocated_scenario(c));
  const double bytes = hidden_bytes(c.batch);
  const double expected_s = step_s(c, one_shot_s(k, bytes));
  for (const auto& step : result.log.steps)
    EXPECT_NEAR(step_duration_s(step), expected_s, 1e-9 * expected_s) << "gpu" << step.worker;
  ASSERT_EQ(result.log.transfers.size(), 3u * 8 * 3 * 2 * static_cast<size_t>(k - 1));
  for (const auto& t : result.log.transfers) {
    EXPECT_EQ(t.src_worker / k, t.dst_worker / k) << "inside the group";
    EXPECT_DOUBLE_EQ(t.bytes, bytes);
  }
}

INSTANTIATE_TEST_SUITE_P(ColocatedEngine, OneShotAllReduce, ::testing::Values(2, 4, 8));

TEST(ColocatedEngine, TokensAreCountedOncePerReplica)
{
  Colocated c = colocated(8, 4);
  c.batch = 5;
  Scenario s = colocated_scenario(c);
  s.workload.output_tokens = 3;
  s.workload.steps = 7;
  const SimulationResult result = run(s);
  const auto& log = result.log;
  ASSERT_EQ(log.steps.size(), 2u * 7);
  int64_t step_requests = 0;
  for (const auto& step : log.steps)
    step_requests += step.requests;
  EXPECT_EQ(step_requests, 2 * 5 * 7);
  EXPECT_EQ(static_cast<int64_t>(log.tokens.size()), step_requests);
  // Per (replica, step): the batch's 5 requests, each once; a request lives in one replica and
  // produces at most output_tokens tokens on consecutive steps.
  std::map<std::pair<int, int>, std::set<int64_t>> requests_of_step;
  std::map<int64_t, std::vector<TokenRecord>> by_request;
  for (const auto& t : log.tokens) {
    EXPECT_TRUE(t.worker == 0 || t.worker == 4) << t.worker;
    requests_of_step[{t.worker, t.step}].insert(t.request);
    by_request[t.request].push_back(t);
  }
  for (const auto& [key, ids] : requests_of_step)
    EXPECT_EQ(ids.size(), 5u);
  for (const auto& [id, tokens] : by_request) {
    EXPECT_LE(tokens.size(), 3u) << "request " << id;
    for (size_t i = 1; i < tokens.size(); ++i) {
      EXPECT_EQ(tokens[i].worker, tokens[0].worker);
      EXPECT_EQ(tokens[i].step, tokens[i - 1].step + 1);
    }
  }
}

TEST(ColocatedEngine, WorkerTimeSplitsIntoComputeAndAllReduce)
{
  const Colocated c = colocated(8, 2);
  Scenario s = colocated_scenario(c);
  s.workload.steps = 4;
  const SimulationResult result = run(s);
  const Metrics m = compute_metrics(s, result);
  const double all_reduce_s = ring_s(2, hidden_bytes(c.batch));
  const double step = step_s(c, all_reduce_s);
  EXPECT_NEAR(m.window.duration_s(), 3 * step, 1e-9 * step);
  ASSERT_EQ(m.workers.size(), 8u);
  for (const auto& w : m.workers) {
    EXPECT_EQ(w.role, WorkerRole::colocated);
    EXPECT_NEAR(w.wait_allreduce_fraction, 2 * c.layers * all_reduce_s / step, 1e-9);
    EXPECT_NEAR(w.busy_fraction, 1 - 2 * c.layers * all_reduce_s / step, 1e-9);
    const double parts = w.busy_fraction + w.wait_ffn_result_fraction + w.step_boundary_fraction +
                         w.wait_first_input_fraction + w.wait_barrier_fraction + w.other_idle_fraction +
                         w.wait_allreduce_fraction;
    EXPECT_NEAR(parts, 1.0, 1e-12) << w.name;
  }
  // All-reduce bytes of the 3 window steps: per group and all-reduce, 2(k - 1) chunks of bytes / k
  // from each of the k GPUs.
  EXPECT_DOUBLE_EQ(m.network.allreduce_bytes, 3 * 4 * (2 * c.layers) * 2 * (2 - 1) * 2 * hidden_bytes(c.batch) / 2);
  EXPECT_EQ(m.network.allreduce_transfers, 3 * 4 * (2 * c.layers) * 2 * (2 - 1) * 2);
  EXPECT_EQ(m.network.a2f_transfers, 0);
  EXPECT_EQ(m.throughput.gpus, 8);
  EXPECT_EQ(m.throughput.tokens, 3 * 4 * c.batch);
}

TEST(ColocatedEngine, SameSeedSameLog)
{
  const Scenario s = colocated_scenario(colocated(4, 2));
  const SimulationResult a = run(s);
  const SimulationResult b = run(s);
  ASSERT_EQ(a.log.tokens.size(), b.log.tokens.size());
  for (size_t i = 0; i < a.log.tokens.size(); ++i) {
    EXPECT_EQ(a.log.tokens[i].request, b.log.tokens[i].request);
    EXPECT_EQ(a.log.tokens[i].time_s, b.log.tokens[i].time_s);
  }
}

} // namespace
} // namespace afdsim::test
