#include "sim/analytic/analytic_inputs.hpp"

#include "sim/workload/request_slots.hpp"

#include <set>

namespace afdsim {
namespace {

std::set<std::string> hosts_of(const EventLog& log, WorkerRole role)
{
  std::set<std::string> hosts;
  for (const auto& w : log.workers)
    if (w.role == role)
      hosts.insert(w.host);
  return hosts;
}

} // namespace

std::vector<SimulationResult::Route> routes_between(const SimulationResult& result, WorkerRole from, WorkerRole to)
{
  const std::set<std::string> sources = hosts_of(result.log, from);
  const std::set<std::string> destinations = hosts_of(result.log, to);
  std::vector<SimulationResult::Route> routes;
  for (const auto& route : result.routes)
    if (sources.count(route.from_host) > 0 && destinations.count(route.to_host) > 0)
      routes.push_back(route);
  return routes;
}

AfdInputs afd_inputs(const Scenario& scenario, const CostModel& cost, const SimulationResult& result,
                     double mean_context_tokens, int batch)
{
  AfdInputs in;
  in.layers = scenario.model.layers;
  in.attention_workers = scenario.deployment.attention_workers;
  in.microbatches = scenario.deployment.microbatches;
  in.batch = batch;
  in.microbatch_requests = split_microbatches(in.batch, in.microbatches);
  in.mean_context_tokens = mean_context_tokens;
  for (int requests : in.microbatch_requests) {
    in.attention_layer_s += cost.attention_layer_s(requests, requests * mean_context_tokens) / in.microbatches;
    in.ffn_layer_s += cost.ffn_layer_s(in.attention_workers * requests) / in.microbatches;
  }
  in.lm_head_s = cost.lm_head_s(in.batch);
  in.batch_attention_layer_s = cost.attention_layer_s(in.batch, in.batch * mean_context_tokens);
  in.batch_ffn_layer_s = cost.ffn_layer_s(in.batch);

  const ModelSpec& model = scenario.model;
  const double a2f_per_token = model.activation_bytes_per_token(scenario.deployment.a2f_dtype);
  const double f2a_per_token = model.activation_bytes_per_token(scenario.deployment.f2a_dtype);
  const double microbatch_tokens = static_cast<double>(in.batch) / in.microbatches;
  const auto a2f_routes = routes_between(result, WorkerRole::attention, WorkerRole::ffn);
  const auto f2a_routes = routes_between(result, WorkerRole::ffn, WorkerRole::attention);
  in.a2f = estimate_transfer(a2f_routes, microbatch_tokens * a2f_per_token);
  in.f2a = estimate_transfer(f2a_routes, microbatch_tokens * f2a_per_token);
  in.a2f_batch = estimate_transfer(a2f_routes, in.batch * a2f_per_token);
  in.f2a_batch = estimate_transfer(f2a_routes, in.batch * f2a_per_token);
  return in;
}

} // namespace afdsim
