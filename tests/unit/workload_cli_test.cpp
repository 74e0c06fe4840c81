// The workload scenarios end to end through the real binary: requests.csv, the report's workload
// block, the console lines, and byte-identical repeats with distributed lengths.
#include "csv_rows.hpp"
#include "run_afdsim.hpp"
#include "test_files.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <regex>

namespace fs = std::filesystem;
using nlohmann::json;
using namespace afdsim::test;

namespace {

const std::string kChat = std::string(AFDSIM_SOURCE_DIR) + "/scenarios/qwen3-32b-h20-3e-afd-chat.yaml";
const std::string kLongContext = std::string(AFDSIM_SOURCE_DIR) + "/scenarios/qwen3-32b-h20-3e-afd-longctx.yaml";
// Few layers and steps, short answers: requests finish within the run.
const std::string kSmall = " --set model.layers=2 --set workload.steps=60 --set workload.warmup_steps=5"
                           " --set workload.output_tokens.mean=8";

std::string without_wall_time(const std::string& report)
{
  return std::regex_replace(report, std::regex("\"wall_s\": [-+0-9.eE]+"), "\"wall_s\": 0");
}

} // namespace

TEST(WorkloadCli, RequestsCsvAndWorkloadReport)
{
  const fs::path out = fs::temp_directory_path() / ("afdsim-workload-cli-" + std::to_string(getpid()));
  fs::remove_all(out);
  const ProcessResult r = run_afdsim("run " + kChat + kSmall + " --json --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<CsvRow> rows = read_csv((out / "requests.csv").string());
  const std::string text = read_text_file((out / "requests.csv").string());
  fs::remove_all(out);
  EXPECT_EQ(text.rfind("id,worker,prompt_tokens,output_tokens,arrival_s,start_s,end_s,queue_delay_ms,tpot_mean_ms\n", 0), 0u);
  ASSERT_GT(rows.size(), 100u);
  for (const CsvRow& row : rows) {
    const double start_s = std::stod(row.at("start_s"));
    const double end_s = std::stod(row.at("end_s"));
    EXPECT_NEAR(std::stod(row.at("tpot_mean_ms")), (end_s - start_s) * 1e3 / std::stoi(row.at("output_tokens")), 1e-9);
    EXPECT_EQ(row.at("worker").rfind("attn", 0), 0u);
    EXPECT_GE(std::stoi(row.at("prompt_tokens")), 1);
  }
  const json report = json::parse(r.out);
  const json& w = report["workload"];
  EXPECT_GT(w["theta_tokens"].get<double>(), 1024);  // E[P] + E[D(D-1)] / (2 E[D]) = 1024 + 7
  EXPECT_NEAR(w["theta_tokens"].get<double>(), 1024 + 7, 0.5);
  EXPECT_GT(w["mean_context_per_slot_tokens"].get<double>(), 0);
  EXPECT_EQ(w["ffn_barrier"]["count"].get<int>(), 55 * 2 * 2);  // window steps x layers x microbatches
  EXPECT_GE(w["ffn_barrier"]["p99_ms"].get<double>(), w["ffn_barrier"]["mean_ms"].get<double>());
  EXPECT_EQ(report["scenario"]["workload"]["output_tokens_distribution"]["dist"], "geometric");
}

TEST(WorkloadCli, ConsoleShowsThetaAndBarrierAndRepeatsExactly)
{
  const ProcessResult a = run_afdsim("run " + kLongContext + kSmall);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.out.find("Context per slot (tokens, before the new one): measured "), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("FFN barrier (first to last input of a layer and microbatch, over 220)"), std::string::npos)
      << a.out;
  const ProcessResult b = run_afdsim("run " + kLongContext + kSmall + " --json");
  const ProcessResult c = run_afdsim("run " + kLongContext + kSmall + " --json");
  EXPECT_EQ(without_wall_time(b.out), without_wall_time(c.out));
  const ProcessResult other_seed = run_afdsim("run " + kLongContext + kSmall + " --json --set workload.seed=2");
  EXPECT_NE(without_wall_time(b.out), without_wall_time(other_seed.out));
}
