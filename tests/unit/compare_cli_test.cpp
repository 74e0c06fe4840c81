// `afdsim compare` end to end through the real binary on the fixed-cost oracle (closed forms in
// scenarios/fixed-cost-oracle.yaml), and the seed-report scenario that cannot run.
#include "run_afdsim.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

using nlohmann::json;
using afdsim::test::ProcessResult;
using afdsim::test::run_afdsim;

namespace {

const std::string kDir = std::string(AFDSIM_SOURCE_DIR) + "/scenarios/";
const std::string kOracle = kDir + "fixed-cost-oracle.yaml";
const std::string kFewSteps = " --set workload.steps=6 --set workload.warmup_steps=2";

} // namespace

TEST(CompareCli, OracleJsonHasEveryConfigurationAndTheSpeedupOverTheBestBaseline)
{
  const ProcessResult r = run_afdsim("compare " + kOracle + kFewSteps + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);  // stdout holds the JSON and nothing else
  EXPECT_EQ(j["gpus"], 2);
  EXPECT_TRUE(j["tpot_bound_ms"].is_null());
  const json& rows = j["configurations"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["name"], "AFD 1A1F m=1");
  EXPECT_EQ(rows[1]["name"], "colocated DP");
  EXPECT_EQ(rows[2]["name"], "colocated TP2");
  for (const json& row : rows) {
    EXPECT_EQ(row["status"], "ran") << row.dump();
    EXPECT_EQ(row["gpus"], 2);
    EXPECT_EQ(row["batch_per_worker"], 45);
    EXPECT_EQ(row["simulations"], 1);
  }
  // AFD: 45 tokens per 16.279072 ms step over 2 GPUs. DP: each GPU 45 tokens per
  // 64 x (100 + 150) + 20 us = 16.020 ms step (no transfers).
  EXPECT_NEAR(rows[0]["tokens_per_s_per_gpu"].get<double>(), 45 / 0.016279072 / 2, 1e-6);
  EXPECT_NEAR(rows[0]["tpot_ms"]["p50"].get<double>(), 16.279072, 1e-9);
  EXPECT_NEAR(rows[1]["tokens_per_s_per_gpu"].get<double>(), 45 / 0.016020, 1e-6);
  const double best = std::max(rows[1]["tokens_per_s_per_gpu"].get<double>(), rows[2]["tokens_per_s_per_gpu"].get<double>());
  EXPECT_EQ(j["best_baseline"], "colocated DP");
  EXPECT_DOUBLE_EQ(j["afd_speedup_per_gpu"].get<double>(), rows[0]["tokens_per_s_per_gpu"].get<double>() / best);
  // Progress on stderr, one line per configuration at least.
  EXPECT_NE(r.err.find("[3/3] colocated TP2"), std::string::npos) << r.err;
}

TEST(CompareCli, TpotBoundSearchesUpToTheMemoryLimitOrSaysNoBatchFits)
{
  // Fixed op times do not grow with the batch: DP (16.020 ms) is within 16.1 ms at every batch, so
  // the search climbs to its memory limit; AFD (16.279 ms) and TP2 (DP + all-reduces) never are.
  const ProcessResult r = run_afdsim("compare " + kOracle + kFewSteps + " --tpot-ms 16.1 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["tpot_bound_ms"], 16.1);
  const json& rows = j["configurations"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["status"], "no_batch_within_tpot_bound");
  EXPECT_EQ(rows[0]["search_probes"].size(), 1u);  // batch 1 (m = 1) already misses it
  EXPECT_NE(rows[0]["reason"].get<std::string>().find("above the bound of 16.100 ms"), std::string::npos);
  EXPECT_EQ(rows[1]["status"], "ran");
  EXPECT_EQ(rows[1]["batch_per_worker"], rows[1]["max_batch_per_worker"]);
  EXPECT_EQ(rows[1]["search_probes"].back()["batch_per_worker"], rows[1]["max_batch_per_worker"]);
  EXPECT_EQ(rows[2]["status"], "no_batch_within_tpot_bound");
  EXPECT_TRUE(j["afd_speedup_per_gpu"].is_null());
}

TEST(CompareCli, BadInputExitsTwo)
{
  const ProcessResult missing = run_afdsim("compare " + kDir + "no-such-file.yaml");
  EXPECT_EQ(missing.exit_code, 2);
  const ProcessResult bound = run_afdsim("compare " + kOracle + " --tpot-ms 0");
  EXPECT_EQ(bound.exit_code, 2);
  EXPECT_NE(bound.err.find("--tpot-ms: must be a finite number of milliseconds > 0"), std::string::npos) << bound.err;
  const ProcessResult colocated = run_afdsim("compare " + kOracle + " --set deployment.mode=colocated");
  EXPECT_EQ(colocated.exit_code, 2);
  EXPECT_NE(colocated.err.find("deployment.mode: afdsim compare starts from an AFD scenario"), std::string::npos)
      << colocated.err;
}

TEST(SeedReportScenarios, RowNeedingMoreGpusThanAnyPlatformExitsTwoAndSaysWhy)
{
  // The seed's r = 32 at context 8192: 33 GPUs, the largest platform has 32 (four 8-GPU nodes).
  const ProcessResult r = run_afdsim("run " + kDir + "seed-report/seed-ctx8192-r32.yaml --json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("seed-ctx8192-r32.yaml: deployment.attention_workers: 32 attention + 1 FFN workers need 33 "
                       "GPUs but the platform has 32 (n0-gpu0 .. n3-gpu7)"),
            std::string::npos)
      << r.err;
}

TEST(SeedReportScenarios, RowsThatFitRunOnTheMultiNodePlatforms)
{
  // r = 16 needs 17 GPUs: three nodes' worth, on the four-node platform; attention on n0/n1, FFN on n2.
  const ProcessResult r = run_afdsim("run " + kDir + "seed-report/seed-ctx4096-r16.yaml" + kFewSteps + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["throughput"]["gpus"], 17);
  EXPECT_EQ(j["workers"].back()["host"], "n2-gpu0");
}
