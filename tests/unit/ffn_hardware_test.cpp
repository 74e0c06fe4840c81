// `ffn_hardware`: an FFN GPU of another type than the attention GPUs (attention on H20-3e, FFN on
// H100 or H200). The scenario key, its round trip, the memory plan, the cost model of each role
// and a simulation in which each worker pays its own GPU's times.
#include "engine_test_support.hpp"
#include "scenario_text.hpp"
#include "sim/compare/compare_configurations.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/cost/roofline_cost_model.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/memory/memory_plan.hpp"

#include <gtest/gtest.h>

using namespace afdsim;
using afdsim::test::kMinimalScenario;
using afdsim::test::load_test_error;
using afdsim::test::load_test_scenario;

namespace {

const std::string kMixed = kMinimalScenario + "ffn_hardware:\n  preset: h100-sxm\n  gemm_mfu: 0.5\n";

} // namespace

TEST(FfnHardware, IsAPresetWithOverridesAndDefaultsToTheHardware)
{
  const Scenario mixed = load_test_scenario(kMixed);
  ASSERT_TRUE(mixed.ffn_hardware);
  EXPECT_EQ(mixed.ffn_gpu().name, "h100-sxm");
  EXPECT_EQ(mixed.ffn_gpu().gemm_mfu, 0.5);
  EXPECT_EQ(mixed.ffn_gpu().memory_gb, gpu_preset("h100-sxm").memory_gb);
  EXPECT_EQ(mixed.hardware.name, "h20");

  const Scenario same = load_test_scenario(kMinimalScenario);
  EXPECT_FALSE(same.ffn_hardware);
  EXPECT_EQ(&same.ffn_gpu(), &same.hardware);
  // A sweep's axis sets it, and null clears it.
  EXPECT_EQ(load_test_scenario(kMinimalScenario, {"ffn_hardware.preset=h200"}).ffn_gpu().name, "h200");
  EXPECT_FALSE(load_test_scenario(kMixed, {"ffn_hardware=null"}).ffn_hardware);
}

TEST(FfnHardware, IsCheckedLikeHardware)
{
  EXPECT_EQ(load_test_error(kMinimalScenario + "ffn_hardware: h100-sxm\n"),
            "test.yaml:7:15: ffn_hardware: must be a map (key: value lines) with keys preset, " +
                [] {
                  std::string keys;
                  for (const auto& f : gpu_fields())
                    keys += f.key + ", ";
                  return keys.substr(0, keys.size() - 2);
                }() +
                "; got 'h100-sxm'");
  EXPECT_EQ(load_test_error(kMinimalScenario + "ffn_hardware:\n  gemm_mfu: 0.5\n"),
            "test.yaml:8:3: ffn_hardware.preset: missing required key (the preset to start from: one of h100-sxm, h20, "
            "h20-3e, h200, h800, b200)");
  EXPECT_EQ(load_test_error(kMinimalScenario + "ffn_hardware:\n  preset: h100-sxm\n  gemm_muf: 0.5\n"),
            "test.yaml:9:3: ffn_hardware.gemm_muf: unknown key; did you mean 'gemm_mfu'?");
  EXPECT_EQ(load_test_error(kMixed + "deployment:\n  mode: colocated\n"),
            "test.yaml:8:3: ffn_hardware: only allowed when deployment.mode is afd (a colocated GPU runs attention and "
            "FFN; it is `hardware`)");
}

TEST(FfnHardware, RoundTripsThroughTheResolvedScenario)
{
  const Scenario mixed = load_test_scenario(kMixed);
  const std::string yaml = to_yaml(mixed);
  EXPECT_NE(yaml.find("\nffn_hardware:\n  preset: h100-sxm\n"), std::string::npos) << yaml;
  const Scenario reloaded = load_scenario_text(yaml, "resolved.yaml", test::kTestDataDir);
  ASSERT_TRUE(reloaded.ffn_hardware);
  EXPECT_EQ(reloaded.ffn_hardware->gemm_mfu, 0.5);
  EXPECT_EQ(to_json(mixed)["ffn_hardware"]["preset"], "h100-sxm");
  EXPECT_EQ(to_yaml(load_test_scenario(kMinimalScenario)).find("ffn_hardware"), std::string::npos);
  EXPECT_FALSE(to_json(load_test_scenario(kMinimalScenario)).contains("ffn_hardware"));
}

TEST(FfnHardware, FfnGpuMemoryIsItsOwn)
{
  const MemoryPlan plan = plan_memory(load_test_scenario(kMixed));
  ASSERT_EQ(plan.gpus.back().role, "ffn");
  EXPECT_EQ(plan.gpus.back().capacity_bytes, 80e9);
  EXPECT_EQ(plan.gpus.back().reserved_bytes, 0.1 * 80e9);
  EXPECT_EQ(plan.gpus.front().capacity_bytes, 96e9);  // attention on the H20
}

TEST(FfnHardware, EachRoleIsPricedOnItsGpu)
{
  const Scenario mixed = load_test_scenario(kMixed);
  const auto cost = make_cost_model(mixed);
  const RooflineCostModel h20(mixed.model, mixed.hardware);
  const RooflineCostModel h100(mixed.model, *mixed.ffn_hardware);
  for (int tokens : {1, 64, 224, 1000}) {
    EXPECT_EQ(cost->ffn_layer_s(tokens), h100.ffn_layer_s(tokens)) << tokens;
    EXPECT_EQ(cost->attention_layer_s(tokens, tokens * 2048.0), h20.attention_layer_s(tokens, tokens * 2048.0));
    EXPECT_EQ(cost->lm_head_s(tokens), h20.lm_head_s(tokens));
  }
  EXPECT_NE(h20.ffn_layer_s(224), h100.ffn_layer_s(224));  // the test would not see a mix-up otherwise
}

TEST(FfnHardware, SimulatedWorkersPayTheirOwnGpusTimes)
{
  Scenario s = test::fixed_scenario(3, 2, 2, 0, 0, 8);
  s.cost_model = CostModelConfig{};  // roofline
  s.ffn_hardware = gpu_preset("h200");
  const SimulationResult result =
      run_in_child_process([&] { return simulate(s, {}, RecordRetention::all_records()); });
  const RooflineCostModel h20_3e(s.model, s.hardware);
  const RooflineCostModel h200(s.model, *s.ffn_hardware);
  int ffn_ops = 0;
  for (const auto& c : result.log.computes) {
    if (c.kind != ComputeKind::ffn)
      continue;
    EXPECT_NEAR(c.end_s - c.start_s, h200.ffn_layer_s(c.tokens), 1e-12);
    ++ffn_ops;
  }
  EXPECT_EQ(ffn_ops, 3 * 2 * 2);  // steps x layers x microbatches
  for (const auto& c : result.log.computes)
    if (c.kind == ComputeKind::lm_head)
      EXPECT_NEAR(c.end_s - c.start_s, h20_3e.lm_head_s(c.tokens), 1e-12);
}

// `afdsim compare` on a mixed AFD scenario: the colocated baselines drop ffn_hardware and run on
// the attention GPUs' type.
TEST(FfnHardware, CompareBaselinesRunOnTheHardwareGpus)
{
  const Scenario mixed = load_test_scenario(kMixed);
  for (const auto& config : compare_configurations(mixed)) {
    const Scenario s = load_test_scenario(kMixed, config.sets);
    EXPECT_EQ(s.ffn_hardware.has_value(), config.mode == DeploymentMode::afd) << config.name;
    EXPECT_EQ(s.hardware.name, "h20") << config.name;
  }
}
