// probe_routes (what `afdsim sweep --analytic` asks of SimGrid) gives the workers and routes a
// simulation of the same scenario records, without running it; Screening reuses them.
#include "engine_test_support.hpp"
#include "sim/engine/route_probe.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/sweep/screening.hpp"

#include <gtest/gtest.h>

using namespace afdsim;
using afdsim::test::fixed_scenario;

namespace {

void expect_same_routes(const Scenario& s)
{
  const SimulationResult probed = run_in_child_process([&] { return probe_routes(s); });
  const SimulationResult simulated = run_in_child_process([&] { return simulate(s); });
  EXPECT_TRUE(probed.log.computes.empty());
  ASSERT_EQ(probed.log.workers.size(), simulated.log.workers.size());
  for (size_t i = 0; i < probed.log.workers.size(); ++i) {
    EXPECT_EQ(probed.log.workers[i].name, simulated.log.workers[i].name);
    EXPECT_EQ(probed.log.workers[i].role, simulated.log.workers[i].role);
    EXPECT_EQ(probed.log.workers[i].host, simulated.log.workers[i].host);
  }
  ASSERT_EQ(probed.routes.size(), simulated.routes.size());
  ASSERT_FALSE(probed.routes.empty());
  for (size_t i = 0; i < probed.routes.size(); ++i) {
    const auto& p = probed.routes[i];
    const auto& q = simulated.routes[i];
    EXPECT_EQ(p.from_host + ">" + p.to_host, q.from_host + ">" + q.to_host);
    EXPECT_EQ(p.latency_s, q.latency_s);
    EXPECT_EQ(p.bandwidth_bytes_per_s, q.bandwidth_bytes_per_s);
    ASSERT_EQ(p.links.size(), q.links.size());
    for (size_t l = 0; l < p.links.size(); ++l)
      EXPECT_EQ(p.links[l].name, q.links[l].name);
  }
  EXPECT_EQ(probed.simgrid_config, simulated.simgrid_config);
}

} // namespace

TEST(RouteProbe, AfdRoutesAcrossNodesAreThoseTheRunTakes)
{
  Scenario s = fixed_scenario(3, 2, 2, 10, 10, 4);
  s.platform.resolved_file = test::kTwoNodePlatform;
  s.deployment.ffn_hosts = {"n1-gpu0"};  // the FFN GPU behind the NICs
  expect_same_routes(s);
  const SimulationResult probed = run_in_child_process([&] { return probe_routes(s); });
  EXPECT_EQ(probed.routes.size(), 6u);  // 3 workers, both directions
  EXPECT_DOUBLE_EQ(probed.routes.front().latency_s, test::kRdmaRouteLatencyS);
  EXPECT_EQ(probed.routes.front().bandwidth_bytes_per_s, test::kNicBytesPerS);
}

TEST(RouteProbe, TensorParallelGroupsProbeTheirAllReducePeers)
{
  for (AllreduceAlgorithm algorithm : {AllreduceAlgorithm::ring, AllreduceAlgorithm::one_shot}) {
    Scenario s = fixed_scenario(1, 1, 2, 10, 10, 4);
    s.deployment.mode = DeploymentMode::colocated;
    s.deployment.gpus = 8;
    s.deployment.tensor_parallel = 4;
    s.deployment.allreduce = algorithm;
    expect_same_routes(s);
  }
}

TEST(RouteProbe, RefusesWhatARunRefuses)
{
  Scenario s = fixed_scenario(8, 1, 2, 10, 10, 4);  // 8 + 1 GPUs on an 8-GPU node
  try {
    run_in_child_process([&] { return probe_routes(s); });
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "test.yaml: deployment.attention_workers: 8 attention + 1 FFN workers need 9 GPUs but the "
                           "platform has 8 (node0-gpu0 .. node0-gpu7)");
  }
}

// --analytic probes a platform once per placement, and a refusal is not remembered for the next
// point (it may come from keys outside the placement).
TEST(RouteProbe, ScreeningProbesOncePerPlacement)
{
  Screening screening;
  Scenario s = fixed_scenario(3, 2, 2, 100, 150, 4);
  const nlohmann::json first = screening.analytic(s);
  EXPECT_EQ(first["applicable"], true);
  s.workload.batch_per_worker = 8;  // same placement
  screening.analytic(s);
  EXPECT_EQ(screening.probes(), 1u);
  s.deployment.attention_workers = 4;
  EXPECT_EQ(screening.analytic(s)["inputs"]["attention_workers"], 4);
  EXPECT_EQ(screening.probes(), 2u);
  s.deployment.attention_workers = 8;  // 9 GPUs on 8
  EXPECT_THROW(screening.analytic(s), InputError);
  EXPECT_THROW(screening.analytic(s), InputError);
  EXPECT_EQ(screening.probes(), 4u);
  // Fixed op times, 2 layers, m = 2 (2 tokens a microbatch), Tc shared by 3 messages, no LM head:
  // MegaScale-Infer's step (Ta + Tf + 2 Tc) + max(Ta, Tf) (m L - 1).
  const double tc_s = 1e-6 + 3 * 2 * 10240 / 450e9;
  EXPECT_NEAR(first["megascale_infer"]["step_s"]["analytic"].get<double>(),
              (100 + 150) * 1e-6 + 2 * tc_s + 150e-6 * (2 * 2 - 1), 1e-12);
}
