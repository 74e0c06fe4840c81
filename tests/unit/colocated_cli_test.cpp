// `afdsim run` on the colocated scenarios: the report has the keys of an AFD report, the workers
// are the colocated GPUs, and the all-reduce shows in the wait split and the network section.
#include "run_afdsim.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace afdsim::test {
namespace {

using nlohmann::json;

const std::string kScenarios = AFDSIM_SOURCE_DIR "/scenarios/";
const std::string kShort = " --set workload.steps=3 --set workload.warmup_steps=1 --set model.layers=2 --json";

json run_json(const std::string& scenario, const std::string& extra = "")
{
  const ProcessResult r = run_afdsim("run " + kScenarios + scenario + kShort + extra);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

// Every object key path, arrays seen through their first element ("workers[].name").
void key_paths(const json& j, const std::string& prefix, std::set<std::string>& out)
{
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      out.insert(prefix + "/" + key);
      key_paths(value, prefix + "/" + key, out);
    }
  } else if (j.is_array() && !j.empty()) {
    key_paths(j.front(), prefix + "[]", out);
  }
}

std::set<std::string> report_keys(json report)
{
  report.erase("scenario");  // the resolved scenario: colocated adds deployment.gpus and .allreduce
  std::set<std::string> keys;
  key_paths(report, "", keys);
  return keys;
}

TEST(ColocatedCli, ReportHasTheKeysOfAnAfdReport)
{
  const json afd = run_json("qwen3-32b-h20-3e-afd-7a1f.yaml");
  const json tp8 = run_json("qwen3-32b-h20-3e-tp8.yaml");
  std::set<std::string> afd_keys = report_keys(afd);
  std::set<std::string> tp8_keys = report_keys(tp8);
  for (const auto& key : afd_keys)
    if (key.rfind("/analytic", 0) != 0)  // the analytic estimates depend on the mode
      EXPECT_EQ(tp8_keys.count(key), 1u) << key;

  EXPECT_EQ(tp8["throughput"]["gpus"], 8);
  EXPECT_EQ(tp8["throughput"]["tokens"], 2 * 256);
  ASSERT_EQ(tp8["workers"].size(), 8u);
  EXPECT_EQ(tp8["workers"][7]["name"], "gpu7");
  EXPECT_EQ(tp8["workers"][7]["role"], "colocated");
  EXPECT_EQ(tp8["workers"][7]["host"], "node0-gpu7");
  EXPECT_GT(tp8["workers"][0]["wait_allreduce_fraction"].get<double>(), 0.0);
  EXPECT_EQ(afd["workers"][0]["wait_allreduce_fraction"].get<double>(), 0.0);
  // 2 window steps x 2 layers x 2 all-reduces x 8 GPUs x 14 ring phases.
  EXPECT_EQ(tp8["network"]["allreduce_transfers"], 2 * 2 * 2 * 8 * 14);
  EXPECT_DOUBLE_EQ(tp8["network"]["allreduce_bytes"].get<double>(), 2 * 2 * 2 * 14 * 256 * 5120 * 2.0);
  EXPECT_EQ(tp8["scenario"]["deployment"]["allreduce"], "ring");
}

TEST(ColocatedCli, DataParallelHasNoMessages)
{
  const json dp8 = run_json("qwen3-32b-h20-3e-dp8.yaml");
  EXPECT_EQ(dp8["throughput"]["tokens"], 2 * 8 * 32);
  EXPECT_EQ(dp8["network"]["allreduce_transfers"], 0);
  EXPECT_TRUE(dp8["network"]["links"].empty());
  EXPECT_EQ(dp8["window"]["step_records"], 2 * 8);
  for (const auto& w : dp8["workers"])
    EXPECT_EQ(w["wait_allreduce_fraction"].get<double>(), 0.0);
}

TEST(ColocatedCli, TooManyGpusForThePlatformExitsTwo)
{
  const ProcessResult r = run_afdsim("run " + kScenarios + "qwen3-32b-h20-3e-dp8.yaml --set deployment.gpus=16");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("deployment.gpus: 16 colocated GPUs need 16 hosts but the platform has 8 (node0-gpu0 .. "
                       "node0-gpu7)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
}

} // namespace
} // namespace afdsim::test
