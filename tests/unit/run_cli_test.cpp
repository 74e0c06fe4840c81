// `afdsim run` end to end through the real binary, on the fixed-cost oracle scenario
// (scenarios/fixed-cost-oracle.yaml states its closed form: step = 16.279072 ms).
#include "run_afdsim.hpp"
#include "scratch_dir_test.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using nlohmann::json;
using afdsim::test::ScratchDirTest;
using afdsim::test::ProcessResult;
using afdsim::test::run_afdsim;
using afdsim::test::read_text_file;

namespace {

const std::string kOracle = std::string(AFDSIM_SOURCE_DIR) + "/scenarios/fixed-cost-oracle.yaml";
// Two attention workers, 12 steps of which 2 warm-up: 10 window steps, a fraction of a second.
const std::string kSmall = " --set workload.steps=12 --set workload.warmup_steps=2 --set deployment.attention_workers=2";

class RunCli : public ScratchDirTest {};

// The report's one wall-clock field, blanked.
std::string without_wall_time(const std::string& report)
{
  return std::regex_replace(report, std::regex("\"wall_s\": [-+0-9.eE]+"), "\"wall_s\": 0");
}

} // namespace

TEST_F(RunCli, JsonReportIsAloneOnStdoutAndRepeatsByteForByte)
{
  ProcessResult a = run_afdsim("run " + kOracle + kSmall + " --json");
  ProcessResult b = run_afdsim("run " + kOracle + kSmall + " --json");
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  json report = json::parse(a.out);  // throws if anything else reached stdout
  EXPECT_EQ(without_wall_time(a.out), without_wall_time(b.out));
  EXPECT_NE(without_wall_time(a.out), a.out);  // the wall_s field was there to blank
  EXPECT_EQ(report["scenario"]["deployment"]["attention_workers"], 2);
  EXPECT_EQ(report["window"]["steps"], 10);
}

TEST_F(RunCli, OracleStepTimeAndTokensFollowTheClosedForm)
{
  ProcessResult r = run_afdsim("run " + kOracle + " --set workload.steps=12 --set workload.warmup_steps=2 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  const double step_ms = 64 * (100 + 150 + 2 * (1.0 + 45 * 10240 / 450e3)) / 1e3 + 0.020;  // 16.279072
  EXPECT_NEAR(j["step_ms"]["mean"].get<double>(), step_ms, step_ms * 1e-9);
  EXPECT_NEAR(j["tpot_ms"]["p99"].get<double>(), step_ms, step_ms * 1e-9);
  EXPECT_NEAR(j["throughput"]["tokens_per_s"].get<double>(), 45 / (step_ms / 1e3), 1e-6);
  EXPECT_EQ(j["throughput"]["gpus"], 2);
}

TEST_F(RunCli, TokensAndBytesAreConserved)
{
  ProcessResult r = run_afdsim("run " + kOracle + kSmall + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = json::parse(r.out);
  const int64_t tokens = 2 * 45 * 10;  // workers x requests each x window steps: every slot always busy
  EXPECT_EQ(j["throughput"]["tokens"].get<int64_t>(), tokens);
  const double bytes = static_cast<double>(tokens) * 5120 * 2 * 64;  // hidden x BF16 x layers, each way
  EXPECT_DOUBLE_EQ(j["network"]["a2f_bytes"].get<double>(), bytes);
  EXPECT_DOUBLE_EQ(j["network"]["f2a_bytes"].get<double>(), bytes);
  // Everything sent to the FFN GPU (node0-gpu2) crosses its down link, and nothing else does.
  bool found = false;
  for (const auto& link : j["network"]["links"])
    if (link["name"] == "node0-gpu2-nvl_down") {
      found = true;
      EXPECT_DOUBLE_EQ(link["bytes"].get<double>(), bytes);
    }
  EXPECT_TRUE(found) << j["network"].dump();
  for (const auto& w : j["workers"]) {
    double parts = w["busy_fraction"].get<double>() + w["wait_ffn_result_fraction"].get<double>() +
                   w["step_boundary_fraction"].get<double>() + w["wait_first_input_fraction"].get<double>() +
                   w["wait_barrier_fraction"].get<double>() + w["other_idle_fraction"].get<double>();
    EXPECT_NEAR(parts, 1.0, 1e-9) << w.dump();
  }
}

TEST_F(RunCli, OutWritesTheFourFilesAndTheSummaryStaysOnStdout)
{
  const fs::path out = dir_ / "results" / "oracle";
  ProcessResult r = run_afdsim("run " + kOracle + kSmall + " --json --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text_file((out / "report.json").string()), r.out);
  std::string steps = read_text_file((out / "steps.csv").string());
  EXPECT_EQ(steps.rfind("worker,step,start_ms,end_ms,tokens,context_tokens\n", 0), 0u);
  EXPECT_EQ(std::count(steps.begin(), steps.end(), '\n'), 1 + 2 * 12);
  std::string workers = read_text_file((out / "workers.csv").string());
  EXPECT_EQ(std::count(workers.begin(), workers.end(), '\n'), 1 + 3);
  EXPECT_NE(read_text_file((out / "scenario.yaml").string()).find("attention_workers: 2"), std::string::npos);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "results"), fs::directory_iterator{}), 1);  // no temp left

  ProcessResult summary = run_afdsim("run " + kOracle + kSmall);
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_NE(summary.out.find("Throughput (tokens/s)"), std::string::npos) << summary.out;
}

TEST_F(RunCli, BadScenarioExitsTwoAndLeavesNoOutput)
{
  const fs::path bad = dir_ / "bad.yaml";
  std::string text = read_text_file(kOracle);
  text.replace(text.find("../platforms/"), 2, AFDSIM_SOURCE_DIR);  // the copy lives elsewhere
  text.replace(text.find("batch_per_worker:"), 17, "batch_per_wroker:");
  std::ofstream(bad) << text;
  const fs::path out = dir_ / "out";
  ProcessResult r = run_afdsim("run " + bad.string() + " --json --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("workload.batch_per_wroker"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator{}), 1);  // bad.yaml alone: no temporary output dir left
}

TEST_F(RunCli, MalformedPlatformXmlIsAnInputError)
{
  const fs::path platform = dir_ / "platform.xml";
  std::ofstream(platform) << "not xml\n";
  const fs::path scenario = dir_ / "scenario.yaml";
  std::string text = read_text_file(kOracle);
  text.replace(text.find("../platforms/h20-3e-8gpu.xml"), std::string("../platforms/h20-3e-8gpu.xml").size(),
               platform.string());
  std::ofstream(scenario) << text;
  ProcessResult r = run_afdsim("run " + scenario.string() + " --json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("platform.file: '" + platform.string() + "': Parse error"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}
