// platform.compute: sleep, the shortcut that runs a GPU op as one SimGrid sleep instead of an
// exec, gives the exec's results to the last bit (every record of every actor), and so does the
// trace-integration CPU model afdsim picks over SimGrid's default one. Where the sleep would not
// (another CPU model: SimGrid's tracing needs the default one), ops run as execs.
#include "engine_test_support.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/engine/result_codec.hpp"
#include "sim/engine/simulation.hpp"

#include <gtest/gtest.h>

namespace afdsim::test {
namespace {

const std::string kScenarios = AFDSIM_SOURCE_DIR "/scenarios/";

SimulationResult run(const std::string& file, std::vector<std::string> sets, const std::string& compute,
                     const std::vector<std::string>& simgrid_args = {})
{
  sets.push_back("platform.compute=" + compute);
  const Scenario s = load_scenario(kScenarios + file, sets);
  return run_in_child_process([&] { return simulate(s, simgrid_args, RecordRetention::all_records()); });
}

// Every record and total; not how it ran (wall time, settings).
std::string records_of(SimulationResult r)
{
  r.wall_s = 0;
  r.compute = ComputeActivity::exec;
  r.simgrid_config.clear();
  return encode_result(r);
}

struct Case {
  std::string file;
  std::vector<std::string> sets;
};

TEST(ComputeActivity, SleepsGiveTheExecsRecordsBitForBit)
{
  const std::vector<Case> cases = {
      {"qwen3-32b-h20-3e-afd-3a1f.yaml", {"model.layers=4", "workload.steps=10", "workload.warmup_steps=2"}},
      // Random lengths from one shared stream: which request a slot draws depends on the order in
      // which workers ending a step at the same instant resume, so ties must resolve alike.
      {"qwen3-32b-h20-3e-afd-chat.yaml", {"model.layers=4", "workload.steps=60", "workload.warmup_steps=5"}},
      {"qwen3-32b-h20-3e-afd-chat-open.yaml",
       {"model.layers=2", "workload.steps=300", "workload.warmup_steps=30", "workload.arrival_rate_per_s=60"}},
      {"qwen3-32b-h20-3e-dp8.yaml", {"model.layers=3", "workload.steps=12", "workload.warmup_steps=2",
                                      "workload.prompt_tokens={dist: uniform, min: 100, max: 8000}"}},
      {"qwen3-32b-h20-3e-tp8.yaml", {"model.layers=2", "workload.steps=6", "workload.warmup_steps=1"}},
  };
  for (const Case& c : cases) {
    const SimulationResult sleep = run(c.file, c.sets, "sleep");
    const SimulationResult exec = run(c.file, c.sets, "exec");
    // SimGrid's default CPU model, as before afdsim chose the trace-integration one.
    const SimulationResult lazy_exec = run(c.file, c.sets, "exec", {"--cfg=cpu/optim:Lazy"});
    EXPECT_EQ(sleep.compute, ComputeActivity::sleep) << c.file;
    EXPECT_EQ(exec.compute, ComputeActivity::exec) << c.file;
    EXPECT_GT(sleep.log.computes.size(), 100u) << c.file;
    EXPECT_TRUE(records_of(sleep) == records_of(exec)) << c.file << ": sleep and exec differ";
    EXPECT_TRUE(records_of(exec) == records_of(lazy_exec)) << c.file << ": cpu/optim TI and Lazy differ";
  }
}

// SimGrid stretches a sleep shorter than its precision (1 ns) to 1 ns: such ops run as execs.
TEST(ComputeActivity, OpsShorterThanSimGridsPrecisionRunAsExecs)
{
  Scenario s = fixed_scenario(2, 2, 3, 0.0004, 10, 4);  // 0.4 ns of attention per layer
  s.workload.steps = 4;
  const auto simulate_as = [&s](ComputeActivity compute) {
    Scenario with = s;
    with.platform.compute = compute;
    return run_in_child_process([&] { return simulate(with, {}, RecordRetention::all_records()); });
  };
  const SimulationResult sleep = simulate_as(ComputeActivity::sleep);
  const SimulationResult exec = simulate_as(ComputeActivity::exec);
  ASSERT_GT(sleep.log.computes.size(), 0u);
  EXPECT_LT(sleep.log.computes.front().end_s - sleep.log.computes.front().start_s, 1e-9);
  EXPECT_TRUE(records_of(sleep) == records_of(exec));
}

TEST(ComputeActivity, UnderAnotherCpuModelOpsRunAsExecs)
{
  const std::vector<std::string> sets = {"model.layers=2", "workload.steps=3", "workload.warmup_steps=1"};
  const SimulationResult lazy = run("qwen3-32b-h20-3e-afd-3a1f.yaml", sets, "sleep", {"--cfg=cpu/optim:Lazy"});
  EXPECT_EQ(lazy.compute, ComputeActivity::exec);
  EXPECT_EQ(lazy.simgrid_config.at("cpu/optim"), "Lazy");
  // SimGrid's own tracing crashes under the trace-integration model: afdsim leaves SimGrid's.
  const std::string trace = ::testing::TempDir() + "afdsim-compute-test.trace";
  const SimulationResult traced = run("qwen3-32b-h20-3e-afd-3a1f.yaml", sets, "sleep",
                                      {"--cfg=tracing:yes", "--cfg=tracing/filename:" + trace});
  EXPECT_EQ(traced.compute, ComputeActivity::exec);
  EXPECT_EQ(traced.simgrid_config.at("cpu/optim"), "Lazy");
  std::remove(trace.c_str());
  const SimulationResult plain = run("qwen3-32b-h20-3e-afd-3a1f.yaml", sets, "sleep");
  EXPECT_EQ(plain.compute, ComputeActivity::sleep);
  EXPECT_EQ(plain.simgrid_config.at("cpu/optim"), "TI");
}

} // namespace
} // namespace afdsim::test
