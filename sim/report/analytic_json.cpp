#include "sim/report/analytic_json.hpp"

#include "sim/analytic/afd_estimates.hpp"
#include "sim/analytic/colocated_estimates.hpp"
#include "sim/analytic/simulated_values.hpp"
#include "sim/workload/slot_theta.hpp"

#include <optional>
#include <string>

namespace afdsim {
namespace {

using nlohmann::json;

json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json network_model(const SimulationResult& r)
{
  const auto it = r.simgrid_config.find("network/model");
  return it == r.simgrid_config.end() ? json(nullptr) : json(it->second);
}

json transfer_json(const TransferEstimate& t)
{
  return {{"bytes", t.bytes},
          {"routes", t.routes},
          {"slowest_route", {{"from_host", t.slowest_from_host},
                             {"to_host", t.slowest_to_host},
                             {"latency_s", t.latency_s},
                             {"bandwidth_bytes_per_s", t.bandwidth_bytes_per_s},
                             {"links", t.links}}},
          {"max_messages_per_link", t.max_messages_per_link},
          {"single_s", t.single_s},
          {"shared_s", t.shared_s}};
}

json inputs_json(const AfdInputs& in, const SimulationResult& result)
{
  return {{"layers", in.layers},
          {"attention_workers", in.attention_workers},
          {"microbatches", in.microbatches},
          {"batch_per_worker", in.batch},
          {"microbatch_requests", in.microbatch_requests},
          {"mean_context_tokens", in.mean_context_tokens},
          {"attention_layer_s", in.attention_layer_s},
          {"ffn_layer_s", in.ffn_layer_s},
          {"lm_head_s", in.lm_head_s},
          {"batch_attention_layer_s", in.batch_attention_layer_s},
          {"batch_ffn_layer_s", in.batch_ffn_layer_s},
          {"network_model", network_model(result)},
          {"a2f", transfer_json(in.a2f)},
          {"f2a", transfer_json(in.f2a)},
          {"a2f_batch", transfer_json(in.a2f_batch)},
          {"f2a_batch", transfer_json(in.f2a_batch)}};
}

json seed_json(const AfdEstimates& e, const SimulatedValues& sim)
{
  const double simulated_speedup = sim.tokens_per_s_per_gpu / e.data_parallel.tokens_per_s_per_gpu;
  return {{"formula", "T = max(T_attn, T_ffn / r) + T_transfer; speedup = (T_attn + T_ffn) / T"},
          {"tc", "single: L (Tc_a2f + Tc_f2a) of whole-batch messages, each alone on its route"},
          {"t_attn_s", e.seed.t_attn_s},
          {"t_ffn_s", e.seed.t_ffn_s},
          {"t_transfer_s", e.seed.t_transfer_s},
          {"step_s", comparison_json(e.seed.step_s, sim.step_s)},
          {"speedup", comparison_json(e.seed.speedup, simulated_speedup)}};
}

json data_parallel_json(const AfdEstimates& e, const SimulatedValues& sim)
{
  return {{"formula", "step = L (Ta(B) + Tf(B)) + T_lm(B); tokens/s per GPU = B / step (exact for data parallel)"},
          {"step_s", e.data_parallel.step_s},
          {"tokens_per_s_per_gpu", e.data_parallel.tokens_per_s_per_gpu},
          {"afd_speedup_per_gpu", sim.tokens_per_s_per_gpu / e.data_parallel.tokens_per_s_per_gpu}};
}

json megascale_json(const AfdEstimates& e, const SimulatedValues& sim)
{
  const MegaScaleEstimate& m = e.megascale;
  return {{"formula", "(Ta + Tf + Tc_a2f + Tc_f2a) + max(Ta, Tf) (mL - 1) + T_lm"},
          {"tc", "shared: the last of r simultaneous messages"},
          {"step_s", comparison_json(m.step_s, sim.step_s)},
          {"cycle_s", m.cycle_s},
          {"microbatches", e.inputs.microbatches},
          {"min_microbatches", m.min_microbatches},
          {"min_microbatches_no_bubble", m.min_microbatches_no_bubble},
          {"condition_met", m.condition_met}};
}

json aiconfigurator_json(const AfdEstimates& e, const SimulatedValues& sim)
{
  const AiconfiguratorEstimate& a = e.aiconfigurator;
  return {{"formula", "step = (Ta + Tf + Ta2f + Tf2a) + cycle (mL - 1) + T_lm; cycle serial Ta + Ta2f + Tf + Tf2a, "
                      "K=2 max(Ta + Ta2f, Tf + Tf2a), K=3 max(Ta, Tf, Ta2f + Tf2a)"},
          {"tc", "shared: the last of r simultaneous messages"},
          {"cycle_serial_s", a.cycle_serial_s},
          {"cycle_k2_s", a.cycle_k2_s},
          {"cycle_k3_s", a.cycle_k3_s},
          {"min_microbatches_k3", a.min_microbatches_k3},
          {"k3_applies", a.k3_applies},
          {"step_serial_s", comparison_json(a.step_serial_s, sim.step_s)},
          {"step_k2_s", comparison_json(a.step_k2_s, sim.step_s)},
          {"step_k3_s", comparison_json(a.step_k3_s, sim.step_s)},
          {"step_optimistic_s", comparison_json(a.step_optimistic_s, sim.step_s)}};
}

json line_json(const LineFit& f)
{
  json points = json::array();
  for (const auto& p : f.points)
    points.push_back({{"tokens", p.x}, {"time_s", p.y}});
  return {{"alpha_s_per_token", f.line.alpha}, {"beta_s", f.line.beta}, {"points", points},
          {"max_residual_s", f.max_residual_s}};
}

json song_json(const SongAnalysis& s, const SimulatedValues& sim, int attention_workers)
{
  const SongEstimate& e = s.estimate;
  const SongBarrier& b = s.barrier;
  return {{"formula", "tau = max{t_A(T), t_C(B), t_F(rB)}; tokens/s per GPU = rB / ((r + 1) tau); "
                      "r* = max{r_A, r_C, sqrt(beta_F / (alpha_F B))}"},
          {"tc", "t_C: one worker's messages alone on their routes, per step"},
          {"theta_tokens", s.slot_load.theta_tokens},
          {"variance_tokens2", s.slot_load.variance_tokens2},
          {"mean_context_tokens", comparison_json(s.slot_load.theta_tokens + 1.0, sim.mean_context_tokens)},
          {"token_load_tokens", s.token_load_tokens},
          {"fit", {{"attention", line_json(s.fit.attention)},
                   {"ffn", line_json(s.fit.ffn)},
                   {"communication", {{"alpha_s_per_request", s.fit.communication.alpha},
                                      {"beta_s", s.fit.communication.beta}}}}},
          {"t_attention_s", e.t_attention_s},
          {"t_communication_s", e.t_communication_s},
          {"t_communication_ingress_s", s.t_communication_ingress_s},
          {"t_ffn_s", e.t_ffn_s},
          {"t_ffn_cost_model_s", s.t_ffn_cost_model_s},
          {"bound", e.bound},
          {"tau_s", comparison_json(e.tau_s, sim.step_s)},
          {"tokens_per_s_per_gpu", comparison_json(e.tokens_per_s_per_instance, sim.tokens_per_s_per_gpu)},
          {"attention_workers", attention_workers},
          {"r_attention", optional_json(e.r_attention)},
          {"r_communication", optional_json(e.r_communication)},
          {"r_peak", optional_json(e.r_peak)},
          {"r_star", optional_json(e.r_star)},
          {"r_star_integer", e.r_star_integer == 0 ? json(nullptr) : json(e.r_star_integer)},
          {"barrier", {{"formula", "E[cycle] = G + sigma integral_z^inf (1 - Phi(x)^r) dx, z = (G - mu) / sigma"},
                       {"g_s", b.g_s},
                       {"mu_s", b.mu_s},
                       {"sigma_s", b.sigma_s},
                       {"sigma_iid_s", b.sigma_iid_s},
                       {"expected_cycle_s", comparison_json(b.expected_cycle_s, sim.step_s)},
                       {"expected_cycle_iid_s", comparison_json(b.expected_cycle_iid_s, sim.step_s)}}}};
}

json not_applicable(const std::string& reason) { return {{"applicable", false}, {"reason", reason}}; }

json afd_json(const Scenario& scenario, const SimulationResult& result, const SimulatedValues& sim)
{
  // Tc comes from the routes the messages took; a log built without SimGrid has none.
  if (routes_between(result, WorkerRole::attention, WorkerRole::ffn).empty() ||
      routes_between(result, WorkerRole::ffn, WorkerRole::attention).empty())
    return not_applicable("the run recorded no route between attention and FFN GPUs");
  const auto cost = make_cost_model(scenario);
  const AfdEstimates e = estimate_afd(scenario, *cost, result, sim);
  return {{"applicable", true},
          {"mode", "afd"},
          {"simulated", {{"step_s", sim.step_s},
                         {"tokens_per_s_per_gpu", sim.tokens_per_s_per_gpu},
                         {"mean_context_tokens", sim.mean_context_tokens},
                         {"context_spread_tokens", sim.context_spread_tokens}}},
          {"inputs", inputs_json(e.inputs, result)},
          {"seed_formula", seed_json(e, sim)},
          {"colocated_data_parallel", data_parallel_json(e, sim)},
          {"megascale_infer", megascale_json(e, sim)},
          {"aiconfigurator", aiconfigurator_json(e, sim)},
          {"song", song_json(e.song, sim, e.inputs.attention_workers)}};
}

json colocated_json(const Scenario& scenario, const SimulationResult& result, const SimulatedValues& sim)
{
  const ColocatedEstimates e =
      estimate_colocated(scenario, result, sim.mean_context_tokens, analytic_batch(scenario, sim));
  json allreduce = nullptr;
  if (e.tensor_parallel > 1) {
    allreduce = {{"formula", "ring 2 (k - 1) (lat + bytes / (k bw)); one_shot lat + (k - 1) bytes / bw"},
                 {"bytes", e.allreduce_bytes},
                 {"ring_s", optional_json(e.ring_allreduce_s)},
                 {"one_shot_s", optional_json(e.one_shot_allreduce_s)},
                 {"used_s", optional_json(e.allreduce_s)}};
    if (e.route)
      allreduce["slowest_route"] = {{"from_host", e.route->from_host},
                                    {"to_host", e.route->to_host},
                                    {"latency_s", e.route->latency_s},
                                    {"bandwidth_bytes_per_s", e.route->bandwidth_bytes_per_s}};
  }
  json closed_form = {{"formula", "step = L (Ta + t_AR + Tf + t_AR) + T_lm on one GPU's shard; "
                                  "tokens/s per GPU = B / (k step); t_AR = 0 for k = 1"}};
  if (e.step_s) {
    closed_form["step_s"] = comparison_json(*e.step_s, sim.step_s);
    closed_form["tokens_per_s_per_gpu"] = comparison_json(*e.tokens_per_s_per_gpu, sim.tokens_per_s_per_gpu);
  } else {
    closed_form["reason"] = "no route between two GPUs of a group was recorded";
  }
  return {{"applicable", true},
          {"mode", "colocated"},
          {"simulated", {{"step_s", sim.step_s},
                         {"tokens_per_s_per_gpu", sim.tokens_per_s_per_gpu},
                         {"mean_context_tokens", sim.mean_context_tokens}}},
          {"inputs", {{"tensor_parallel", e.tensor_parallel},
                      {"batch_per_worker", e.batch},
                      {"layers", scenario.model.layers},
                      {"mean_context_tokens", e.mean_context_tokens},
                      {"attention_layer_s", e.attention_layer_s},
                      {"ffn_layer_s", e.ffn_layer_s},
                      {"lm_head_s", e.lm_head_s},
                      {"network_model", network_model(result)}}},
          {"allreduce", allreduce},
          {"closed_form", closed_form}};
}

} // namespace

json comparison_json(double analytic, double simulated)
{
  return {{"analytic", analytic},
          {"simulated", simulated},
          {"relative_difference", simulated == 0 ? json(nullptr) : json((analytic - simulated) / simulated)}};
}

json analytic_json(const Scenario& scenario, const Metrics& metrics, const SimulationResult& result)
{
  const SimulatedValues sim = simulated_values(result.log, metrics);
  if (scenario.deployment.mode == DeploymentMode::colocated)
    return colocated_json(scenario, result, sim);
  return afd_json(scenario, result, sim);
}

json analytic_json_unsimulated(const Scenario& scenario, const SimulationResult& routes)
{
  SimulatedValues none;
  none.mean_context_tokens = theta_tokens(scenario.workload) + 1.0;  // afdsim reads the new token too
  if (scenario.deployment.mode == DeploymentMode::colocated)
    return colocated_json(scenario, routes, none);
  return afd_json(scenario, routes, none);
}

} // namespace afdsim
