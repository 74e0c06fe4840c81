// The run-size estimate against the records real runs leave, and the limits that refuse a run up
// front (exit 2, naming workload.steps, with the estimate and the limit).
#include "engine_test_support.hpp"
#include "run_afdsim.hpp"

#include "sim/config/scenario_loader.hpp"
#include "sim/engine/run_size.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/metrics/event_log.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>
#include <spdlog/fmt/fmt.h>

#include <filesystem>

namespace afdsim::test {
namespace {

// Every count the estimate makes, checked against the log of the same scenario run for real.
void expect_estimate_matches(const Scenario& s)
{
  const RunSize size = estimate_run_size(s);
  const SimulationResult r = run_in_child_process([&] { return simulate(s, {}, RecordRetention::all_records()); });
  EXPECT_EQ(size.computes, static_cast<double>(r.log.computes.size()));
  EXPECT_EQ(size.transfers, static_cast<double>(r.log.transfers.size()));
  EXPECT_EQ(size.steps, static_cast<double>(r.log.steps.size()));
  EXPECT_EQ(size.tokens, static_cast<double>(r.log.tokens.size()));
  EXPECT_EQ(size.activities(), static_cast<double>(r.log.activities));
  EXPECT_GE(size.waits, static_cast<double>(r.log.waits.size()));  // an empty wait records nothing
  EXPECT_GE(size.requests, static_cast<double>(r.log.requests.size()));
}

Scenario colocated(int gpus, int k, AllreduceAlgorithm allreduce)
{
  Scenario s = fixed_scenario(1, 1, 3, 30, 20, 16);
  s.deployment.mode = DeploymentMode::colocated;
  s.deployment.gpus = gpus;
  s.deployment.tensor_parallel = k;
  s.deployment.allreduce = allreduce;
  s.cost_model.lm_head_us = 7;
  return s;
}

TEST(RunSize, AfdEstimateCountsTheRecordsOfARun)
{
  Scenario s = fixed_scenario(3, 2, 4, 30, 20, 8);
  s.cost_model.lm_head_us = 5;
  s.workload.steps = 6;
  expect_estimate_matches(s);
  // The closed form: per step L m (r + 1) + r execs and 2 L m r messages.
  const RunSize size = estimate_run_size(s);
  EXPECT_EQ(size.computes, 6.0 * (4 * 2 * 4 + 3));
  EXPECT_EQ(size.transfers, 6.0 * 4 * 2 * 2 * 3);
}

TEST(RunSize, ColocatedEstimateCountsTheRecordsOfARun)
{
  expect_estimate_matches(colocated(8, 1, AllreduceAlgorithm::ring));
  expect_estimate_matches(colocated(8, 4, AllreduceAlgorithm::ring));
  expect_estimate_matches(colocated(8, 2, AllreduceAlgorithm::one_shot));
}

TEST(RunSize, MemoryIsTheRecordsKeptTimesTheirSizes)
{
  Scenario s = fixed_scenario(7, 2, 64, 30, 20, 32);
  s.workload.steps = 30;
  const RunSize size = estimate_run_size(s);
  // Tokens over a mean output of 4 tokens, plus the slots' initial requests.
  EXPECT_DOUBLE_EQ(size.requests, 7 * 32 + size.tokens / 4);
  // Always kept: step and request records, the metrics' state per request (96 bytes), one
  // barrier spread per step, layer and microbatch.
  const double always = size.steps * sizeof(StepRecord) + size.requests * (sizeof(RequestRecord) + 96) +
                        s.workload.steps * 64.0 * 2 * sizeof(double);
  EXPECT_DOUBLE_EQ(size.record_bytes, always);
  const double bulk =
      size.computes * sizeof(ComputeRecord) + size.transfers * sizeof(TransferRecord) + size.waits * sizeof(WaitRecord);
  EXPECT_DOUBLE_EQ(estimate_run_size(s, RecordRetention::for_trace(0, -1)).record_bytes, always + bulk);
  // A trace of steps 10..14 keeps steps 9..15: 7 of the 30.
  EXPECT_DOUBLE_EQ(estimate_run_size(s, RecordRetention::for_trace(10, 14)).record_bytes, always + bulk * 7 / 30);
  EXPECT_DOUBLE_EQ(estimate_run_size(s, RecordRetention::all_records()).record_bytes,
                   always + bulk + size.tokens * sizeof(TokenRecord) + size.requests * sizeof(AdmissionRecord));
}

TEST(RunSize, LimitsNameTheKeyTheEstimateAndTheLimit)
{
  Scenario s = fixed_scenario(7, 2, 64, 30, 20, 32);
  s.workload.steps = 1000;
  const RunSize size = estimate_run_size(s);  // 2.82 million activities
  RunLimits limits{1e6, 1e12, "a test limit"};
  try {
    check_run_size(s, size, limits);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "test.yaml: workload.steps: the run would simulate about 2.82 million SimGrid activities "
                           "(execs + messages), more than the limit of 1 million; reduce workload.steps, "
                           "model.layers, deployment.microbatches or deployment.attention_workers");
  }
  limits = {1e9, 1e5, "a test limit"};
  try {
    check_run_size(s, size, limits);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("test.yaml: workload.steps: the run's records would take about 0.", 0), 0u) << message;
    EXPECT_NE(message.find("more than the limit of 0.0001 GB (a test limit)"), std::string::npos) << message;
  }
  limits = {size.activities(), size.record_bytes, "exactly"};
  EXPECT_NO_THROW(check_run_size(s, size, limits));  // at the limit is within it
}

// The limits admit every shipped scenario and the 10,000-step default run of the speed work.
TEST(RunSize, ShippedScenariosAndTheTenThousandStepRunAreWithinTheLimits)
{
  const RunLimits limits = default_run_limits();
  EXPECT_EQ(limits.max_activities, 1e9);
  EXPECT_GT(limits.max_record_bytes, 0);
  for (const auto& entry : std::filesystem::directory_iterator(AFDSIM_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml")
      continue;
    const ProcessResult r = run_afdsim("validate " + entry.path().string());
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.err;
  }
  const ProcessResult r =
      run_afdsim("validate " AFDSIM_SOURCE_DIR "/scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml --set workload.steps=10000");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(RunSize, ARunPastTheLimitIsRefusedBeforeItStarts)
{
  const ProcessResult r = run_afdsim("run " AFDSIM_SOURCE_DIR
                                     "/scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml --set workload.steps=10000000 --json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("qwen3-32b-h20-3e-afd-7a1f.yaml: workload.steps: the run would simulate about 28.2 billion SimGrid "
                       "activities (execs + messages), more than the limit of 1 billion"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("simulating"), std::string::npos) << r.err;  // refused before the simulation
}

// Untraced, the records kept stay small at any length; a trace of every step keeps them all.
TEST(RunSize, ATraceWhoseRecordsWouldNotFitInMemoryIsRefused)
{
  Scenario s = load_scenario(AFDSIM_SOURCE_DIR "/scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml", {"workload.steps=100000"});
  EXPECT_LT(estimate_run_size(s).record_bytes, 0.2e9);
  const RunSize size = estimate_run_size(s, RecordRetention::for_trace(0, -1));  // about 18 GB
  if (!(size.record_bytes > default_run_limits().max_record_bytes) || size.activities() > 1e9)
    GTEST_SKIP() << "this machine's memory limit admits the run";
  const ProcessResult r = run_afdsim("run " AFDSIM_SOURCE_DIR "/scenarios/qwen3-32b-h20-3e-afd-7a1f.yaml "
                                     "--set workload.steps=100000 --json --chrome /dev/null --trace-steps all");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("qwen3-32b-h20-3e-afd-7a1f.yaml: workload.steps: the run's records would take about "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(" GB of memory (of " + fmt::format("{:.3g}", size.records() / 1e6) +
                       " million records made), more than the limit of "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("of physical memory); reduce workload.steps, model.layers, deployment.microbatches, "
                       "deployment.attention_workers or workload.batch_per_worker, or trace fewer steps\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("simulating"), std::string::npos) << r.err;  // refused before the simulation
}

} // namespace
} // namespace afdsim::test
