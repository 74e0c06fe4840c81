#include "sim/compare/compare_configurations.hpp"

#include <stdexcept>

namespace afdsim {

namespace {

CompareConfiguration afd_configuration(const Scenario& afd, int gpus)
{
  const DeploymentConfig& d = afd.deployment;
  CompareConfiguration c;
  c.name = "AFD " + std::to_string(d.attention_workers) + "A" + std::to_string(d.ffn_workers) + "F m=" +
           std::to_string(d.microbatches);
  c.mode = DeploymentMode::afd;
  c.gpus = gpus;
  return c;
}

// Colocated mode refuses the AFD placement keys, and runs one microbatch per replica.
CompareConfiguration colocated_configuration(int tensor_parallel, int gpus)
{
  CompareConfiguration c;
  c.name = tensor_parallel == 1 ? "colocated DP" : "colocated TP" + std::to_string(tensor_parallel);
  c.mode = DeploymentMode::colocated;
  c.tensor_parallel = tensor_parallel;
  c.gpus = gpus;
  c.sets = {"deployment.mode=colocated",
            "deployment.gpus=" + std::to_string(gpus),
            "deployment.tensor_parallel=" + std::to_string(tensor_parallel),
            "deployment.microbatches=1",
            "deployment.attention_hosts=[]",
            "deployment.ffn_hosts=[]",
            "deployment.attention_slowdown=[]",
            "ffn_hardware=null"};  // an AFD what-if's FFN GPU type: the baselines run on `hardware`
  return c;
}

} // namespace

std::vector<CompareConfiguration> compare_configurations(const Scenario& afd)
{
  if (afd.deployment.mode != DeploymentMode::afd)
    throw std::invalid_argument("compare_configurations: the scenario must have deployment.mode afd");
  const int gpus = afd.deployment.attention_workers + afd.deployment.ffn_workers;
  std::vector<CompareConfiguration> configs{afd_configuration(afd, gpus), colocated_configuration(1, gpus)};
  const ModelSpec& m = afd.model;
  for (const int k : kBaselineTensorParallel) {
    if (gpus % k == 0 && m.q_heads % k == 0 && m.kv_heads % k == 0 && m.intermediate_size % k == 0)
      configs.push_back(colocated_configuration(k, gpus));
  }
  return configs;
}

std::string batch_override(int batch_per_worker)
{
  return "workload.batch_per_worker=" + std::to_string(batch_per_worker);
}

} // namespace afdsim
