// The closed forms of sim/analytic against hand-computed values (the arithmetic is in the
// comments): the seed report's formula, the colocated baselines, MegaScale-Infer, AIConfigurator,
// the transfer forms on routes, and the line fit.
#include "sim/analytic/simulated_values.hpp"
#include "sim/analytic/aiconfigurator.hpp"
#include "sim/analytic/colocated_baseline.hpp"
#include "sim/analytic/line_fit.hpp"
#include "sim/analytic/megascale.hpp"
#include "sim/analytic/seed_formula.hpp"
#include "sim/analytic/transfer_estimate.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace afdsim {
namespace {

constexpr double kUs = 1e-6;

TEST(AnalyticFormulas, SeedFormulaDividesTheFfnByR)
{
  // T = max(2, 12 / 4) + 1 = 4 ms; speedup = (2 + 12) / 4 = 3.5.
  SeedEstimate e = seed_estimate(2e-3, 12e-3, 1e-3, 4);
  EXPECT_DOUBLE_EQ(e.step_s, 4e-3);
  EXPECT_DOUBLE_EQ(e.speedup, 3.5);
  // r = 8: max(2, 1.5) + 1 = 3 ms, attention-bound; speedup 14 / 3.
  e = seed_estimate(2e-3, 12e-3, 1e-3, 8);
  EXPECT_DOUBLE_EQ(e.step_s, 3e-3);
  EXPECT_DOUBLE_EQ(e.speedup, 14.0 / 3.0);
}

TEST(AnalyticFormulas, DataParallelStepIsTheLayerSum)
{
  // 64 x (100 + 150) us + 20 us = 16020 us; 45 tokens / 16.02 ms = 2808.98876... tokens/s.
  const DataParallelEstimate e = data_parallel_estimate(100 * kUs, 150 * kUs, 20 * kUs, 64, 45);
  EXPECT_NEAR(e.step_s, 16020 * kUs, 1e-15);
  EXPECT_NEAR(e.tokens_per_s_per_gpu, 45 / 16.02e-3, 1e-9);
}

TEST(AnalyticFormulas, RingAllReduce)
{
  // k = 4, 1 us, 1 MB at 450 GB/s: 2 x 3 x (1 us + 1e6 / (4 x 450e9) s = 0.5556 us) = 9.3333 us.
  EXPECT_NEAR(ring_allreduce_s(4, 1 * kUs, 1e6, 450e9), 6 * (1e-6 + 1e6 / 1.8e12), 1e-18);
  EXPECT_NEAR(ring_allreduce_s(4, 1 * kUs, 1e6, 450e9), 9.333333333e-6, 1e-14);
  EXPECT_EQ(ring_allreduce_s(1, 1 * kUs, 1e6, 450e9), 0.0);  // one GPU: nothing to reduce
}

TEST(AnalyticFormulas, MegaScaleFfnBound)
{
  // Ta 100, Tf 150, Tc 2.024 each way (us), m 3, L 64, T_lm 20:
  // (100 + 150 + 4.048) + 150 x (3 x 64 - 1) + 20 = 254.048 + 28650 + 20 = 28924.048 us.
  MegaScaleEstimate e = megascale_estimate(100 * kUs, 150 * kUs, 2.024 * kUs, 2.024 * kUs, 20 * kUs, 3, 64);
  EXPECT_NEAR(e.step_s, 28924.048 * kUs, 1e-12);
  EXPECT_DOUBLE_EQ(e.cycle_s, 150 * kUs);
  EXPECT_NEAR(e.min_microbatches, 2 * (1 + 2.024 / 150), 1e-12);           // 2.02699
  EXPECT_NEAR(e.min_microbatches_no_bubble, 1 + (100 + 4.048) / 150, 1e-12); // 1.69365
  EXPECT_TRUE(e.condition_met);
  // m = 1 is below both bounds.
  e = megascale_estimate(100 * kUs, 150 * kUs, 2.024 * kUs, 2.024 * kUs, 20 * kUs, 1, 64);
  EXPECT_NEAR(e.step_s, (254.048 + 150 * 63 + 20) * kUs, 1e-12);  // 9724.048 us
  EXPECT_FALSE(e.condition_met);
}

TEST(AnalyticFormulas, MegaScaleAttentionBoundAndBalanced)
{
  // Ta 200, Tf 50, Tc 10 each way, m 2, L 4: (200 + 50 + 20) + 200 x 7 = 1670 us;
  // no bubble needs m >= 1 + (50 + 20) / 200 = 1.35; MegaScale's own bound 2 (1 + 10 / 200) = 2.1.
  MegaScaleEstimate e = megascale_estimate(200 * kUs, 50 * kUs, 10 * kUs, 10 * kUs, 0, 2, 4);
  EXPECT_NEAR(e.step_s, 1670 * kUs, 1e-12);
  EXPECT_NEAR(e.min_microbatches_no_bubble, 1.35, 1e-12);
  EXPECT_NEAR(e.min_microbatches, 2.1, 1e-12);
  EXPECT_TRUE(e.condition_met);
  // Balanced (Ta = Tf = 100, Tc = 10): both bounds are 2 (1 + 10 / 100) = 2.2, so m = 2 fails.
  e = megascale_estimate(100 * kUs, 100 * kUs, 10 * kUs, 10 * kUs, 0, 2, 4);
  EXPECT_NEAR(e.min_microbatches, 2.2, 1e-12);
  EXPECT_NEAR(e.min_microbatches_no_bubble, 2.2, 1e-12);
  EXPECT_FALSE(e.condition_met);
}

TEST(AnalyticFormulas, AiconfiguratorCycles)
{
  // Ta 100, Tf 150, Ta2f 2, Tf2a 3 (us), L 64, T_lm 20. Fill = 255.
  // serial 255; K=2 max(102, 153) = 153; K=3 max(100, 150, 5) = 150; K=3 needs m >= 2 + 5/150.
  AiconfiguratorEstimate e = aiconfigurator_estimate(100 * kUs, 150 * kUs, 2 * kUs, 3 * kUs, 20 * kUs, 1, 64);
  EXPECT_DOUBLE_EQ(e.cycle_serial_s, 255 * kUs);
  EXPECT_DOUBLE_EQ(e.cycle_k2_s, 153 * kUs);
  EXPECT_DOUBLE_EQ(e.cycle_k3_s, 150 * kUs);
  EXPECT_NEAR(e.min_microbatches_k3, 2 + 5.0 / 150, 1e-12);
  // m = 1: 63 cycles after the fill. serial 255 x 64 + 20 = 16340; K=2 255 + 153 x 63 + 20 = 9914;
  // K=3 255 + 150 x 63 + 20 = 9725; optimistic falls back to K=2.
  EXPECT_NEAR(e.step_serial_s, 16340 * kUs, 1e-12);
  EXPECT_NEAR(e.step_k2_s, 9914 * kUs, 1e-12);
  EXPECT_NEAR(e.step_k3_s, 9725 * kUs, 1e-12);
  EXPECT_FALSE(e.k3_applies);
  EXPECT_DOUBLE_EQ(e.step_optimistic_s, e.step_k2_s);
  // m = 3: 191 cycles. serial 255 x 192 + 20 = 48980; K=2 255 + 29223 + 20 = 29498; K=3 255 + 28650 + 20 = 28925.
  e = aiconfigurator_estimate(100 * kUs, 150 * kUs, 2 * kUs, 3 * kUs, 20 * kUs, 3, 64);
  EXPECT_NEAR(e.step_serial_s, 48980 * kUs, 1e-12);
  EXPECT_NEAR(e.step_k2_s, 29498 * kUs, 1e-12);
  EXPECT_NEAR(e.step_k3_s, 28925 * kUs, 1e-12);
  EXPECT_TRUE(e.k3_applies);
  EXPECT_DOUBLE_EQ(e.step_optimistic_s, e.step_k3_s);
  // Communication-bound K=3: max(10, 10, 8 + 8) = 16.
  EXPECT_DOUBLE_EQ(aiconfigurator_estimate(10 * kUs, 10 * kUs, 8 * kUs, 8 * kUs, 0, 4, 2).cycle_k3_s, 16 * kUs);
}

SimulationResult::Route route(const std::string& from, const std::string& to, double latency_s,
                              std::vector<SimulationResult::RouteLink> links)
{
  double narrowest = links.front().bandwidth_bytes_per_s;
  for (const auto& l : links)
    narrowest = std::min(narrowest, l.bandwidth_bytes_per_s);
  return {from, to, latency_s, narrowest, std::move(links)};
}

TEST(AnalyticFormulas, TransferSharedOnAStarIsRTimesBytes)
{
  // Three GPUs into the FFN GPU's down link, 450 kB each at 450 GB/s (1 us) plus 1 us latency:
  // alone 2 us; all three at once, the last arrives at 1 + 3 x 1 = 4 us.
  std::vector<SimulationResult::Route> routes;
  for (const char* a : {"gpu0", "gpu1", "gpu2"})
    routes.push_back(route(a, "gpu3", 1 * kUs, {{std::string(a) + "_up", 450e9}, {"gpu3_down", 450e9}}));
  const TransferEstimate t = estimate_transfer(routes, 450e3);
  EXPECT_NEAR(t.single_s, 2 * kUs, 1e-18);
  EXPECT_NEAR(t.shared_s, 4 * kUs, 1e-18);
  EXPECT_EQ(t.max_messages_per_link, 3);
  EXPECT_EQ(t.routes, 3);
  EXPECT_EQ(t.links, (std::vector<std::string>{"gpu0_up", "gpu3_down"}));
}

TEST(AnalyticFormulas, TransferTakesTheSlowestRouteAndItsBusiestLink)
{
  // gpu1's own up link is 45 GB/s: alone 1 + 10 = 11 us; shared, the FFN's down link carries two
  // messages (2 us) but gpu1's up link still takes 10 us: 11 us. gpu0 shared: 1 + 2 = 3 us.
  const std::vector<SimulationResult::Route> routes = {
      route("gpu0", "gpu3", 1 * kUs, {{"gpu0_up", 450e9}, {"gpu3_down", 450e9}}),
      route("gpu1", "gpu3", 1 * kUs, {{"gpu1_up", 45e9}, {"gpu3_down", 450e9}})};
  const TransferEstimate t = estimate_transfer(routes, 450e3);
  EXPECT_NEAR(t.single_s, 11 * kUs, 1e-18);
  EXPECT_NEAR(t.shared_s, 11 * kUs, 1e-18);
  EXPECT_EQ(t.slowest_from_host, "gpu1");
  EXPECT_DOUBLE_EQ(t.bandwidth_bytes_per_s, 45e9);
  EXPECT_EQ(t.max_messages_per_link, 2);
  EXPECT_THROW(estimate_transfer({}, 1.0), std::invalid_argument);
}

TEST(AnalyticFormulas, LeastSquaresLine)
{
  // (1, 3), (2, 5), (3, 7.5): mean x 2, mean y 31/6; Sxx 2, Sxy 2.1667 + 2.3333 = 4.5:
  // alpha 2.25, beta 31/6 - 4.5 = 2/3; residuals 1/12, -1/6, 1/12.
  const std::vector<FitPoint> points = {{1, 3}, {2, 5}, {3, 7.5}};
  const LinearModel line = fit_line(points);
  EXPECT_NEAR(line.alpha, 2.25, 1e-12);
  EXPECT_NEAR(line.beta, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(max_abs_residual(line, points), 1.0 / 6.0, 1e-12);
  EXPECT_THROW(fit_line({{1, 1}}), std::invalid_argument);
  EXPECT_THROW(fit_line({{1, 1}, {1, 2}}), std::invalid_argument);
}

} // namespace
} // namespace afdsim

namespace afdsim {
namespace {

TEST(AnalyticBatch, ClosedLoopTakesTheScenarioBatchOpenLoopTheSimulatedMean)
{
  Scenario s;
  s.workload.batch_per_worker = 64;
  SimulatedValues simulated;
  simulated.mean_batch_per_worker = 3.6;
  EXPECT_EQ(analytic_batch(s, simulated), 64);
  s.workload.arrival = ArrivalProcess::poisson;
  EXPECT_EQ(analytic_batch(s, simulated), 4);
  simulated.mean_batch_per_worker = 0.2;  // mostly idle: the closed forms still need one request
  EXPECT_EQ(analytic_batch(s, simulated), 1);
}

} // namespace
} // namespace afdsim
