#pragma once
// A validated scenario: what `afdsim run` simulates. Produced only by the scenario loader, which
// checks every key; everything downstream may trust these values. Units are in the names.
#include "sim/config/request_lengths.hpp"
#include "sim/specs/dtype.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace afdsim {

struct OperatorTables;    // sim/cost/op_tables.hpp

enum class DeploymentMode { afd, colocated };
enum class CostModelKind { roofline, fixed, profiled };
enum class AllreduceAlgorithm { ring, one_shot };  // colocated TP: how a group sums hidden states
// How the FFN batch of one (layer, microbatch) is padded before its GEMMs (docs/scenario.md).
enum class PaddingPolicy {
  none,                // the FFN computes exactly the tokens it received
  max_across_workers,  // every worker's share padded to the largest share at the barrier: r x max
  cuda_graph,          // the total padded up to the smallest captured CUDA-graph size that holds it
};
// Where requests come from: closed loop (a finished request is replaced at once, Song et al.) or
// open loop (arrivals at a Poisson rate or at a trace's timestamps) through per-worker queues.
enum class ArrivalProcess { closed, poisson, trace };
// Open loop: which attention worker (colocated: replica) an arriving request is queued at.
enum class RoutingPolicy { round_robin, least_kv };
// How a GPU op occupies its SimGrid host (docs/scenario.md): a sleep of the op's time (one SimGrid
// call instead of four; the same timings) or an exec of time x host speed flops (host load shows
// in SimGrid's own tracing; host speed profiles apply).
enum class ComputeActivity { sleep, exec };

struct PlatformConfig {
  std::string file;                     // as written in the scenario (relative to the scenario's folder)
  std::string resolved_file;            // path the simulator opens
  std::vector<std::string> simgrid_cfg; // extra "key:value" SimGrid settings, applied after the defaults
  ComputeActivity compute = ComputeActivity::sleep;
};

struct DeploymentConfig {
  DeploymentMode mode = DeploymentMode::afd;
  int attention_workers = 7;            // r
  int ffn_workers = 1;                  // one FFN GPU
  int microbatches = 2;                 // m, per attention worker
  int tensor_parallel = 1;              // colocated mode only
  int gpus = 8;                         // colocated mode: GPUs of the deployment (the loader defaults it
                                        // to attention_workers + ffn_workers); replicas = gpus / tensor_parallel
  AllreduceAlgorithm allreduce = AllreduceAlgorithm::ring;  // colocated mode, tensor_parallel > 1
  std::vector<std::string> attention_hosts; // empty: the first r hosts of the platform
  std::vector<std::string> ffn_hosts;       // empty: the host after the attention hosts
  Dtype a2f_dtype = Dtype::bf16;        // wire dtype attention -> FFN
  Dtype f2a_dtype = Dtype::bf16;        // wire dtype FFN -> attention
  std::vector<double> attention_slowdown; // per attention worker compute-time factor; empty: all 1
  PaddingPolicy padding = PaddingPolicy::none;  // afd mode
  std::vector<int> cuda_graph_sizes;    // padding cuda_graph: ascending token counts; above the largest, no padding
};

struct WorkloadConfig {
  int batch_per_worker = 32;            // concurrent requests per attention worker (per replica if colocated);
                                        // open loop: the most it admits (a slot cap, like max_num_seqs)
  // Fixed lengths: these two are the lengths. A distribution or a trace: its mean, rounded (what
  // the memory plan and the analytic estimates take).
  int prompt_tokens = 2048;             // KV length when a request starts decoding
  int output_tokens = 512;              // tokens a request decodes before it leaves
  // What requests draw their lengths from when not fixed (fixed: the ints above win).
  LengthDistribution prompt_length = LengthDistribution::fixed_at(2048);
  LengthDistribution output_length = LengthDistribution::fixed_at(512);
  TraceConfig trace;                    // non-empty file: requests replay it, the lengths above unused
  ArrivalProcess arrival = ArrivalProcess::closed;
  double arrival_rate_per_s = 0;        // poisson: requests per second over the whole deployment
  RoutingPolicy routing = RoutingPolicy::round_robin;  // open loop only
  int steps = 200;                      // decode steps simulated (open loop: at most; the run ends once
                                        // every arrival is served)
  int warmup_steps = 20;                // steps left out of the measurement window
  uint64_t seed = 1;                    // decode progress of the initial requests is drawn from it
};

struct CostModelConfig {
  CostModelKind kind = CostModelKind::roofline;
  double attention_us = 0;              // fixed: per layer per microbatch
  double ffn_us = 0;                    // fixed: per layer per microbatch
  double lm_head_us = 0;                // fixed: final norm + LM head + sampling per step
  std::string tables;                   // profiled: folder of the operator tables, resolved against the
                                        // scenario's folder
  double op_overhead_us = 0;            // profiled: launch latency in standalone op timings, taken off
  std::shared_ptr<const OperatorTables> profile;  // profiled: the tables, read and checked by the loader
  std::string step_model_key;           // profiled: shapes the step table is taken to be measured on
};

struct OutputsConfig {
  std::string dir;                      // empty: write no files (the --out flag sets it)
  std::string paje;                     // Paje trace file; empty: none (--paje sets it)
  std::string chrome;                   // Chrome trace JSON file; empty: none (--chrome sets it)
  std::string trace_steps;              // "A:B" or "all"; empty: the 3 steps after warm-up
};

struct Scenario {
  std::string source_file;              // the YAML file it came from
  std::string name;
  std::string description;
  ModelSpec model;                      // preset with the scenario's overrides applied
  GpuSpec hardware;                     // preset with the scenario's overrides applied
  std::optional<GpuSpec> ffn_hardware;  // AFD what-if: the FFN GPU is of another type (absent: `hardware`)
  PlatformConfig platform;
  DeploymentConfig deployment;
  WorkloadConfig workload;
  CostModelConfig cost_model;
  OutputsConfig outputs;

  // The GPU the FFN worker runs on (its cost model and memory).
  const GpuSpec& ffn_gpu() const { return ffn_hardware ? *ffn_hardware : hardware; }
};

} // namespace afdsim
