#pragma once
// Shared by the engine tests: small fixed-cost scenarios, and simulations run in child
// processes (SimGrid 3.32 allows one engine per process).
#include "sim/config/scenario.hpp"
#include "sim/engine/afd_pipeline.hpp"
#include "sim/engine/child_process.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"
#include "sim/util/errors.hpp"

#include <string>
#include <vector>

namespace afdsim::test {

inline const std::string kOneNodePlatform = AFDSIM_SOURCE_DIR "/platforms/h20-3e-8gpu.xml";
inline const std::string kTwoNodePlatform = AFDSIM_SOURCE_DIR "/platforms/h20-3e-2x8-rdma.xml";

// Figures of the platform files, for closed forms.
constexpr double kNvlinkBytesPerS = 450e9;
constexpr double kNvlinkRouteLatencyS = 1e-6;   // 0.5 us up + 0.5 us down
constexpr double kNicBytesPerS = 50e9;           // 400 Gb/s
constexpr double kRdmaRouteLatencyS = 3e-6;      // pcie 0.5 + nic 1 + nic 1 + pcie 0.5 us
constexpr double kBf16ActivationBytesPerToken = 5120 * 2;  // Qwen3-32B hidden size x 2 bytes

// r attention workers, m microbatches, `layers` layers of Qwen3-32B, fixed op times, on one node.
inline Scenario fixed_scenario(int r, int m, int layers, double attention_us, double ffn_us, int batch_per_worker)
{
  Scenario s;
  s.source_file = "test.yaml";
  s.name = "engine-test";
  s.model = model_preset("qwen3-32b");
  s.model.layers = layers;
  s.hardware = gpu_preset("h20-3e");
  s.platform.file = s.platform.resolved_file = kOneNodePlatform;
  s.deployment.attention_workers = r;
  s.deployment.microbatches = m;
  s.workload.batch_per_worker = batch_per_worker;
  s.workload.prompt_tokens = 100;
  s.workload.output_tokens = 4;
  s.workload.steps = 3;
  s.workload.warmup_steps = 1;
  s.cost_model.kind = CostModelKind::fixed;
  s.cost_model.attention_us = attention_us;
  s.cost_model.ffn_us = ffn_us;
  s.cost_model.lm_head_us = 0;
  return s;
}

// Keeps every record: the engine tests check them one by one.
inline SimulationResult simulate_in_child(const Scenario& scenario, const PipelineHooks& hooks = {},
                                          const std::vector<std::string>& simgrid_args = {})
{
  return run_in_child_process(
      [&] { return run_afd_pipeline(scenario, simgrid_args, hooks, RecordRetention::all_records()); });
}

// One-way transfer time of `bytes` alone on a route: latency + bytes / bottleneck bandwidth (CM02).
inline double transfer_s(double bytes, double latency_s = kNvlinkRouteLatencyS, double bytes_per_s = kNvlinkBytesPerS)
{
  return latency_s + bytes / bytes_per_s;
}

inline double step_duration_s(const StepRecord& s) { return s.end_s - s.start_s; }

} // namespace afdsim::test
