// Runs that cannot complete fail loudly: deadlocks, actor exceptions, impossible placements,
// colocated groups that do not divide, a second engine in one process.
#include "engine_test_support.hpp"

#include "sim/engine/simulation.hpp"
#include "sim/util/errors.hpp"

#include <gtest/gtest.h>

namespace afdsim::test {
namespace {

template <class Error>
std::string error_of(const std::function<void()>& run)
{
  try {
    run();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(EngineErrors, DeadlockIsAnError)
{
  PipelineHooks hooks;
  hooks.ffn_withholds_reply_at_step = 1;
  // --log= passes through to SimGrid: keep its own deadlock report to one line.
  const std::string message = error_of<std::runtime_error>(
      [&] { simulate_in_child(fixed_scenario(2, 1, 2, 10, 10, 2), hooks, {"--log=ker_engine.thres:critical"}); });
  EXPECT_EQ(message.rfind("simulation deadlocked at t=", 0), 0u) << message;
  EXPECT_NE(message.find("attn0@node0-gpu0"), std::string::npos) << message;
  EXPECT_NE(message.find("ffn0@node0-gpu2"), std::string::npos) << message;
}

TEST(EngineErrors, ActorExceptionStopsTheRunAndIsRethrown)
{
  PipelineHooks hooks;
  hooks.attention_throws_at_step = 1;
  const std::string message =
      error_of<std::runtime_error>([&] { simulate_in_child(fixed_scenario(2, 2, 2, 10, 10, 2), hooks); });
  EXPECT_EQ(message, "test hook: attn0 fails at step 1");
}

TEST(EngineErrors, TooManyWorkersForThePlatform)
{
  const std::string message =
      error_of<InputError>([&] { simulate_in_child(fixed_scenario(8, 1, 1, 10, 10, 1)); });
  EXPECT_EQ(message, "test.yaml: deployment.attention_workers: 8 attention + 1 FFN workers need 9 GPUs but the "
                     "platform has 8 (node0-gpu0 .. node0-gpu7)");
}

TEST(EngineErrors, UnreadablePlatformFile)
{
  Scenario s = fixed_scenario(1, 1, 1, 10, 10, 1);
  s.platform.resolved_file = "/nonexistent/platform.xml";
  EXPECT_EQ(error_of<InputError>([&] { simulate_in_child(s); }),
            "test.yaml: platform.file: cannot read '/nonexistent/platform.xml'");
}

TEST(EngineErrors, BatchSmallerThanMicrobatches)
{
  EXPECT_EQ(error_of<InputError>([&] { check_afd_scenario(fixed_scenario(1, 3, 1, 10, 10, 2)); }),
            "test.yaml: workload.batch_per_worker: 2 requests cannot fill deployment.microbatches = 3 microbatches");
}

TEST(EngineErrors, SlowdownListMustMatchWorkers)
{
  Scenario s = fixed_scenario(2, 1, 1, 10, 10, 1);
  s.deployment.attention_slowdown = {1.0};
  EXPECT_EQ(error_of<InputError>([&] { check_afd_scenario(s); }),
            "test.yaml: deployment.attention_slowdown: has 1 factors for 2 attention workers");
}

Scenario colocated(int gpus, int k)
{
  Scenario s = fixed_scenario(1, 1, 1, 10, 10, 1);
  s.deployment.mode = DeploymentMode::colocated;
  s.deployment.gpus = gpus;
  s.deployment.tensor_parallel = k;
  return s;
}

TEST(EngineErrors, ColocatedGroupsMustBeWhole)
{
  // Refused before SimGrid starts, so safe to run in this process.
  EXPECT_EQ(error_of<InputError>([&] { simulate(colocated(6, 4)); }),
            "test.yaml: deployment.tensor_parallel: 4 does not divide deployment.gpus (6): replicas are whole "
            "tensor-parallel groups");
  Scenario s = colocated(8, 8);
  s.model.kv_heads = 4;
  s.model.q_heads = 8;
  EXPECT_EQ(error_of<InputError>([&] { simulate(s); }),
            "test.yaml: deployment.tensor_parallel: 8 does not divide model.kv_heads (4): every GPU holds whole KV heads");
  s = colocated(8, 2);
  s.deployment.microbatches = 2;
  EXPECT_EQ(error_of<InputError>([&] { simulate(s); }),
            "test.yaml: deployment.microbatches: must be 1 in colocated mode, got 2");
}

TEST(EngineErrors, ColocatedGpusBeyondThePlatform)
{
  EXPECT_EQ(error_of<InputError>([&] { run_in_child_process([&] { return simulate(colocated(16, 8)); }); }),
            "test.yaml: deployment.gpus: 16 colocated GPUs need 16 hosts but the platform has 8 (node0-gpu0 .. "
            "node0-gpu7)");
}

TEST(EngineErrors, OneSimulationPerProcess)
{
  const Scenario s = fixed_scenario(1, 1, 1, 10, 10, 1);
  const std::string message = error_of<std::runtime_error>([&] {
    run_in_child_process([&] {
      simulate(s);
      return simulate(s);
    });
  });
  EXPECT_NE(message.find("SimGrid 3.32 allows one simulation per process"), std::string::npos) << message;
}

} // namespace
} // namespace afdsim::test
