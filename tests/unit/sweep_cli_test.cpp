// `afdsim sweep` and `afdsim merge` through the real binary, on tests/data/sweeps/tiny.yaml (9
// points of a 2-layer fixed-cost scenario: 4 run, 3 skipped by a filter, 2 fail because r = 9 does
// not fit the 8-GPU platform). Each sweep takes a fraction of a second.
#include "csv_rows.hpp"
#include "run_afdsim.hpp"
#include "scratch_dir_test.hpp"
#include "test_files.hpp"
#include "sim/cli/commands.hpp"
#include "sim/sweep/point_columns.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>


#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace afdsim;
using afdsim::test::ScratchDirTest;
using afdsim::test::ProcessResult;
using afdsim::test::read_csv;
using afdsim::test::read_text_file;
using afdsim::test::run_afdsim;

namespace {

const std::string kSweepData = AFDSIM_SOURCE_DIR "/tests/data/sweeps";
const std::string kTiny = kSweepData + "/tiny.yaml";
const std::string kBase = kSweepData + "/base.yaml";

class SweepCli : public ScratchDirTest {
protected:
  std::string out(const std::string& name) const { return (dir_ / name).string(); }
  std::string results(const std::string& name) const { return read_text_file(out(name) + "/results.csv"); }

  ProcessResult sweep(const std::string& name, const std::string& args = "", const std::string& spec = kTiny) const
  {
    return run_afdsim("sweep '" + spec + "' --out '" + out(name) + "' " + args);
  }
};

std::string point_dir(const std::string& out, const test::CsvRow& row) { return out + "/points/" + row.at("id"); }

} // namespace

TEST_F(SweepCli, ResultsAreTheSameWithOneOrTwoJobs)
{
  const ProcessResult one = sweep("j1", "-j 1");
  const ProcessResult two = sweep("j2", "-j 2");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(two.exit_code, 0) << two.err;
  EXPECT_EQ(one.out, "sweep tiny: 9 points: 4 ok, 3 skipped, 2 failed (6 simulated now, 0 finished earlier) -> " +
                         out("j1") + "/results.csv\n");
  EXPECT_EQ(results("j1"), results("j2"));

  const auto rows = read_csv(out("j1") + "/results.csv");
  ASSERT_EQ(rows.size(), 9u);
  for (size_t i = 0; i < rows.size(); ++i)
    EXPECT_EQ(rows[i].at("point"), std::to_string(i));  // sorted by point index
  // The product in order, the first axis slowest; zipped keys together.
  EXPECT_EQ(rows[4].at("deployment.attention_workers"), "3");
  EXPECT_EQ(rows[4].at("deployment.microbatches"), "2");
  EXPECT_EQ(rows[5].at("workload.batch_per_worker"), "8");
  EXPECT_EQ(rows[4].at("status"), "ok");
  // Each ok row carries its run's report: same throughput, to the last digit.
  const auto report = nlohmann::json::parse(read_text_file(point_dir(out("j1"), rows[4]) + "/report.json"));
  EXPECT_EQ(std::stod(rows[4].at("tokens_per_s_per_gpu")), report["throughput"]["tokens_per_s_per_gpu"].get<double>());
  EXPECT_EQ(rows[4].at("gpus"), "4");
  EXPECT_EQ(report["scenario"]["workload"]["steps"], 5);  // the spec's set
}

TEST_F(SweepCli, ShardsMergeIntoTheUnshardedResults)
{
  ASSERT_EQ(sweep("all", "-j 2").exit_code, 0);
  for (const char* shard : {"0/3", "1/3", "2/3"}) {
    const ProcessResult r = sweep(std::string("s") + shard[0], std::string("-j 1 --shard ") + shard);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_NE(results("s1"), results("all"));
  EXPECT_EQ(read_csv(out("s1") + "/results.csv").size(), 3u);  // points 1, 4, 7
  const ProcessResult merged = run_afdsim("merge '" + out("s2") + "' '" + out("s0") + "' '" + out("s1") + "' --out '" +
                                          out("merged") + "'");
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_EQ(merged.out, "merged 3 folders of sweep tiny: 9 points -> " + out("merged") + "/results.csv\n");
  EXPECT_EQ(results("merged"), results("all"));
  // The points' reports come along.
  for (const auto& row : read_csv(out("merged") + "/results.csv"))
    EXPECT_EQ(fs::exists(point_dir(out("merged"), row) + "/report.json"), row.at("status") == "ok") << row.at("id");
}

TEST_F(SweepCli, MergeRefusesMissingRepeatedAndForeignSlices)
{
  ASSERT_EQ(sweep("s0", "--shard 0/2").exit_code, 0);
  ASSERT_EQ(sweep("s1", "--shard 1/2").exit_code, 0);
  ProcessResult missing = run_afdsim("merge '" + out("s0") + "' --out '" + out("m") + "'");
  EXPECT_EQ(missing.exit_code, kExitInput);
  EXPECT_EQ(missing.err, "afdsim: error: merge: 4 of 9 points are in none of the folders (1, 3, 5, 7); give the folder "
                         "of every shard\n");
  EXPECT_FALSE(fs::exists(out("m") + "/results.csv"));

  ASSERT_EQ(sweep("other", "--shard 1/2 --set workload.steps=4").exit_code, 0);
  ProcessResult foreign = run_afdsim("merge '" + out("s0") + "' '" + out("other") + "' --out '" + out("m") + "'");
  EXPECT_EQ(foreign.exit_code, kExitInput);
  EXPECT_NE(foreign.err.find(out("other") + ": comes from another sweep than " + out("s0") + " (sweep.json fingerprint"),
            std::string::npos)
      << foreign.err;

  ProcessResult not_a_sweep = run_afdsim("merge '" + kSweepData + "' --out '" + out("m") + "'");
  EXPECT_EQ(not_a_sweep.exit_code, kExitInput);
  EXPECT_EQ(not_a_sweep.err, "afdsim: error: " + kSweepData + ": has no sweep.json: not the --out folder of an afdsim sweep\n");
}

TEST_F(SweepCli, FailedPointsAreRecordedAndStrictExitsThree)
{
  const ProcessResult lax = sweep("lax");
  EXPECT_EQ(lax.exit_code, kExitOk) << lax.err;
  const auto rows = read_csv(out("lax") + "/results.csv");
  EXPECT_EQ(rows[6].at("status"), "failed");
  EXPECT_EQ(rows[6].at("error"), kBase + ": deployment.attention_workers: 9 attention + 1 FFN workers need 10 GPUs but "
                                         "the platform has 8 (node0-gpu0 .. node0-gpu7)");
  EXPECT_EQ(rows[6].at("tokens_per_s"), "");
  EXPECT_EQ(rows[6].at("gpus"), "10");  // the scenario loaded; the platform refused it
  // The run's own output is kept for the post-mortem.
  EXPECT_NE(read_text_file(point_dir(out("lax"), rows[6]) + "/stderr.txt").find("afdsim: error: "), std::string::npos);
  EXPECT_NE(read_text_file(point_dir(out("lax"), rows[6]) + "/command.txt").find("'--set' 'deployment.attention_workers=9'"),
            std::string::npos);
  EXPECT_EQ(rows[2].at("status"), "skipped");
  EXPECT_EQ(rows[2].at("error"), "deployment.microbatches at_most 2: deployment.microbatches = 4 is above 2");
  EXPECT_FALSE(fs::exists(point_dir(out("lax"), rows[2])));  // never run

  const ProcessResult strict = sweep("strict", "--strict");
  EXPECT_EQ(strict.exit_code, cli::kExitPointsFailed);
  EXPECT_EQ(results("strict"), results("lax"));  // results are written all the same
}

TEST_F(SweepCli, RerunSkipsFinishedPointsAndRetriesFailedOnes)
{
  ASSERT_EQ(sweep("a").exit_code, 0);
  const std::string first = results("a");
  const auto rows = read_csv(out("a") + "/results.csv");
  const std::string report = point_dir(out("a"), rows[0]) + "/report.json";
  const auto written = fs::last_write_time(report);
  // A point whose report is gone (or was never completed) runs again.
  fs::remove(point_dir(out("a"), rows[3]) + "/report.json");
  const ProcessResult again = sweep("a");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "sweep tiny: 9 points: 4 ok, 3 skipped, 2 failed (3 simulated now, 3 finished earlier) -> " +
                           out("a") + "/results.csv\n");
  EXPECT_EQ(fs::last_write_time(report), written);
  EXPECT_EQ(results("a"), first);
  const auto walls = read_csv(out("a") + "/wall_times.csv");
  EXPECT_EQ(walls[0].at("run_wall_s"), "");   // reused
  EXPECT_NE(walls[3].at("run_wall_s"), "");   // run again
  EXPECT_NE(walls[0].at("simulation_wall_s"), "");
}

TEST_F(SweepCli, AnalyticSweepGivesTheReportsClosedFormsWithoutSimulating)
{
  ASSERT_EQ(sweep("sim").exit_code, 0);
  const ProcessResult screen = sweep("screen", "--analytic");
  ASSERT_EQ(screen.exit_code, 0) << screen.err;
  EXPECT_EQ(screen.out, "sweep tiny: 9 points: 4 ok, 3 skipped, 2 failed (closed forms only) -> " + out("screen") +
                            "/results.csv\n");
  EXPECT_FALSE(fs::exists(out("screen") + "/points/" + read_csv(out("sim") + "/results.csv")[0].at("id")));
  const auto simulated = read_csv(out("sim") + "/results.csv");
  const auto screened = read_csv(out("screen") + "/results.csv");
  ASSERT_EQ(screened.size(), simulated.size());
  for (size_t i = 0; i < screened.size(); ++i) {
    EXPECT_EQ(screened[i].at("status"), simulated[i].at("status"));
    EXPECT_EQ(screened[i].at("error"), simulated[i].at("error"));
    EXPECT_EQ(screened[i].at("tokens_per_s"), "");
    // Fixed op times do not depend on the context: the analytic columns are the report's, digit for digit.
    for (const auto& column : metric_columns())
      if (column.rfind("analytic", 0) == 0 || column.rfind("megascale", 0) == 0 || column.rfind("song", 0) == 0)
        EXPECT_EQ(screened[i].at(column), simulated[i].at(column)) << column << " of point " << i;
  }
  // m = 1: the serial form, exact: L (Ta + Tc + Tf + Tc) + T_lm with Tc = 1 us + 4 x 10240 B / 450 GB/s.
  const double tc_us = 1.0 + 4 * 10240 / 450e9 * 1e6;
  EXPECT_EQ(screened[0].at("analytic_form"), "serial");
  EXPECT_NEAR(std::stod(screened[0].at("analytic_step_ms")), (2 * (100 + 150 + 2 * tc_us) + 20) / 1e3, 1e-12);
  EXPECT_NEAR(std::stod(simulated[0].at("step_ms_mean")), std::stod(screened[0].at("analytic_step_ms")), 1e-9);
}

TEST_F(SweepCli, GridsPutBaselinesBesideAfd)
{
  const std::string spec = (dir_ / "grids.yaml").string();
  std::ofstream(spec) << "base: " << kBase << "\n"
                      << "grids:\n"
                         "  - name: afd\n"
                         "    axes:\n"
                         "      - {key: deployment.attention_workers, values: [1, 3]}\n"
                         "  - name: dp\n"
                         "    set: {deployment.mode: colocated, deployment.gpus: 4, deployment.microbatches: 1}\n"
                         "    axes:\n"
                         "      - {key: workload.batch_per_worker, values: [4, 8]}\n";
  const ProcessResult r = sweep("grids", "", spec);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = read_csv(out("grids") + "/results.csv");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].at("grid"), "afd");
  EXPECT_EQ(rows[1].at("deployment.attention_workers"), "3");
  EXPECT_EQ(rows[1].at("workload.batch_per_worker"), "");  // not swept by this grid
  EXPECT_EQ(rows[3].at("grid"), "dp");
  EXPECT_EQ(rows[3].at("mode"), "colocated");
  EXPECT_EQ(rows[3].at("deployment.attention_workers"), "");
  EXPECT_EQ(rows[3].at("batch_per_worker"), "8");
  EXPECT_EQ(rows[3].at("status"), "ok") << rows[3].at("error");
  EXPECT_EQ(rows[3].at("analytic_form"), "colocated");
  // Colocated data parallel: the closed form is exact (2 x (100 + 150) + 20 us).
  EXPECT_NEAR(std::stod(rows[3].at("step_ms_mean")), 0.52, 1e-9);
}

TEST_F(SweepCli, BadSpecExitsTwoAndWritesNothing)
{
  const std::string spec = (dir_ / "bad.yaml").string();
  std::ofstream(spec) << "base: " << kBase << "\naxes:\n  - {key: deployment.microbatch, values: [1, 2]}\n";
  const ProcessResult r = sweep("bad", "", spec);
  EXPECT_EQ(r.exit_code, kExitInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "afdsim: error: " + spec + ":3:11: axes[0].key: 'deployment.microbatch' is not a scenario key: "
                                              "deployment.microbatch: unknown key; did you mean 'microbatches'?\n");
  EXPECT_FALSE(fs::exists(out("bad")));
  const ProcessResult shard = sweep("bad", "--shard 2/2");
  EXPECT_EQ(shard.exit_code, kExitInput);
  EXPECT_EQ(shard.err, "afdsim: error: --shard: 2/2: must be i/N: this run's slice i (0 <= i < N) of N, e.g. 0/4\n");
}
