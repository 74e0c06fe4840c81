// The colocated keys of the scenario loader: deployment.gpus and deployment.allreduce, the
// defaults that depend on the mode, the divisibility checks of tensor parallelism, and the
// resolved scenario's round trip.
#include "scenario_text.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

using namespace afdsim;
using namespace afdsim::test;

namespace {

const std::string kColocated = kMinimalScenario + "deployment:\n  mode: colocated\n";  // deployment keys from line 8

} // namespace

TEST(ColocatedConfig, DefaultsKeepTheGpuCountAndUseOneMicrobatch)
{
  Scenario s = load_test_scenario(kColocated);
  EXPECT_EQ(s.deployment.mode, DeploymentMode::colocated);
  EXPECT_EQ(s.deployment.gpus, 8);  // attention_workers 7 + ffn_workers 1
  EXPECT_EQ(s.deployment.microbatches, 1);
  EXPECT_EQ(s.deployment.tensor_parallel, 1);
  EXPECT_EQ(s.deployment.allreduce, AllreduceAlgorithm::ring);

  s = load_test_scenario(kColocated + "  attention_workers: 3\n  tensor_parallel: 4\n  allreduce: one_shot\n");
  EXPECT_EQ(s.deployment.gpus, 4);
  EXPECT_EQ(s.deployment.allreduce, AllreduceAlgorithm::one_shot);
  EXPECT_EQ(load_test_scenario(kColocated + "  gpus: 2\n  tensor_parallel: 2\n").deployment.gpus, 2);
  // Switching an AFD scenario's mode on the command line keeps r + 1 GPUs.
  s = load_test_scenario(kMinimalScenario + "deployment:\n  attention_workers: 5\n", {"deployment.mode=colocated"});
  EXPECT_EQ(s.deployment.gpus, 6);
  EXPECT_EQ(s.deployment.microbatches, 1);
}

TEST(ColocatedConfig, AfdKeepsItsMicrobatchDefault)
{
  EXPECT_EQ(load_test_scenario(kMinimalScenario).deployment.microbatches, 2);
}

struct ColocatedError {
  std::string name;
  std::string yaml;
  std::string message;
};

void PrintTo(const ColocatedError& e, std::ostream* os) { *os << e.name; }

class ColocatedConfigError : public ::testing::TestWithParam<ColocatedError> {};

TEST_P(ColocatedConfigError, NamesTheKeyAndWhatIsAllowed) { EXPECT_EQ(load_test_error(GetParam().yaml), GetParam().message); }

INSTANTIATE_TEST_SUITE_P(
    ColocatedConfig, ColocatedConfigError,
    ::testing::Values(
        ColocatedError{"GpusWithAfd", kMinimalScenario + "deployment:\n  gpus: 4\n",
                       "test.yaml:8:9: deployment.gpus: only allowed when deployment.mode is colocated; AFD uses "
                       "deployment.attention_workers + deployment.ffn_workers GPUs"},
        ColocatedError{"AllreduceWithAfd", kMinimalScenario + "deployment:\n  allreduce: ring\n",
                       "test.yaml:8:14: deployment.allreduce: only allowed when deployment.mode is colocated (AFD has "
                       "no all-reduce)"},
        ColocatedError{"BadAllreduce", kColocated + "  allreduce: tree\n",
                       "test.yaml:9:14: deployment.allreduce: must be one of: ring, one_shot; got 'tree'"},
        ColocatedError{"ZeroGpus", kColocated + "  gpus: 0\n",
                       "test.yaml:9:9: deployment.gpus: must be an integer in [1, 4096], got 0"},
        ColocatedError{"TwoMicrobatches", kColocated + "  microbatches: 2\n",
                       "test.yaml:9:17: deployment.microbatches: must be 1 when deployment.mode is colocated (a "
                       "colocated GPU decodes its batch as one microbatch), got 2"},
        ColocatedError{"TpNotDividingGpus", kColocated + "  gpus: 6\n  tensor_parallel: 4\n",
                       "test.yaml:10:20: deployment.tensor_parallel: must divide deployment.gpus (6) so that the GPUs "
                       "form whole tensor-parallel replicas, got 4"},
        ColocatedError{"TpNotDividingKvHeads", kColocated + "  gpus: 16\n  tensor_parallel: 16\n",
                       "test.yaml:10:20: deployment.tensor_parallel: must divide model.kv_heads (8) so that every GPU "
                       "holds whole KV heads, got 16"},
        ColocatedError{"TpNotDividingIntermediate",
                       "model:\n  preset: qwen3-32b\n  intermediate_size: 25602\nhardware:\n  preset: h20\nplatform:\n"
                       "  file: platform.xml\ndeployment:\n  mode: colocated\n  tensor_parallel: 4\n",
                       "test.yaml:10:20: deployment.tensor_parallel: must divide model.intermediate_size (25602) so "
                       "that every GPU holds an equal FFN slice, got 4"},
        ColocatedError{"AttentionHosts", kColocated + "  attention_workers: 1\n  attention_hosts: [gpu1]\n",
                       "test.yaml:10:20: deployment.attention_hosts: must be empty when deployment.mode is colocated: "
                       "colocated GPUs are the first deployment.gpus (2) hosts of the platform in natural order"},
        ColocatedError{"Slowdown", kColocated + "  attention_workers: 1\n  attention_slowdown: [2]\n",
                       "test.yaml:10:23: deployment.attention_slowdown: must be empty when deployment.mode is "
                       "colocated (straggler factors apply to AFD attention workers)"}),
    [](const ::testing::TestParamInfo<ColocatedError>& info) { return info.param.name; });

TEST(ColocatedConfig, ResolvedScenarioRoundTrips)
{
  Scenario original = load_test_scenario(kColocated + "  gpus: 4\n  tensor_parallel: 2\n  allreduce: one_shot\n");
  const std::string yaml = to_yaml(original);
  EXPECT_NE(yaml.find("gpus: 4"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("allreduce: one_shot"), std::string::npos) << yaml;
  Scenario reloaded = load_scenario_text(yaml, "resolved.yaml", "");
  EXPECT_EQ(to_yaml(reloaded), yaml);
  EXPECT_EQ(to_json(reloaded), to_json(original));
  EXPECT_EQ(to_json(reloaded)["deployment"]["gpus"], 4);
  // AFD refuses the colocated keys, so its resolved scenario leaves them out.
  const std::string afd = to_yaml(load_test_scenario(kMinimalScenario));
  EXPECT_EQ(afd.find("gpus:"), std::string::npos) << afd;
  EXPECT_EQ(afd.find("allreduce:"), std::string::npos) << afd;
  EXPECT_FALSE(to_json(load_test_scenario(kMinimalScenario))["deployment"].contains("gpus"));
}
