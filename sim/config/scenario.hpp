#pragma once
// A validated scenario: what `afdsim run` simulates. Produced only by the scenario loader, which
// checks every key; everything downstream may trust these values. Units are in the names.
#include "sim/config/request_lengths.hpp"
#include "sim/specs/dtype.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace afdsim {

enum class DeploymentMode { afd, colocated };
enum class CostModelKind { roofline, fixed };
enum class AllreduceAlgorithm { ring, one_shot };  // colocated TP: how a group sums hidden states

struct PlatformConfig {
  std::string file;                     // as written in the scenario (relative to the scenario's folder)
  std::string resolved_file;            // path the simulator opens
  std::vector<std::string> simgrid_cfg; // extra "key:value" SimGrid settings, applied after the defaults
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
};

struct WorkloadConfig {
  int batch_per_worker = 32;            // concurrent requests per attention worker (per replica if colocated)
  // Fixed lengths: these two are the lengths. A distribution or a trace: its mean, rounded (what
  // the memory plan and the analytic estimates take).
  int prompt_tokens = 2048;             // KV length when a request starts decoding
  int output_tokens = 512;              // tokens a request decodes before it leaves
  // What requests draw their lengths from when not fixed (fixed: the ints above win).
  LengthDistribution prompt_length = LengthDistribution::fixed_at(2048);
  LengthDistribution output_length = LengthDistribution::fixed_at(512);
  TraceConfig trace;                    // non-empty file: requests replay it, the lengths above unused
  int steps = 200;                      // decode steps simulated
  int warmup_steps = 20;                // steps left out of the measurement window
  uint64_t seed = 1;                    // decode progress of the initial requests is drawn from it
};

struct CostModelConfig {
  CostModelKind kind = CostModelKind::roofline;
  double attention_us = 0;              // fixed: per layer per microbatch
  double ffn_us = 0;                    // fixed: per layer per microbatch
  double lm_head_us = 0;                // fixed: final norm + LM head + sampling per step
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
