// SIGINT and SIGTERM during `afdsim run`: the run ends the steps in flight, writes what the
// completed steps measured with "complete": false and the reason, and exits 128 + the signal.
#include "run_afdsim.hpp"
#include "scratch_dir_test.hpp"
#include "test_files.hpp"

#include "sim/engine/step_gate.hpp"
#include "sim/util/interrupt.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;
using nlohmann::json;

namespace afdsim::test {
namespace {

// The default scenario cut to 4 layers: 2000 steps take a few seconds, and the engine logs its
// progress every 200, so a signal sent at the first progress line lands mid-run.
const std::string kLongRun = AFDSIM_SOURCE_DIR "/scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml --set model.layers=4 "
                             "--set workload.steps=2000 --set workload.warmup_steps=20";
constexpr int kRequestedSteps = 2000;
constexpr int kWarmupSteps = 20;
constexpr int kTokensPerStep = 7 * 32;  // r x batch_per_worker
const std::string kFirstProgress = "step 200/2000 done";

class Interrupt : public ScratchDirTest {};

TEST_F(Interrupt, SigintStopsTheRunAndTheCompletedStepsAreReported)
{
  const fs::path out = dir_ / "out";
  const ProcessResult r =
      run_afdsim_interrupted("run " + kLongRun + " --json --out " + out.string(), SIGINT, kFirstProgress);
  ASSERT_EQ(r.exit_code, 128 + SIGINT) << r.err;
  const json report = json::parse(r.out);
  EXPECT_EQ(report["complete"], false);
  EXPECT_EQ(report["stopped"]["reason"], "interrupted by SIGINT");
  EXPECT_EQ(report["stopped"]["signal"], SIGINT);
  const int done = report["stopped"]["steps_completed"].get<int>();
  EXPECT_GE(done, 199);  // the FFN logs step 200 before the attention workers end it (LM head)
  EXPECT_LT(done, kRequestedSteps);  // it did stop early
  EXPECT_EQ(report["scenario"]["workload"]["steps"], kRequestedSteps);
  // Metrics over the completed steps only: the window ends at the last one.
  EXPECT_EQ(report["window"]["first_step"], kWarmupSteps);
  EXPECT_EQ(report["window"]["last_step"], done - 1);
  EXPECT_EQ(report["throughput"]["tokens"], int64_t{done - kWarmupSteps} * kTokensPerStep);
  EXPECT_NE(r.err.find("interrupted by SIGINT after " + std::to_string(done) + " of 2000 steps"), std::string::npos)
      << r.err;

  // The files are all there, whole, and say the same.
  EXPECT_EQ(read_text_file((out / "report.json").string()), r.out);
  const std::string steps = read_text_file((out / "steps.csv").string());
  EXPECT_EQ(std::count(steps.begin(), steps.end(), '\n'), 1 + 7 * done);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator{}), 1);  // no temporary left
}

TEST_F(Interrupt, SigtermSaysSoOnTheConsole)
{
  const ProcessResult r = run_afdsim_interrupted("run " + kLongRun, SIGTERM, kFirstProgress);
  ASSERT_EQ(r.exit_code, 128 + SIGTERM) << r.err;
  EXPECT_EQ(r.out.rfind("INCOMPLETE: interrupted by SIGTERM after ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("the figures below cover the completed steps"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Throughput (tokens/s)"), std::string::npos) << r.out;
}

// Colocated: four TP2 replicas, each GPU asking the gate before its steps; they all end the same
// step, so the all-reduces of the last one complete and no replica is left behind.
TEST_F(Interrupt, ColocatedReplicasAllStopAtTheSameStep)
{
  const fs::path out = dir_ / "out";
  const ProcessResult r = run_afdsim_interrupted(
      "run " AFDSIM_SOURCE_DIR "/scenarios/qwen3-32b-h20-3e-tp8.yaml --set deployment.tensor_parallel=2 "
      "--set model.layers=4 --set workload.steps=2000 --json --out " +
          out.string(),
      SIGINT, kFirstProgress);
  ASSERT_EQ(r.exit_code, 128 + SIGINT) << r.err;
  const json report = json::parse(r.out);
  EXPECT_EQ(report["complete"], false);
  const int done = report["stopped"]["steps_completed"].get<int>();
  EXPECT_GE(done, 200);
  EXPECT_LT(done, kRequestedSteps);
  EXPECT_EQ(report["window"]["last_step"], done - 1);
  const std::string steps = read_text_file((out / "steps.csv").string());
  EXPECT_EQ(std::count(steps.begin(), steps.end(), '\n'), 1 + 4 * done);  // one row per replica and step
}

// The gate's rule, without SimGrid: after a signal, the steps some worker started still run,
// no other does.
TEST(StepGateRule, AnInterruptEndsTheStepsInFlight)
{
  StepGate gate;
  EXPECT_TRUE(gate.may_start(0));
  gate.started(0);
  EXPECT_TRUE(gate.may_start(1));
  gate.started(1);  // worker A is in step 1, worker B still in step 0
  request_interrupt(SIGTERM);
  EXPECT_TRUE(gate.may_start(1));   // B reaches step 1: A began it, B must run it too
  EXPECT_FALSE(gate.may_start(2));  // nobody began step 2
  EXPECT_FALSE(gate.may_start(2));
  clear_interrupt();
  EXPECT_FALSE(gate.may_start(2));  // the stop stays
  EXPECT_EQ(gate.stop_signal(), SIGTERM);
  EXPECT_EQ(gate.steps_run(), 2);

  StepGate served;  // open loop: nothing left before step 5; a signal then changes nothing
  served.started(4);
  served.stop_before(5);
  request_interrupt(SIGINT);
  EXPECT_TRUE(served.may_start(4));
  EXPECT_FALSE(served.may_start(5));
  clear_interrupt();
  EXPECT_EQ(served.stop_signal(), 0);  // the run ends complete
}

void test_handler(int) {}

TEST(InterruptFlag, HandlersRecordTheSignalAndRestoreThePreviousOnes)
{
  struct sigaction mine;
  std::memset(&mine, 0, sizeof mine);
  mine.sa_handler = test_handler;
  struct sigaction before;
  sigaction(SIGTERM, &mine, &before);
  {
    const InterruptHandlers handlers;
    EXPECT_EQ(interrupt_signal(), 0);
    std::raise(SIGTERM);  // recorded, not fatal
    EXPECT_EQ(interrupt_signal(), SIGTERM);
  }
  struct sigaction now;
  sigaction(SIGTERM, &before, &now);
  EXPECT_EQ(now.sa_handler, &test_handler);  // the handler from before the InterruptHandlers
  clear_interrupt();
  EXPECT_EQ(interrupt_signal(), 0);
  EXPECT_EQ(signal_name(SIGINT), "SIGINT");
  EXPECT_EQ(signal_name(SIGTERM), "SIGTERM");
  EXPECT_EQ(signal_name(SIGHUP), "signal " + std::to_string(SIGHUP));
}

} // namespace
} // namespace afdsim::test
