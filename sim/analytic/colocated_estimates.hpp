#pragma once
// The closed form of a colocated run (deployment.mode colocated): each replica of k GPUs (tensor
// parallel k; k = 1 is data parallel) runs every layer's attention and FFN on its shard of the
// model (tensor_parallel_shard) and, for k > 1, two all-reduces of the batch's BF16 hidden states
// per layer:
//   step = L (Ta + t_AR + Tf + t_AR) + T_lm,   tokens/s per GPU = B / (k step)
// with t_AR the ring form 2 (k - 1)(lat + bytes / (k bw)) (or, for one_shot, lat + (k - 1) bytes / bw)
// on the slowest route between two GPUs of a group. Exact on an uncontended platform for
// constant op times; at the mean context otherwise.
#include "sim/analytic/colocated_baseline.hpp"
#include "sim/config/scenario.hpp"
#include "sim/engine/simulation.hpp"

#include <optional>

namespace afdsim {

struct ColocatedEstimates {
  int tensor_parallel = 1;
  int batch = 0;
  double mean_context_tokens = 0;
  double attention_layer_s = 0;  // Ta on one GPU's shard, the whole batch
  double ffn_layer_s = 0;        // Tf
  double lm_head_s = 0;          // T_lm
  double allreduce_bytes = 0;    // B x hidden x 2 (BF16)
  // k > 1 only (and only with a route between two GPUs of a group in the result):
  std::optional<SimulationResult::Route> route;  // the slowest such route
  std::optional<double> ring_allreduce_s;
  std::optional<double> one_shot_allreduce_s;
  std::optional<double> allreduce_s;  // the scenario's algorithm
  std::optional<double> step_s;       // absent for k > 1 without a route
  std::optional<double> tokens_per_s_per_gpu;
};

ColocatedEstimates estimate_colocated(const Scenario& scenario, const SimulationResult& result,
                                      double mean_context_tokens, int batch);

} // namespace afdsim
