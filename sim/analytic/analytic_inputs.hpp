#pragma once
// The inputs every AFD estimate shares, from the same cost model and platform routes as the
// simulation, at the run's mean context:
// - Ta, Tf: one layer, one microbatch, as the engine splits the batch (split_microbatches):
//   Ta = mean over microbatches k of attention_layer_s(b_k, b_k x mean context),
//   Tf = mean over k of ffn_layer_s(r b_k) (the FFN GPU runs the r workers' slices together);
//   with equal microbatches these are the per-microbatch times themselves. Attention slowdown
//   factors are left out: the estimates assume identical workers.
// - T_lm = lm_head_s(B), once per step.
// - Tc per direction for a message of B/m tokens, single and shared (transfer_estimate.hpp);
//   and for a message of the whole batch (the seed formula has no microbatches).
#include "sim/analytic/transfer_estimate.hpp"
#include "sim/config/scenario.hpp"
#include "sim/cost/cost_model.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/metrics/event_log.hpp"

#include <vector>

namespace afdsim {

struct AfdInputs {
  int layers = 0;
  int attention_workers = 0;  // r
  int microbatches = 0;       // m
  int batch = 0;              // B, requests per attention worker
  std::vector<int> microbatch_requests;
  double mean_context_tokens = 0;      // KV read per request and layer
  double attention_layer_s = 0;        // Ta
  double ffn_layer_s = 0;              // Tf
  double lm_head_s = 0;                // T_lm
  double batch_attention_layer_s = 0;  // attention_layer_s(B, B x mean context): the batch at once
  double batch_ffn_layer_s = 0;        // ffn_layer_s(B): one worker's batch alone
  TransferEstimate a2f;                // B/m tokens
  TransferEstimate f2a;
  TransferEstimate a2f_batch;          // B tokens
  TransferEstimate f2a_batch;
};

// The routes from hosts of workers of role `from` to hosts of workers of role `to`.
std::vector<SimulationResult::Route> routes_between(const SimulationResult& result, WorkerRole from, WorkerRole to);

// Throws std::invalid_argument when the result holds no attention <-> FFN route.
AfdInputs afd_inputs(const Scenario& scenario, const CostModel& cost, const SimulationResult& result,
                     double mean_context_tokens, int batch);

} // namespace afdsim
