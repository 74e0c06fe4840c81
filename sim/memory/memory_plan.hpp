#pragma once
// What each GPU of a deployment holds in memory, and whether it fits (docs/memory.md). Plain C++:
// the scenario alone decides it, before any simulation.
#include "sim/config/scenario.hpp"

#include <string>
#include <vector>

namespace afdsim {

// One GPU of the deployment. GB = 1e9 B wherever these are printed.
struct GpuMemoryPlan {
  std::string worker;           // the worker's name in the report ("attn0", "ffn0", ...)
  std::string role;             // "attention" | "ffn" | "colocated"
  double weights_bytes = 0;     // the weights of the roles it holds (its TP shard under TP)
  double kv_bytes = 0;          // its requests at their largest context (prompt + output tokens)
  double workspace_bytes = 0;   // GpuSpec::workspace_gb
  double reserved_bytes = 0;    // GpuSpec::reserved_memory_fraction x capacity
  double capacity_bytes = 0;    // GpuSpec::memory_gb
  double needed_bytes() const { return weights_bytes + kv_bytes + workspace_bytes + reserved_bytes; }
  double free_bytes() const { return capacity_bytes - needed_bytes(); }  // negative: does not fit
};

struct MemoryPlan {
  std::vector<GpuMemoryPlan> gpus;  // attention workers then FFN workers; colocated: GPU order
  bool fits() const;                // every GPU has free_bytes() >= 0
};

// The plan at the scenario's workload.batch_per_worker.
MemoryPlan plan_memory(const Scenario& s);

// Throws InputError naming the scenario file and workload.batch_per_worker when some GPU does not
// fit: per such GPU the memory needed vs available, and the largest batch_per_worker that fits.
// Open loop: batch_per_worker is only a cap (admission keeps the KV within the GPU), so the check
// is that one request of mean lengths fits.
void check_memory_fits(const Scenario& s);

// KV tokens one attention worker (colocated: one replica) can hold: its GPU's memory left after
// weights, workspace and the reserved fraction, over the KV bytes of one token on that GPU (a TP
// shard holds kv_heads / k heads of every token, so a replica holds as many tokens as one GPU).
// Admission control keeps the KV reserved by decoding requests within it (sim/workload).
double kv_capacity_tokens(const Scenario& s);

// Upper bound of workload.batch_per_worker in the loader; max_batch_per_worker never exceeds it.
constexpr int kBatchPerWorkerLimit = 65536;

// The largest batch_per_worker (at most kBatchPerWorkerLimit) at which every GPU fits; 0 if even 1
// does not. Every other key of the scenario is kept.
int max_batch_per_worker(const Scenario& s);

} // namespace afdsim
