// SIGINT and SIGTERM during `afdsim compare`, through the real binary: it stops before its next
// simulation (a signal to the whole process group stops the running one too), prints the table
// marked incomplete ("complete": false), and exits 128 + the signal.
#include "run_afdsim.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <string>

using nlohmann::json;

namespace afdsim::test {
namespace {

// The fixed-cost oracle (AFD 1A1F, DP, TP2 on 2 GPUs) with 64 layers. The signal is sent 100 ms
// after the first configuration's progress line (printed just before its simulation starts), so
// that simulation must last well beyond that: 1,000 steps take about 0.5 s in the Release build
// (5x the delay; slower builds and loaded machines only widen the margin). The Ctrl-C test's
// simulation is cut short by the signal, so it can be longer still at no cost.
const std::string kCompare =
    "compare " AFDSIM_SOURCE_DIR "/scenarios/fixed-cost-oracle.yaml --set workload.warmup_steps=2";
const std::string kFirstSimulation = "[1/3] AFD 1A1F m=1: ";

std::string long_compare(int steps, const std::string& more)
{
  return kCompare + " --set workload.steps=" + std::to_string(steps) + more;
}

TEST(CompareInterrupt, ASignalToCompareAloneStopsAfterTheRunningSimulation)
{
  // `kill PID` reaches compare, not its simulation child: that one finishes, the next never starts.
  const ProcessResult r =
      run_afdsim_interrupted(long_compare(1000, " --json"), SIGINT, kFirstSimulation, SignalDelivery{false, 100});
  ASSERT_EQ(r.exit_code, 128 + SIGINT) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["complete"], false);
  EXPECT_EQ(j["stopped"], (json{{"reason", "interrupted by SIGINT"}, {"signal", SIGINT}, {"configurations_completed", 1}}));
  const json& rows = j["configurations"];
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["status"], "ran");
  EXPECT_EQ(rows[0]["simulations"], 1);
  EXPECT_GT(rows[0]["tokens_per_s"].get<double>(), 0);
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(rows[i]["status"], "interrupted");
    EXPECT_EQ(rows[i]["reason"], "not run: the comparison was interrupted by SIGINT");
    EXPECT_EQ(rows[i]["simulations"], 0);
  }
  EXPECT_TRUE(j["afd_speedup_per_gpu"].is_null());
  EXPECT_NE(r.err.find("interrupted by SIGINT after 1 of 3 configurations"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("[2/3] colocated DP: "), std::string::npos) << r.err;
}

TEST(CompareInterrupt, CtrlCStopsTheRunningSimulationAtAStepBoundary)
{
  // A terminal's signal reaches the simulation child too: it stops mid-run with an incomplete
  // result, which compare does not report as the row's.
  const ProcessResult r =
      run_afdsim_interrupted(long_compare(4000, ""), SIGTERM, kFirstSimulation, SignalDelivery{true, 100});
  ASSERT_EQ(r.exit_code, 128 + SIGTERM) << r.err;
  EXPECT_EQ(r.out.rfind("INCOMPLETE: interrupted by SIGTERM after 0 of 3 configurations; ", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("AFD 1A1F m=1: interrupted by SIGTERM before its simulations finished\n"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("colocated DP: not run: the comparison was interrupted by SIGTERM\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("AFD speedup per GPU: n/a (interrupted before every configuration ran)\n"), std::string::npos)
      << r.out;
}

} // namespace
} // namespace afdsim::test
