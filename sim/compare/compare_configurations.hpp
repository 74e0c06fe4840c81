#pragma once
// The configurations `afdsim compare` puts side by side: the scenario's own AFD deployment and the
// colocated baselines on the same GPUs (brief §2.4). Plain C++: each configuration is the AFD
// scenario plus `--set` overrides, so it goes through the loader's checks like any user input.
#include "sim/config/scenario.hpp"

#include <string>
#include <vector>

namespace afdsim {

struct CompareConfiguration {
  std::string name;               // "AFD 7A1F m=2", "colocated DP", "colocated TP2"
  DeploymentMode mode = DeploymentMode::afd;
  int tensor_parallel = 1;        // colocated: GPUs per replica
  int gpus = 0;                   // GPUs of the deployment (the same for every configuration)
  std::vector<std::string> sets;  // KEY=VALUE overrides that turn the AFD scenario into this one
};

// TP degrees tried beyond DP (k = 1): each is kept when it divides the GPU count, the query and
// KV heads and the FFN width (a TP shard holds whole heads and an equal FFN slice).
constexpr int kBaselineTensorParallel[] = {2, 4, 8};

// The AFD configuration first, then colocated DP and TP k in increasing k, all on
// G = attention_workers + ffn_workers GPUs with the same workload. `afd` must have mode afd.
std::vector<CompareConfiguration> compare_configurations(const Scenario& afd);

// The override that sets workload.batch_per_worker (per AFD attention worker, per colocated replica).
std::string batch_override(int batch_per_worker);

} // namespace afdsim
