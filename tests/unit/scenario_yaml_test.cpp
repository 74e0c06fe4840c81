// The resolved scenario: to_yaml loads back to the same scenario, to_json has the same structure.
#include "scenario_text.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/config/scenario_yaml.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

using namespace afdsim;
using namespace afdsim::test;

namespace {

const std::string kPlatform = std::filesystem::path(kTestDataDir + "/platform.xml").lexically_normal().string();

} // namespace

// to_yaml writes every key; loading it again from another folder gives the same scenario,
// to the last bit of every double.
TEST(ScenarioYaml, RoundTripIsExact)
{
  Scenario original = load_scenario(kTestDataDir + "/full.yaml",
                                    {"hardware.gemm_mfu=0.30000000000000004", "hardware.attention_fixed_us=1e-7",
                                     "name='null'", "description=' leading space, # and: colon'", "outputs.dir='123'"});
  std::string yaml = to_yaml(original);
  Scenario reloaded = load_scenario_text(yaml, "resolved.yaml", "/no/such/folder");
  EXPECT_EQ(to_yaml(reloaded), yaml);
  EXPECT_EQ(to_json(reloaded), to_json(original));
  EXPECT_EQ(reloaded.name, "null");
  EXPECT_EQ(reloaded.description, " leading space, # and: colon");
  EXPECT_EQ(reloaded.outputs.dir, "123");
  EXPECT_EQ(reloaded.hardware.gemm_mfu, 0.30000000000000004);
  EXPECT_EQ(reloaded.hardware.attention_fixed_us, 1e-7);
  EXPECT_EQ(reloaded.workload.seed, 18446744073709551615ull);
  EXPECT_EQ(reloaded.platform.file, kPlatform);  // written resolved
  EXPECT_EQ(reloaded.platform.resolved_file, original.platform.resolved_file);
}

TEST(ScenarioYaml, RoundTripOfDefaults)
{
  Scenario original = load_test_scenario(kMinimalScenario);
  Scenario reloaded = load_scenario_text(to_yaml(original), "resolved.yaml", "");
  EXPECT_EQ(to_json(reloaded), to_json(original));
  EXPECT_EQ(reloaded.name, "test");  // the default name is written out, not re-derived
}

// The JSON has the YAML's structure: the same sections with the same keys.
TEST(ScenarioYaml, JsonMirrorsYaml)
{
  for (const std::string& file : {kTestDataDir + "/full.yaml", kTestDataDir + "/minimal.yaml"}) {
    Scenario s = load_scenario(file);
    YAML::Node yaml = YAML::Load(to_yaml(s));
    nlohmann::json json = to_json(s);
    ASSERT_EQ(yaml.size(), json.size());
    for (const auto& section : yaml) {
      const std::string key = section.first.Scalar();
      ASSERT_TRUE(json.contains(key)) << key;
      if (!section.second.IsMap())
        continue;
      EXPECT_EQ(section.second.size(), json[key].size()) << key;
      for (const auto& entry : section.second)
        EXPECT_TRUE(json[key].contains(entry.first.Scalar())) << key << "." << entry.first.Scalar();
    }
  }
  nlohmann::json j = to_json(load_test_scenario(kMinimalScenario));
  EXPECT_EQ(j["deployment"]["attention_workers"], 7);
  EXPECT_EQ(j["model"]["weights"], "fp8");
  EXPECT_EQ(j["cost_model"].size(), 1u);  // per-op times only with kind fixed
  EXPECT_EQ(j["platform"]["file"], kPlatform);
}
