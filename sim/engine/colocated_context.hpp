#pragma once
// Everything the actors of one colocated simulation share, passed to each explicitly (no
// globals): the scenario, the cost model of one TP shard, the GPUs' hosts, each replica's batch,
// and (RunState) what the run records. GPU g belongs to replica g / k as its rank g % k.
#include "sim/config/scenario.hpp"
#include "sim/cost/cost_model.hpp"
#include "sim/engine/colocated_batch.hpp"
#include "sim/engine/run_state.hpp"

#include <simgrid/forward.h>
#include <spdlog/logger.h>

#include <memory>
#include <vector>

namespace afdsim {

struct ColocatedContext : RunState {
  const Scenario& scenario;
  const CostModel& cost;  // per-GPU shapes: the model's tensor_parallel_shard
  std::shared_ptr<spdlog::logger> progress_log;

  std::vector<simgrid::s4u::Host*> hosts;  // index = GPU
  std::vector<RequestSlots> slots;         // index = replica; the batches' requests
  std::vector<ColocatedBatch> batches;     // index = replica
  std::unique_ptr<RequestDispatcher> dispatcher;  // open loop only: routes arrivals to the replicas

  int gpus() const { return static_cast<int>(hosts.size()); }
  int tensor_parallel() const { return scenario.deployment.tensor_parallel; }
  int replicas() const { return gpus() / tensor_parallel(); }
  int replica_of(int gpu) const { return gpu / tensor_parallel(); }
  int rank_of(int gpu) const { return gpu % tensor_parallel(); }
  int gpu_of(int replica, int rank) const { return replica * tensor_parallel() + rank; }
  int layers() const { return scenario.model.layers; }
  int steps() const { return scenario.workload.steps; }
};

} // namespace afdsim
