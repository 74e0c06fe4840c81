// The strict scenario loader: defaults, preset overrides, --set, path resolution and every
// cross-field check (the bad-file catalogue is in bad_scenarios_test.cpp, the resolved scenario's
// round trip in scenario_yaml_test.cpp).
#include "scenario_text.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/config/yaml_text.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace afdsim;
using namespace afdsim::test;

namespace {

const std::string kPlatform = std::filesystem::path(kTestDataDir + "/platform.xml").lexically_normal().string();

} // namespace

TEST(ScenarioLoader, MinimalScenarioTakesEveryDefault)
{
  Scenario s = load_test_scenario(kMinimalScenario);
  const Scenario defaults;
  EXPECT_EQ(s.source_file, "test.yaml");
  EXPECT_EQ(s.name, "test");  // the file's stem
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.model.name, "qwen3-32b");
  EXPECT_EQ(s.model.hidden_size, model_preset("qwen3-32b").hidden_size);
  EXPECT_EQ(s.model.weights, Dtype::fp8);
  EXPECT_EQ(s.hardware.name, "h20");
  EXPECT_DOUBLE_EQ(s.hardware.hbm_bandwidth_gb_per_s, gpu_preset("h20").hbm_bandwidth_gb_per_s);
  EXPECT_EQ(s.platform.file, "platform.xml");
  EXPECT_EQ(s.platform.resolved_file, kPlatform);
  EXPECT_TRUE(s.platform.simgrid_cfg.empty());
  EXPECT_EQ(s.deployment.mode, defaults.deployment.mode);
  EXPECT_EQ(s.deployment.attention_workers, 7);
  EXPECT_EQ(s.deployment.ffn_workers, 1);
  EXPECT_EQ(s.deployment.microbatches, 2);
  EXPECT_EQ(s.deployment.tensor_parallel, 1);
  EXPECT_TRUE(s.deployment.attention_hosts.empty());
  EXPECT_TRUE(s.deployment.ffn_hosts.empty());
  EXPECT_EQ(s.deployment.a2f_dtype, Dtype::bf16);
  EXPECT_EQ(s.deployment.f2a_dtype, Dtype::bf16);
  EXPECT_TRUE(s.deployment.attention_slowdown.empty());
  EXPECT_EQ(s.workload.batch_per_worker, 32);
  EXPECT_EQ(s.workload.prompt_tokens, 2048);
  EXPECT_EQ(s.workload.output_tokens, 512);
  EXPECT_EQ(s.workload.steps, 200);
  EXPECT_EQ(s.workload.warmup_steps, 20);
  EXPECT_EQ(s.workload.seed, 1u);
  EXPECT_EQ(s.cost_model.kind, CostModelKind::roofline);
  EXPECT_EQ(s.outputs.dir, "");
}

TEST(ScenarioLoader, FullFileSetsEveryKey)
{
  Scenario s = load_scenario(kTestDataDir + "/full.yaml");
  EXPECT_EQ(s.name, "full-example");
  EXPECT_EQ(s.description, "Qwen3-8B on H100: r=4, three microbatches, fixed costs");
  EXPECT_EQ(s.model.name, "qwen3-8b");
  EXPECT_EQ(s.model.weights, Dtype::bf16);
  EXPECT_EQ(s.model.kv_cache, Dtype::fp8);
  EXPECT_EQ(s.model.layers, 30);
  EXPECT_EQ(s.model.hidden_size, 4096);  // from the preset
  EXPECT_EQ(s.hardware.name, "h100-sxm");
  EXPECT_DOUBLE_EQ(s.hardware.hbm_bandwidth_gb_per_s, 3000.5);
  EXPECT_TRUE(s.hardware.swap_ab);
  EXPECT_EQ(s.hardware.mma_tile_m, 128);
  EXPECT_EQ(s.platform.file, "./platform.xml");
  EXPECT_EQ(s.platform.resolved_file, kPlatform);
  EXPECT_EQ(s.platform.simgrid_cfg, (std::vector<std::string>{"network/model:CM02", "network/crosstraffic:0"}));
  EXPECT_EQ(s.deployment.attention_workers, 4);
  EXPECT_EQ(s.deployment.microbatches, 3);
  EXPECT_EQ(s.deployment.attention_hosts, (std::vector<std::string>{"gpu0", "gpu1", "gpu2", "gpu3"}));
  EXPECT_EQ(s.deployment.ffn_hosts, (std::vector<std::string>{"gpu7"}));
  EXPECT_EQ(s.deployment.a2f_dtype, Dtype::fp8);
  EXPECT_EQ(s.deployment.attention_slowdown, (std::vector<double>{1, 1.5, 1, 0.75}));
  EXPECT_EQ(s.workload.batch_per_worker, 48);
  EXPECT_EQ(s.workload.prompt_tokens, 1000);  // written 1e3: an integral value is an integer
  EXPECT_EQ(s.workload.output_tokens, 256);
  EXPECT_EQ(s.workload.steps, 100);
  EXPECT_EQ(s.workload.warmup_steps, 10);
  EXPECT_EQ(s.workload.seed, 18446744073709551615ull);
  EXPECT_EQ(s.cost_model.kind, CostModelKind::fixed);
  EXPECT_DOUBLE_EQ(s.cost_model.attention_us, 120.5);
  EXPECT_DOUBLE_EQ(s.cost_model.ffn_us, 80);
  EXPECT_DOUBLE_EQ(s.cost_model.lm_head_us, 0);
  EXPECT_EQ(s.outputs.dir, "out/full");
}

TEST(ScenarioLoader, PresetFieldsCanBeOverridden)
{
  Scenario s = load_test_scenario("model:\n  preset: qwen3-32b\n  kv_heads: 4\n  tie_embeddings: true\n"
                    "hardware:\n  preset: h20\n  hbm_bandwidth_gb_per_s: 4321.5\n  sms: 80\n"
                    "platform:\n  file: platform.xml\n");
  GpuSpec h20 = gpu_preset("h20");
  EXPECT_DOUBLE_EQ(s.hardware.hbm_bandwidth_gb_per_s, 4321.5);
  EXPECT_EQ(s.hardware.sms, 80);
  EXPECT_EQ(s.hardware.name, "h20");
  EXPECT_DOUBLE_EQ(s.hardware.bf16_tflops, h20.bf16_tflops);  // untouched fields stay the preset's
  EXPECT_DOUBLE_EQ(s.hardware.gemm_mfu, h20.gemm_mfu);
  EXPECT_EQ(s.model.kv_heads, 4);
  EXPECT_TRUE(s.model.tie_embeddings);
  EXPECT_EQ(s.model.q_heads, 64);
}

TEST(ScenarioLoader, IntegerForms)
{
  Scenario s = load_test_scenario(kMinimalScenario + "workload:\n  steps: 2e3\n  prompt_tokens: 4096.0\n  output_tokens: +7\n  seed: 1e3\n");
  EXPECT_EQ(s.workload.steps, 2000);
  EXPECT_EQ(s.workload.prompt_tokens, 4096);
  EXPECT_EQ(s.workload.output_tokens, 7);
  EXPECT_EQ(s.workload.seed, 1000u);
  EXPECT_NE(load_test_error(kMinimalScenario + "workload:\n  steps: 2.5e0\n").find("got 2.5e0"), std::string::npos);
  EXPECT_NE(load_test_error(kMinimalScenario + "workload:\n  seed: 18446744073709551616\n").find("got 18446744073709551616"),
            std::string::npos);
  EXPECT_NE(load_test_error(kMinimalScenario + "workload:\n  seed: 1e20\n").find("workload.seed: must be an integer"), std::string::npos);
}

TEST(ScenarioLoader, EmptySectionTakesDefaults)
{
  Scenario s = load_test_scenario(kMinimalScenario + "deployment:\nworkload:\n");
  EXPECT_EQ(s.deployment.attention_workers, 7);
  EXPECT_EQ(s.workload.steps, 200);
}

TEST(ScenarioLoader, SetOverridesAnyKey)
{
  Scenario s = load_test_scenario(kMinimalScenario, {"deployment.attention_workers=4", "model.weights=bf16",
                               "deployment.attention_hosts=[a, b, c, d]", "hardware.hbm_bandwidth_gb_per_s=1234.5",
                               "outputs.dir=out/x", "description=", "workload.steps=50", "workload.steps=60",
                               "deployment.attention_slowdown=[1, 2, 3, 4]"});
  EXPECT_EQ(s.deployment.attention_workers, 4);
  EXPECT_EQ(s.model.weights, Dtype::bf16);
  EXPECT_EQ(s.deployment.attention_hosts, (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_DOUBLE_EQ(s.hardware.hbm_bandwidth_gb_per_s, 1234.5);
  EXPECT_EQ(s.outputs.dir, "out/x");  // a section the file lacks is created
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.workload.steps, 60);  // the later --set wins
  EXPECT_EQ(s.deployment.attention_slowdown, (std::vector<double>{1, 2, 3, 4}));
}

TEST(ScenarioLoader, SetCanReplaceAWholeSection)
{
  Scenario s = load_test_scenario(kMinimalScenario + "deployment:\n  attention_workers: 3\n",
                    {"deployment={attention_workers: 2, microbatches: 1}", "model={preset: qwen3-8b}"});
  EXPECT_EQ(s.deployment.attention_workers, 2);
  EXPECT_EQ(s.deployment.microbatches, 1);
  EXPECT_EQ(s.model.name, "qwen3-8b");
}

TEST(ScenarioLoader, SetErrorsNameTheOverride)
{
  EXPECT_EQ(load_test_error(kMinimalScenario, {"deployment.attention_workers=0"}),
            "--set deployment.attention_workers=0: deployment.attention_workers: must be an integer in [1, 1024], got 0");
  EXPECT_EQ(load_test_error(kMinimalScenario, {"deployment.attention_worker=4"}),
            "--set deployment.attention_worker=4: deployment.attention_worker: unknown key; did you mean "
            "'attention_workers'?");
  EXPECT_EQ(load_test_error(kMinimalScenario, {"deployment.attention_hosts=[a,b"}).rfind(
                "--set deployment.attention_hosts=[a,b: deployment.attention_hosts: VALUE is not valid YAML: ", 0),
            0u);
  EXPECT_EQ(load_test_error(kMinimalScenario, {"deployment.attention_hosts=[a,a]"}),
            "--set deployment.attention_hosts=[a,a]: deployment.attention_hosts[1]: 'a' is listed twice (also at [0]); "
            "names must be distinct");
  EXPECT_EQ(load_test_error(kMinimalScenario, {"model.weights=fp16"}),
            "--set model.weights=fp16: model.weights: must be one of: fp8, bf16; got 'fp16'");
  EXPECT_EQ(load_test_error(kMinimalScenario, {"model.preset.size=1"}),
            "--set model.preset.size=1: model.preset: holds 'qwen3-32b', not a section of keys, so model.preset.size "
            "cannot be set");
  EXPECT_EQ(load_test_error(kMinimalScenario, {"workload.steps"}),
            "--set workload.steps: expected KEY=VALUE with a dotted KEY, e.g. --set deployment.attention_workers=4");
  EXPECT_EQ(load_test_error(kMinimalScenario, {"=3"}),
            "--set =3: expected KEY=VALUE with a dotted KEY, e.g. --set deployment.attention_workers=4");
  EXPECT_EQ(load_test_error(kMinimalScenario, {"workload..steps=3"}),
            "--set workload..steps=3: workload..steps: empty key part; KEY is a dotted path such as "
            "deployment.attention_workers");
  EXPECT_EQ(load_test_error(kMinimalScenario, {"deployment.mode="}),
            "--set deployment.mode=: deployment.mode: must be one of: afd, colocated; got ''");
}

TEST(ScenarioLoader, FileValuesStillPointAtTheFileWhenOthersAreSet)
{
  // The conflict is caused by --set but the wrong key is in the file, at line 8.
  EXPECT_EQ(load_test_error(kMinimalScenario + "deployment:\n  microbatches: 8\n", {"workload.batch_per_worker=4"}),
            "test.yaml:8:17: deployment.microbatches: must be at most workload.batch_per_worker (4): every microbatch "
            "needs a request, got 8");
}

TEST(ScenarioLoader, PlatformPathResolution)
{
  // Relative to the scenario file's folder, normalized.
  Scenario from_file = load_scenario(kTestDataDir + "/minimal.yaml");
  EXPECT_EQ(from_file.platform.resolved_file, kPlatform);
  EXPECT_EQ(from_file.name, "minimal");
  Scenario dotted = load_scenario_text(
      "model: {preset: qwen3-8b}\nhardware: {preset: h20}\nplatform: {file: ../data/./platform.xml}\n", "x.yaml",
      AFDSIM_SOURCE_DIR "/tests/bad_scenarios");
  EXPECT_EQ(dotted.platform.resolved_file, kPlatform);
  // Absolute paths stay as they are.
  Scenario absolute = load_scenario_text(
      "model: {preset: qwen3-8b}\nhardware: {preset: h20}\nplatform: {file: " + kPlatform + "}\n", "x.yaml", "/");
  EXPECT_EQ(absolute.platform.resolved_file, kPlatform);
  // No base folder: the current directory; the message names the resolved path.
  std::string expected = (std::filesystem::current_path() / "no-such-platform.xml").string();
  std::string message;
  try {
    load_scenario_text("model: {preset: qwen3-8b}\nhardware: {preset: h20}\nplatform: {file: no-such-platform.xml}\n",
                       "x.yaml", "");
  } catch (const InputError& e) {
    message = e.what();
  }
  EXPECT_EQ(message, "x.yaml:3:18: platform.file: cannot read '" + expected + "': No such file or directory");
}

TEST(ScenarioLoader, UnreadableScenarioFiles)
{
  std::string missing = kTestDataDir + "/no-such-scenario.yaml";
  try {
    load_scenario(missing);
    FAIL() << "loaded a missing file";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), missing + ": cannot read scenario file: No such file or directory");
  }
  try {
    load_scenario(kTestDataDir);
    FAIL() << "loaded a directory";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), kTestDataDir + ": is a directory, not a scenario file");
  }
}

TEST(ScenarioLoader, TextThatIsNotAScenario)
{
  EXPECT_EQ(load_test_error("").rfind("test.yaml: empty scenario; expected a map with keys name, description, model", 0), 0u);
  EXPECT_EQ(load_test_error("  \n\n# only a comment\n").rfind("test.yaml: empty scenario", 0), 0u);
  std::string huge = kMinimalScenario + "# " + std::string(kMaxScenarioBytes, 'x') + "\n";
  EXPECT_EQ(load_test_error(huge),
            "test.yaml: file is " + std::to_string(huge.size()) + " bytes; a scenario may be at most 1048576 bytes");
  EXPECT_EQ(load_test_error(std::string("model:\n  preset: \xc3\x28\n")), "test.yaml:2:11: not a UTF-8 text file (invalid byte 0xc3)");
  EXPECT_EQ(load_test_error(std::string("model:\n  preset: \xed\xa0\x80\n")),  // a UTF-16 surrogate
            "test.yaml:2:11: not a UTF-8 text file (invalid byte 0xed)");
  EXPECT_EQ(load_test_error(std::string("model:\n  pre\x7fset: x\n")), "test.yaml:2:6: not a YAML text file (control character 0x7f)");
}

// Every check between keys: the exact message names the wrong key (at its position) and the key
// it conflicts with. Line numbers count from kMinimalScenario's 6 lines.
struct CrossCheck {
  std::string name;
  std::string yaml;  // appended to kMinimalScenario
  std::string message;
};

void PrintTo(const CrossCheck& check, std::ostream* os) { *os << check.name; }  // readable CTest names

class CrossFieldCheck : public ::testing::TestWithParam<CrossCheck> {};

TEST_P(CrossFieldCheck, NamesBothKeys) { EXPECT_EQ(load_test_error(kMinimalScenario + GetParam().yaml), GetParam().message); }

INSTANTIATE_TEST_SUITE_P(
    ScenarioLoader, CrossFieldCheck,
    ::testing::Values(
        CrossCheck{"MicrobatchesOverBatch", "deployment:\n  microbatches: 5\nworkload:\n  batch_per_worker: 4\n",
                   "test.yaml:8:17: deployment.microbatches: must be at most workload.batch_per_worker (4): every "
                   "microbatch needs a request, got 5"},
        CrossCheck{"WarmupNotBelowSteps", "workload:\n  steps: 20\n",  // warmup_steps keeps its default 20
                   "test.yaml:8:3: workload.warmup_steps: must be an integer in [0, 19], below workload.steps (20) so "
                   "that some steps are measured, got 20"},
        CrossCheck{"TensorParallelNeedsColocated", "deployment:\n  tensor_parallel: 2\n",
                   "test.yaml:8:20: deployment.tensor_parallel: must be 1 when deployment.mode is afd (tensor "
                   "parallelism is modelled only with mode colocated), got 2"},
        CrossCheck{"TensorParallelDividesHeads", "deployment:\n  mode: colocated\n  tensor_parallel: 6\n",
                   "test.yaml:9:20: deployment.tensor_parallel: must divide model.q_heads (64) so that every GPU holds "
                   "whole heads, got 6"},
        CrossCheck{"AttentionHostsCount", "deployment:\n  attention_workers: 2\n  attention_hosts: [a, b, c]\n",
                   "test.yaml:9:20: deployment.attention_hosts: must list deployment.attention_workers (2) hosts, got 3"},
        CrossCheck{"FfnHostsCount", "deployment:\n  ffn_hosts: [f, g]\n",
                   "test.yaml:8:14: deployment.ffn_hosts: must list deployment.ffn_workers (1) hosts, got 2"},
        CrossCheck{"HostInBothRoles", "deployment:\n  attention_workers: 1\n  attention_hosts: [a]\n  ffn_hosts: [a]\n",
                   "test.yaml:10:14: deployment.ffn_hosts: 'a' is also in deployment.attention_hosts; a GPU has one role"},
        CrossCheck{"SlowdownLength", "deployment:\n  attention_slowdown: [1, 2]\n",
                   "test.yaml:8:23: deployment.attention_slowdown: must have one factor per attention worker: "
                   "deployment.attention_workers (7) numbers, got 2"},
        CrossCheck{"FixedNeedsACost", "cost_model:\n  kind: fixed\n  attention_us: 0\n",
                   "test.yaml:9:17: cost_model.attention_us: with cost_model.kind fixed, cost_model.attention_us + "
                   "cost_model.ffn_us must be > 0 (a step must take time), got both 0"},
        CrossCheck{"FixedKeysNeedFixed", "cost_model:\n  ffn_us: 3\n",
                   "test.yaml:8:11: cost_model.ffn_us: only allowed when cost_model.kind is fixed (it is roofline)"}),
    [](const ::testing::TestParamInfo<CrossCheck>& info) { return info.param.name; });

TEST(ScenarioLoader, KvHeadsMustDivideQueryHeads)
{
  EXPECT_EQ(load_test_error("model:\n  preset: qwen3-8b\n  kv_heads: 5\nhardware: {preset: h20}\nplatform: {file: platform.xml}\n"),
            "test.yaml:3:13: model.kv_heads: must divide model.q_heads (32): each KV head serves a whole group of query "
            "heads, got 5");
}

TEST(ScenarioLoader, CrossFieldBoundariesAreAccepted)
{
  Scenario s = load_test_scenario(kMinimalScenario + "deployment:\n  mode: colocated\n  tensor_parallel: 8\n  microbatches: 1\n"
                               "workload:\n  batch_per_worker: 1\n  steps: 21\n  warmup_steps: 20\n"
                               "cost_model:\n  kind: fixed\n  ffn_us: 0.5\n");
  EXPECT_EQ(s.deployment.tensor_parallel, 8);
  EXPECT_EQ(s.deployment.microbatches, s.workload.batch_per_worker);
  EXPECT_EQ(s.workload.warmup_steps, s.workload.steps - 1);
  EXPECT_DOUBLE_EQ(s.cost_model.attention_us, 0);
  EXPECT_DOUBLE_EQ(s.cost_model.ffn_us, 0.5);
}
