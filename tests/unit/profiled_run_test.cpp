// Profiled runs end to end: the simulation takes its op times from the tables (a constant profile
// gives the fixed-cost oracle's closed form), and the report says where every op time came from.
#include "run_afdsim.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/cost/roofline_cost_model.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace afdsim;
using afdsim::test::kTestDataDir;
using afdsim::test::run_afdsim;

TEST(ProfiledRun, ConstantProfileGivesTheSequentialClosedForm)
{
  const std::string scenario = kTestDataDir + "/profiled-constant.yaml";
  const auto r = run_afdsim("run '" + scenario + "' --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  // m = 1: step = L (Ta + Tc + Tf + Tc) + T_lm; Ta, Tf from the table, Tc = 1 us + 45 x 10240 B / 450 GB/s,
  // T_lm the roofline's (no table holds the LM head).
  const Scenario s = load_scenario(scenario);
  const double lm_head_s = RooflineCostModel(s.model, s.hardware).lm_head_s(45);
  const double step_s = 64 * (100e-6 + 2.024e-6 + 150e-6 + 2.024e-6) + lm_head_s;
  EXPECT_NEAR(j.at("step_ms").at("mean").get<double>(), step_s * 1e3, 1e-9);

  const auto& p = j.at("cost_model_provenance");
  EXPECT_EQ(p.at("kind"), "profiled");
  EXPECT_EQ(p.at("files").size(), 1u);
  // One FFN shape (45 tokens) and one attention shape per step (the context grows): all inside the
  // table's grid; the LM head's three ops have no table.
  EXPECT_EQ(p.at("by_op").at("ffn_half_layer").at("interpolated"), 1);
  EXPECT_EQ(p.at("by_op").at("attention_half_layer").at("interpolated"), 30);
  EXPECT_EQ(p.at("op_shapes").at("roofline"), 3);
  EXPECT_EQ(p.at("op_shapes").at("fallback"), 0);
  EXPECT_EQ(p.at("fallback_shapes").size(), 0u);
}

TEST(ProfiledRun, ShippedH100ScenarioRunsAndListsWhatFellBack)
{
  const std::string scenario = std::string(AFDSIM_SOURCE_DIR) + "/scenarios/qwen3-32b-h100-sxm-afd-profiled.yaml";
  // 4 layers and 12 steps keep it short; the shapes are those of the full run.
  const auto r = run_afdsim("run '" + scenario + "' --json --set model.layers=4 --set workload.steps=12 "
                            "--set workload.warmup_steps=2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto p = nlohmann::json::parse(r.out).at("cost_model_provenance");
  // With 4 layers the 64-layer step table does not apply: the op tables do, the GEMMs measured at
  // m = 16 and 112 interpolated, attention interpolated in (16 requests, ~2049-2060 tokens).
  EXPECT_EQ(p.at("by_op").at("qkv_gemm").at("measured"), 1);
  EXPECT_EQ(p.at("by_op").at("gate_up_gemm").at("interpolated"), 1);
  EXPECT_EQ(p.at("by_op").at("decode_attention").at("fallback"), 0);
  EXPECT_GT(p.at("by_op").at("decode_attention").at("interpolated").get<int>(), 0);
  EXPECT_EQ(p.at("op_overhead_us"), 8.68);

  const auto full = run_afdsim("run '" + scenario + "' --json --set workload.steps=12 --set workload.warmup_steps=2");
  ASSERT_EQ(full.exit_code, 0) << full.err;
  // 64 layers: the step table gives whole half-layers, all between measured points; the LM head
  // has no table.
  const auto q = nlohmann::json::parse(full.out).at("cost_model_provenance");
  EXPECT_EQ(q.at("by_op").size(), 5u);
  EXPECT_EQ(q.at("by_op").at("ffn_half_layer").at("interpolated"), 1);  // 112 tokens, between 64 and 128
  const auto& attention = q.at("by_op").at("attention_half_layer");
  EXPECT_GT(attention.at("interpolated").get<int>(), 12);  // contexts differ by worker, microbatch and step
  EXPECT_EQ(attention.at("fallback"), 0);
  for (const char* op : {"final_norm", "lm_head_gemm", "sampling"})
    EXPECT_EQ(q.at("by_op").at(op).at("roofline"), 1) << op;
  EXPECT_EQ(q.at("op_shapes").at("interpolated"), attention.at("interpolated").get<int>() + 1);

  const auto console = run_afdsim("run '" + scenario + "' --set workload.steps=3 --set workload.warmup_steps=1");
  ASSERT_EQ(console.exit_code, 0) << console.err;
  EXPECT_NE(console.out.find("\ncost model: profiled (" + std::string(AFDSIM_SOURCE_DIR) + "/profiles/h100-sxm): op shapes 0 "
                             "measured, "),
            std::string::npos)
      << console.out;
  EXPECT_NE(console.out.find(" interpolated, 0 fell back to the roofline outside the tables, 3 roofline (no table holds "
                             "them); report.json cost_model_provenance lists them\n"),
            std::string::npos)
      << console.out;
}

TEST(ProfiledRun, OutsideTheTablesTheRooflineIsUsedAndEveryShapeIsListed)
{
  // H20 kernel tables: the GEMMs are Qwen3-32B's, but the attention rows have 32 q heads, not 64.
  const std::string scenario = std::string(AFDSIM_SOURCE_DIR) + "/scenarios/qwen3-32b-h100-sxm-afd-profiled.yaml";
  const auto r = run_afdsim("run '" + scenario + "' --json --set hardware.preset=h20 --set cost_model.tables=../profiles/h20-infersim "
                            "--set cost_model.op_overhead_us=2.4 --set workload.steps=6 --set workload.warmup_steps=1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto p = nlohmann::json::parse(r.out).at("cost_model_provenance");
  const auto& attention = p.at("by_op").at("decode_attention");
  EXPECT_EQ(attention.at("measured"), 0);
  EXPECT_EQ(attention.at("interpolated"), 0);
  const int attention_fallbacks = attention.at("fallback");
  EXPECT_GT(attention_fallbacks, 6);  // a shape per worker, microbatch and step, but for coincidences
  EXPECT_EQ(p.at("fallback_shapes_total"), attention_fallbacks);  // nothing else fell back
  EXPECT_EQ(p.at("op_shapes").at("fallback"), attention_fallbacks);
  EXPECT_EQ(p.at("fallback_shapes").at(0).at("reason"), "decode_attention.csv has no rows of these heads and KV dtype");
  EXPECT_EQ(p.at("by_op").at("gate_up_gemm").at("interpolated"), 1);  // 112 tokens, between 64 and 128
}
