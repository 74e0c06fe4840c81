#include "sim/analytic/colocated_estimates.hpp"

#include "sim/cost/cost_model.hpp"
#include "sim/specs/tensor_parallel.hpp"

namespace afdsim {
namespace {

std::optional<SimulationResult::Route> slowest_route(const std::vector<SimulationResult::Route>& routes, double bytes)
{
  std::optional<SimulationResult::Route> slowest;
  auto time_s = [bytes](const SimulationResult::Route& r) { return r.latency_s + bytes / r.bandwidth_bytes_per_s; };
  for (const auto& r : routes)
    if (!slowest || time_s(r) > time_s(*slowest))
      slowest = r;
  return slowest;
}

} // namespace

ColocatedEstimates estimate_colocated(const Scenario& scenario, const SimulationResult& result,
                                      double mean_context_tokens, int batch)
{
  ColocatedEstimates e;
  const int k = scenario.deployment.tensor_parallel;
  const int layers = scenario.model.layers;
  e.tensor_parallel = k;
  e.batch = batch;
  e.mean_context_tokens = mean_context_tokens;
  Scenario shard = scenario;
  shard.model = tensor_parallel_shard(scenario.model, k);
  const auto cost = make_cost_model(shard);
  e.attention_layer_s = cost->attention_layer_s(e.batch, e.batch * mean_context_tokens);
  e.ffn_layer_s = cost->ffn_layer_s(e.batch);
  e.lm_head_s = cost->lm_head_s(e.batch);
  e.allreduce_bytes = e.batch * scenario.model.activation_bytes_per_token(Dtype::bf16);

  double allreduce_s = 0;
  if (k > 1) {
    e.route = slowest_route(result.routes, e.allreduce_bytes / k);
    if (!e.route)
      return e;
    const double latency_s = e.route->latency_s;
    const double bandwidth = e.route->bandwidth_bytes_per_s;
    e.ring_allreduce_s = ring_allreduce_s(k, latency_s, e.allreduce_bytes, bandwidth);
    e.one_shot_allreduce_s = latency_s + (k - 1) * e.allreduce_bytes / bandwidth;
    allreduce_s = scenario.deployment.allreduce == AllreduceAlgorithm::ring ? *e.ring_allreduce_s
                                                                              : *e.one_shot_allreduce_s;
    e.allreduce_s = allreduce_s;
  }
  e.step_s = layers * (e.attention_layer_s + e.ffn_layer_s + 2 * allreduce_s) + e.lm_head_s;
  e.tokens_per_s_per_gpu = e.batch / (k * *e.step_s);
  return e;
}

} // namespace afdsim
