// Output safety of `afdsim run`: --out refuses a non-empty directory unless --force, a run that
// fails leaves no report.json, and an interrupted run writes its completed steps marked
// "complete": false. In-process through run_with (faults injected by the engine's test hooks)
// and through the real binary.
#include "engine_test_support.hpp"
#include "run_afdsim.hpp"
#include "scratch_dir_test.hpp"
#include "test_files.hpp"

#include "sim/cli/commands.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/util/interrupt.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace afdsim::test {
namespace {

const std::string kOracle = AFDSIM_SOURCE_DIR "/scenarios/fixed-cost-oracle.yaml";
const std::vector<std::string> kSmallSets = {"workload.steps=12", "workload.warmup_steps=2",
                                             "deployment.attention_workers=2"};
const std::string kSmall = " --set workload.steps=12 --set workload.warmup_steps=2 --set deployment.attention_workers=2";

using cli::Simulation;

// Keeps the command's stdout out of the test log, and available.
class CaptureStdout {
public:
  CaptureStdout() : previous_(std::cout.rdbuf(text_.rdbuf())) {}
  ~CaptureStdout() { std::cout.rdbuf(previous_); }
  std::string text() const { return text_.str(); }

private:
  std::ostringstream text_;
  std::streambuf* previous_;
};

Simulation with_hooks(const PipelineHooks& hooks)
{
  return [hooks](const Scenario& s, const std::vector<std::string>& args, const RecordRetention& retention) {
    return run_in_child_process([&] { return run_afd_pipeline(s, args, hooks, retention); });
  };
}

class OutputSafety : public ScratchDirTest {
protected:
  cli::RunArgs args(const fs::path& out, bool force = false) const
  {
    cli::RunArgs a;
    a.scenario_file = kOracle;
    a.sets = kSmallSets;
    a.out_dir = out.string();
    a.json = true;
    a.force = force;
    return a;
  }
  // An earlier run's files and one of the user's.
  void fill_with_an_earlier_run(const fs::path& out) const
  {
    fs::create_directories(out);
    std::ofstream(out / "report.json") << "{\"earlier\": true}\n";
    std::ofstream(out / "steps.csv") << "earlier\n";
    std::ofstream(out / "notes.txt") << "mine\n";
  }
  size_t entries(const fs::path& dir) const
  {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}));
  }
};

TEST_F(OutputSafety, ARunThatThrowsMidWayLeavesNoOutputDirectory)
{
  PipelineHooks hooks;
  hooks.attention_throws_at_step = 5;
  const fs::path out = dir_ / "out";
  const CaptureStdout quiet;
  EXPECT_THROW(cli::run_with(args(out), with_hooks(hooks)), std::runtime_error);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(entries(dir_), 0u);  // no temporary directory either
}

TEST_F(OutputSafety, ADeadlockedForcedRunLeavesNoReportOfAnEarlierRun)
{
  PipelineHooks hooks;
  hooks.ffn_withholds_reply_at_step = 3;
  const fs::path out = dir_ / "out";
  fill_with_an_earlier_run(out);
  const CaptureStdout quiet;
  EXPECT_THROW(cli::run_with(args(out, true), with_hooks(hooks)), std::runtime_error);
  EXPECT_FALSE(fs::exists(out / "report.json"));  // nothing that looks like this run's result
  EXPECT_FALSE(fs::exists(out / "steps.csv"));
  EXPECT_EQ(read_text_file((out / "notes.txt").string()), "mine\n");  // the user's file stays
  EXPECT_EQ(entries(dir_), 1u);
}

TEST_F(OutputSafety, AnInterruptBeforeTheFirstStepWritesAnUnmeasuredReport)
{
  const fs::path out = dir_ / "out";
  const Simulation interrupted_at_once = [](const Scenario& s, const std::vector<std::string>& a,
                                            const RecordRetention& retention) {
    request_interrupt(SIGINT);  // the child inherits it: no worker starts step 0
    return run_in_child_process([&] { return simulate(s, a, retention); });
  };
  int code = 0;
  {
    const CaptureStdout quiet;
    code = cli::run_with(args(out), interrupted_at_once);
  }
  clear_interrupt();
  EXPECT_EQ(code, 128 + SIGINT);
  const json report = json::parse(read_text_file((out / "report.json").string()));
  EXPECT_EQ(report["complete"], false);
  EXPECT_EQ(report["stopped"], json({{"reason", "interrupted by SIGINT"}, {"signal", SIGINT}, {"steps_completed", 0}}));
  EXPECT_FALSE(report.contains("throughput"));  // nothing measured, nothing made up
  EXPECT_EQ(report["scenario"]["workload"]["steps"], 12);
  EXPECT_EQ(read_text_file((out / "steps.csv").string()), "worker,step,start_ms,end_ms,tokens,context_tokens\n");
  EXPECT_EQ(read_text_file((out / "workers.csv").string()).find('\n') + 1,
            read_text_file((out / "workers.csv").string()).size());  // the header alone
}

TEST_F(OutputSafety, AnInterruptedRunReportsItsCompletedStepsAndExitsWithTheSignal)
{
  const fs::path out = dir_ / "out";
  PipelineHooks hooks;
  hooks.attention_interrupts_at_step = 7;  // SIGTERM as attn0 starts step 7: every worker ends it
  int code = 0;
  std::string printed;
  {
    const CaptureStdout capture;
    code = cli::run_with(args(out), with_hooks(hooks));
    printed = capture.text();
  }
  EXPECT_EQ(code, 128 + SIGTERM);
  const json report = json::parse(printed);
  EXPECT_EQ(report["complete"], false);
  EXPECT_EQ(report["stopped"]["steps_completed"], 8);
  EXPECT_EQ(report["window"]["last_step"], 7);
  EXPECT_EQ(report["throughput"]["tokens"], 6 * 2 * 45);  // window steps 2..7, 2 workers, 45 requests
  EXPECT_EQ(read_text_file((out / "report.json").string()), printed);

  // It is the run of 8 steps: the same scenario asked for 8 steps gives the same figures and files.
  const fs::path whole_out = dir_ / "whole";
  cli::RunArgs whole_args = args(whole_out);
  whole_args.sets.push_back("workload.steps=8");
  std::string whole_printed;
  {
    const CaptureStdout capture;
    ASSERT_EQ(cli::run_with(whole_args, with_hooks({})), 0);
    whole_printed = capture.text();
  }
  const json whole = json::parse(whole_printed);
  EXPECT_EQ(whole["complete"], true);
  for (const char* file : {"steps.csv", "requests.csv"})
    EXPECT_EQ(read_text_file((out / file).string()), read_text_file((whole_out / file).string())) << file;

  // What differs besides the steps asked for, complete/stopped and the wall clock: the end-of-run
  // markers an interrupt makes each attention worker send the FFN (robustness.md, "Interrupted
  // runs"). One empty message per worker and microbatch: two more comms, and the FFN ends one
  // route latency after the last step instead of with it.
  const int markers = 2 * 1;  // attention workers x microbatches of the oracle
  EXPECT_EQ(report["simulation"]["activities"].get<uint64_t>(), whole["simulation"]["activities"].get<uint64_t>() + markers);
  EXPECT_EQ(whole["simulation"]["simulated_s"], whole["window"]["t1_s"]);
  EXPECT_NEAR(report["simulation"]["simulated_s"].get<double>(),
              whole["simulation"]["simulated_s"].get<double>() + kNvlinkRouteLatencyS, 1e-15);
  // The FFN does not count the time until the markers come as a wait for input (they carry no
  // work): from its last reply to the window's end (the replies on the wire, 2 x 45 x 10240 B
  // sharing its up-link, then the LM head) it idles, as the complete run's FFN does.
  const double window_s = whole["window"]["duration_s"].get<double>();
  ASSERT_EQ(report["window"]["duration_s"], whole["window"]["duration_s"]);
  ASSERT_EQ(report["workers"][2]["name"], "ffn0");
  const double tail_s = kNvlinkRouteLatencyS + 2 * 45 * kBf16ActivationBytesPerToken / kNvlinkBytesPerS + 20e-6;
  EXPECT_NEAR(report["workers"][2]["other_idle_fraction"].get<double>() * window_s, tail_s, 1e-15);

  // Everything else is the same: throughput, TPOT, step time, window, every worker's split,
  // network, workload, analytic estimates, workers.csv.
  json same = report;
  json whole_same = whole;
  for (json* r : {&same, &whole_same}) {
    r->erase("complete");
    r->erase("stopped");
    (*r)["scenario"]["workload"].erase("steps");
    for (const char* field : {"wall_s", "activities", "simulated_s"})
      (*r)["simulation"].erase(field);
  }
  EXPECT_EQ(same.dump(1), whole_same.dump(1));
  EXPECT_TRUE(same.contains("throughput") && same.contains("tpot_ms") && same.contains("step_ms") &&
              same.contains("workers") && same.contains("window"));
  EXPECT_EQ(read_text_file((out / "workers.csv").string()), read_text_file((whole_out / "workers.csv").string()));
}

TEST_F(OutputSafety, ANonEmptyOutDirIsRefusedBeforeSimulating)
{
  const fs::path out = dir_ / "out";
  fill_with_an_earlier_run(out);
  const ProcessResult r = run_afdsim("run " + kOracle + kSmall + " --json --out " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "afdsim: error: --out: " + out.string() +
                       ": is not empty; name a new or empty directory, or pass --force to replace afdsim's files "
                       "in it\n");
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(read_text_file((out / "report.json").string()), "{\"earlier\": true}\n");  // untouched
  EXPECT_EQ(entries(out), 3u);
}

TEST_F(OutputSafety, ForceReplacesAfdsimsFilesAndKeepsTheOthers)
{
  const fs::path out = dir_ / "out";
  fill_with_an_earlier_run(out);
  const ProcessResult r = run_afdsim("run " + kOracle + kSmall + " --json --force --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_text_file((out / "report.json").string()), r.out);
  EXPECT_EQ(json::parse(r.out)["complete"], true);
  EXPECT_EQ(read_text_file((out / "notes.txt").string()), "mine\n");
  EXPECT_EQ(entries(out), 6u);  // the five of the run and notes.txt
  EXPECT_EQ(entries(dir_), 1u);
}

TEST_F(OutputSafety, AnEmptyOutDirIsFineAndOutputsDirIsNamedWhenItIsTheSource)
{
  const fs::path empty = dir_ / "empty";
  fs::create_directories(empty);
  ProcessResult r = run_afdsim("run " + kOracle + kSmall + " --json --out " + empty.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_regular_file(empty / "report.json"));

  r = run_afdsim("run " + kOracle + kSmall + " --json --set outputs.dir=" + empty.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("afdsim: error: outputs.dir: " + empty.string() + ": is not empty", 0), 0u) << r.err;

  std::ofstream(dir_ / "file") << "x";
  r = run_afdsim("run " + kOracle + kSmall + " --json --force --out " + (dir_ / "file").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "afdsim: error: --out: " + (dir_ / "file").string() + ": exists and is not a directory\n");
}

TEST_F(OutputSafety, ATraceThatCannotBeWrittenIsRefusedBeforeSimulating)
{
  const fs::path paje = dir_ / "no-such-dir" / "t.paje";
  ProcessResult r = run_afdsim("run " + kOracle + kSmall + " --json --out " + (dir_ / "out").string() + " --paje " +
                               paje.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "afdsim: error: --paje: " + paje.string() + ": cannot create the file: " +
                       (dir_ / "no-such-dir").string() + " is not a directory\n");
  r = run_afdsim("run " + kOracle + kSmall + " --json --chrome " + dir_.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "afdsim: error: --chrome: " + dir_.string() + ": is a directory, not a file\n");
  EXPECT_EQ(entries(dir_), 0u);
}

} // namespace
} // namespace afdsim::test
