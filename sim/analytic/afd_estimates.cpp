#include "sim/analytic/afd_estimates.hpp"

#include "sim/analytic/gaussian_barrier.hpp"
#include "sim/workload/slot_theta.hpp"

#include <algorithm>
#include <cmath>

namespace afdsim {
namespace {

SongAnalysis song_analysis(const Scenario& scenario, const CostModel& cost, const AfdInputs& in,
                           const SimulatedValues& simulated)
{
  const WorkloadConfig& w = scenario.workload;
  SongAnalysis s;
  s.spec.layers = in.layers;
  s.spec.batch = in.batch;
  s.spec.microbatches = in.microbatches;
  s.spec.attention_workers = in.attention_workers;
  s.spec.min_kv_read_tokens = w.prompt_tokens + 1.0;
  s.spec.max_kv_read_tokens = static_cast<double>(w.prompt_tokens) + w.output_tokens;
  s.spec.a2f_bytes_per_token = scenario.model.activation_bytes_per_token(scenario.deployment.a2f_dtype);
  s.spec.f2a_bytes_per_token = scenario.model.activation_bytes_per_token(scenario.deployment.f2a_dtype);
  s.spec.a2f_latency_s = in.a2f.latency_s;
  s.spec.f2a_latency_s = in.f2a.latency_s;
  s.spec.a2f_bandwidth_bytes_per_s = in.a2f.bandwidth_bytes_per_s;
  s.spec.f2a_bandwidth_bytes_per_s = in.f2a.bandwidth_bytes_per_s;
  s.fit = fit_song_models(cost, s.spec);
  const SongModels models = s.fit.models();

  s.slot_load = workload_slot_load(w);  // the configured lengths: fixed, distributions or a trace
  s.token_load_tokens = in.batch * (s.slot_load.theta_tokens + 1.0);  // afdsim reads the new token too
  s.estimate = song_estimate(models, in.attention_workers, in.batch, s.token_load_tokens);
  s.t_ffn_cost_model_s = ffn_step_s(cost, s.spec, in.attention_workers);
  s.t_communication_ingress_s =
      models.communication.beta + models.communication.alpha * in.attention_workers * in.batch;

  SongBarrier& b = s.barrier;
  b.g_s = std::max(s.estimate.t_ffn_s, s.estimate.t_communication_s);
  b.mu_s = s.estimate.t_attention_s;
  b.sigma_s = models.attention.alpha * simulated.context_spread_tokens;
  b.sigma_iid_s = models.attention.alpha * std::sqrt(in.batch * s.slot_load.variance_tokens2);
  b.expected_cycle_s = expected_barrier_cycle_s(b.g_s, b.mu_s, b.sigma_s, in.attention_workers);
  b.expected_cycle_iid_s = expected_barrier_cycle_s(b.g_s, b.mu_s, b.sigma_iid_s, in.attention_workers);
  return s;
}

} // namespace

AfdEstimates estimate_afd(const Scenario& scenario, const CostModel& cost, const SimulationResult& result,
                          const SimulatedValues& simulated)
{
  AfdEstimates e;
  e.inputs = afd_inputs(scenario, cost, result, simulated.mean_context_tokens, analytic_batch(scenario, simulated));
  const AfdInputs& in = e.inputs;
  const double t_attn_s = in.layers * in.batch_attention_layer_s;
  const double t_ffn_s = in.layers * in.batch_ffn_layer_s;
  e.seed = seed_estimate(t_attn_s, t_ffn_s, in.layers * (in.a2f_batch.single_s + in.f2a_batch.single_s),
                         in.attention_workers);
  e.data_parallel =
      data_parallel_estimate(in.batch_attention_layer_s, in.batch_ffn_layer_s, in.lm_head_s, in.layers, in.batch);
  e.megascale = megascale_estimate(in.attention_layer_s, in.ffn_layer_s, in.a2f.shared_s, in.f2a.shared_s,
                                   in.lm_head_s, in.microbatches, in.layers);
  e.aiconfigurator = aiconfigurator_estimate(in.attention_layer_s, in.ffn_layer_s, in.a2f.shared_s, in.f2a.shared_s,
                                             in.lm_head_s, in.microbatches, in.layers);
  e.song = song_analysis(scenario, cost, in, simulated);
  return e;
}

} // namespace afdsim
