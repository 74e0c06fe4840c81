// The JSON report: the keys of brief §7 and byte-identical output for the same run.
#include "sim/report/console_summary.hpp"
#include "sim/report/output_files.hpp"
#include "sim/report/report.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"
#include "sim/util/errors.hpp"
#include "tests/unit/synthetic_afd_log.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace afdsim;
using afdsim::testing::make_synthetic_run;
using afdsim::testing::SyntheticAfd;
using nlohmann::json;

namespace {

Scenario small_scenario()
{
  Scenario s;
  s.name = "synthetic";
  s.model = model_preset("qwen3-32b");
  s.hardware = gpu_preset("h20-3e");
  s.workload.warmup_steps = 1;
  return s;
}

json report_of(const SimulationResult& r)
{
  Scenario s = small_scenario();
  return build_report(s, compute_metrics(s, r), r, json{{"name", s.name}});
}

} // namespace

TEST(Report, HasEveryKeyOfTheInterfaceContract)
{
  json j = report_of(make_synthetic_run(SyntheticAfd{}));
  for (const char* pointer :
       {"/throughput/tokens_per_s", "/throughput/tokens_per_s_per_gpu", "/throughput/gpus", "/tpot_ms/mean",
        "/tpot_ms/p50", "/tpot_ms/p90", "/tpot_ms/p99", "/step_ms/mean", "/step_ms/p50", "/step_ms/p99", "/network/links",
        "/network/a2f_bytes", "/network/f2a_bytes", "/memory", "/analytic", "/simulation/wall_s",
        "/simulation/activities", "/simulation/simulated_s", "/simulation/simgrid_config/network~1model", "/scenario/name",
        "/window/t0_s", "/window/t1_s", "/window/steps"})
    EXPECT_TRUE(j.contains(json::json_pointer(pointer))) << pointer;
  EXPECT_TRUE(j["analytic"].is_object() && j["analytic"].empty());
  ASSERT_EQ(j["workers"].size(), 3u);
  const json& ffn = j["workers"][2];
  for (const char* key : {"name", "role", "host", "busy_fraction", "bubble_fraction", "wait_ffn_result_fraction",
                          "step_boundary_fraction", "wait_first_input_fraction", "wait_barrier_fraction",
                          "other_idle_fraction"})
    EXPECT_TRUE(ffn.contains(key)) << key;
  EXPECT_EQ(ffn["role"], "ffn");
  EXPECT_EQ(ffn["host"], "gpu2");
  EXPECT_EQ(j["throughput"]["gpus"], 3);
  EXPECT_EQ(j["simulation"]["activities"], 12345);
}

TEST(Report, ValuesAreInTheUnitsTheKeysName)
{
  SyntheticAfd p;
  json j = report_of(make_synthetic_run(p));
  EXPECT_NEAR(j["step_ms"]["mean"].get<double>(), p.step_s() * 1e3, 1e-9);
  EXPECT_NEAR(j["tpot_ms"]["p50"].get<double>(), (p.step_s() + p.gap_s) * 1e3, 1e-9);
  EXPECT_DOUBLE_EQ(j["memory"]["gpus"][0]["capacity_gb"].get<double>(), 141.0);
  EXPECT_DOUBLE_EQ(j["network"]["links"][1]["bandwidth_gb_per_s"].get<double>(), 450.0);
}

TEST(Report, SameRunGivesTheSameBytes)
{
  SyntheticAfd p;
  std::string first = report_text(report_of(make_synthetic_run(p)));
  std::string second = report_text(report_of(make_synthetic_run(p)));
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.back(), '\n');
}

TEST(Report, EmptyLatencySampleIsNullNotZero)
{
  SyntheticAfd p;
  SimulationResult r = make_synthetic_run(p);
  r.log.tokens.clear();
  json j = report_of(r);
  EXPECT_TRUE(j["tpot_ms"]["p99"].is_null());
  EXPECT_FALSE(j["step_ms"]["p99"].is_null());
}

TEST(Report, CsvFilesHaveOneRowPerStepRecordAndPerWorker)
{
  SyntheticAfd p;
  SimulationResult r = make_synthetic_run(p);
  std::string steps = steps_csv(r.log);
  EXPECT_EQ(steps.rfind("worker,step,start_ms,end_ms,tokens,context_tokens\nattn0,0,0,", 0), 0u) << steps;
  EXPECT_EQ(std::count(steps.begin(), steps.end(), '\n'), 1 + p.steps * p.attention_workers);
  Metrics m = compute_metrics(small_scenario(), r);
  std::string workers = workers_csv(m);
  EXPECT_EQ(std::count(workers.begin(), workers.end(), '\n'), 1 + p.attention_workers + 1);
  EXPECT_NE(workers.find("\nffn0,ffn,gpu2,"), std::string::npos);
}

TEST(Report, ConsoleSummaryNamesItsUnits)
{
  SyntheticAfd p;
  SimulationResult r = make_synthetic_run(p);
  Scenario s = small_scenario();
  std::ostringstream out;
  print_console_summary(out, s, compute_metrics(s, r), r);
  for (const char* heading : {"Throughput (tokens/s)", "TPOT (ms", "Step time (ms", "Workers (% of window time",
                              "utilisation (%)", "Memory per GPU (GB)"})
    EXPECT_NE(out.str().find(heading), std::string::npos) << heading << "\n" << out.str();
}

TEST(Report, OutputFilesAppearTogetherOrNotAtAll)
{
  namespace fs = std::filesystem;
  SyntheticAfd p;
  SimulationResult r = make_synthetic_run(p);
  Scenario s = small_scenario();
  Metrics m = compute_metrics(s, r);
  json report = build_report(s, m, r, json::object());
  const std::string yaml = "name: synthetic\n";
  const fs::path base = fs::temp_directory_path() / ("afdsim-report-test-" + std::to_string(getpid()));
  fs::remove_all(base);
  fs::create_directories(base);

  const fs::path out = base / "nested" / "out";
  write_output_files(out.string(), RunOutputs{report, yaml, r.log, m});
  for (const char* f : {"report.json", "scenario.yaml", "steps.csv", "workers.csv"})
    EXPECT_TRUE(fs::is_regular_file(out / f)) << f;
  std::ifstream in(out / "report.json");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), report_text(report));
  // Writing again into the existing directory replaces our files and keeps the user's.
  std::ofstream(out / "notes.txt") << "mine";
  write_output_files(out.string() + "/", RunOutputs{report, yaml, r.log, m});
  EXPECT_TRUE(fs::is_regular_file(out / "notes.txt"));
  EXPECT_EQ(std::distance(fs::directory_iterator(base / "nested"), fs::directory_iterator{}), 1);  // no temp left

  // A parent that is a file: an InputError naming --out, and nothing created.
  std::ofstream(base / "plain") << "x";
  try {
    write_output_files((base / "plain" / "out").string(), RunOutputs{report, yaml, r.log, m});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("--out: ", 0), 0u) << e.what();
  }
  EXPECT_EQ(std::distance(fs::directory_iterator(base), fs::directory_iterator{}), 2);  // nested, plain
  fs::remove_all(base);
}
