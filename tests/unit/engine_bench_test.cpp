// Speed benchmark, not a timed test (disabled by default). Run it with
//   afdsim_tests --gtest_also_run_disabled_tests --gtest_filter='*EngineBench*'
// The default-shaped scenario: r = 7, m = 2, 64 layers, 200 steps, roofline Qwen3-32B on H20-3e.
#include "engine_test_support.hpp"

#include "sim/engine/simulation.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace afdsim::test {
namespace {

TEST(EngineBench, DISABLED_DefaultShapedRun)
{
  Scenario s = fixed_scenario(7, 2, 64, 0, 0, 32);
  s.model = model_preset("qwen3-32b");
  s.cost_model.kind = CostModelKind::roofline;
  s.workload.prompt_tokens = 2048;
  s.workload.output_tokens = 512;
  s.workload.steps = 200;
  s.workload.warmup_steps = 20;
  const SimulationResult result = run_in_child_process([&] { return simulate(s); });

  const double rate = static_cast<double>(result.log.activities) / result.wall_s;
  std::fprintf(stderr, "bench: %llu activities in %.3f s wall = %.0f activities/s; simulated %.6f s (%.3f ms/step)\n",
               static_cast<unsigned long long>(result.log.activities), result.wall_s, rate, result.log.end_s,
               1e3 * result.log.end_s / s.workload.steps);
  EXPECT_EQ(result.log.steps.size(), 7u * 200);
  EXPECT_LE(result.wall_s, 10.0);
}

} // namespace
} // namespace afdsim::test
