// `afdsim estimate` and `afdsim presets` as a user calls them (brief §7).
#include "run_afdsim.hpp"
#include "sim/cost/decode_estimate.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace afdsim;
using afdsim::test::run_afdsim;

TEST(EstimateCli, JsonTimeIsTheCostModelsAndSumsItsOps)
{
  const auto r = run_afdsim("estimate --hardware h20-3e --model qwen3-32b --part full --batch 32 --context 4096 "
                            "--kv fp8 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ModelSpec m = model_preset("qwen3-32b");
  m.kv_cache = Dtype::fp8;
  const auto e = estimate_decode(RooflineCostModel(m, gpu_preset("h20-3e")), StepPart::full, 32, 4096);
  EXPECT_DOUBLE_EQ(j.at("time_ms").get<double>(), e.time_s * 1e3);
  double per_layer_us = 0;
  for (const auto& op : j.at("ops_per_layer")) {
    per_layer_us += op.at("time_us").get<double>();
    EXPECT_TRUE(op.at("bound") == "compute" || op.at("bound") == "memory" || op.at("bound") == "fixed");
  }
  EXPECT_NEAR(per_layer_us * 64 / 1e3, j.at("time_ms").get<double>(), 1e-9);
}

TEST(EstimateCli, PartsAddUp)
{
  auto time_ms = [](const char* part) {
    const auto r = run_afdsim(std::string("estimate --hardware h100-sxm --model qwen3-8b --batch 8 --json --part ") + part);
    return nlohmann::json::parse(r.out).at("time_ms").get<double>();
  };
  EXPECT_NEAR(time_ms("attn") + time_ms("ffn"), time_ms("full"), 1e-9);
}

TEST(EstimateCli, BadFlagsExit2NamingTheFlag)
{
  struct Case {
    const char* args;
    const char* fragment;
  };
  const Case cases[] = {
      {"--hardware h21 --model qwen3-32b --part full --batch 1", "--hardware: unknown hardware preset 'h21'"},
      {"--hardware h20 --model llama --part full --batch 1", "--model: unknown model preset 'llama'"},
      {"--hardware h20 --model qwen3-32b --part fuul --batch 1", "--part: must be one of: attn, ffn, full"},
      {"--hardware h20 --model qwen3-32b --part full --batch 0", "--batch: must be an integer in [1, 1000000]"},
      {"--hardware h20 --model qwen3-32b --part full --batch 1 --kv int4", "--kv: must be one of: fp8, bf16"},
      {"--hardware h20 --model qwen3-32b --part full", "--batch is required"},
  };
  for (const auto& c : cases) {
    const auto r = run_afdsim(std::string("estimate ") + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.fragment), std::string::npos) << c.args << " -> " << r.err;
    EXPECT_EQ(r.out, "") << c.args;
  }
}

TEST(PresetsCli, JsonListsEveryPresetWithItsFields)
{
  const auto r = run_afdsim("presets --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  std::vector<std::string> gpus;
  for (const auto& g : j.at("hardware")) {
    gpus.push_back(g.at("name"));
    for (const auto& f : gpu_fields())
      EXPECT_TRUE(g.contains(f.key)) << f.key;
  }
  for (const char* name : {"h20-3e", "h20", "h100-sxm", "h200", "h800", "b200"})
    EXPECT_NE(std::find(gpus.begin(), gpus.end(), name), gpus.end()) << name;
  ASSERT_EQ(j.at("models").size(), 2u);
  EXPECT_EQ(j.at("models")[0].at("derived").at("kv_bytes_per_token"), 262144.0);
}
