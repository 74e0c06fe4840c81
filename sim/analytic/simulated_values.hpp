#pragma once
// What a run simulated that the analytic estimates stand beside, from its metrics and the window
// steps of its event log.
#include "sim/config/scenario.hpp"
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/metrics.hpp"

namespace afdsim {

struct SimulatedValues {
  double step_s = 0;                // mean over (worker, window step) of the step time
  double tokens_per_s_per_gpu = 0;
  // KV tokens attention read per request and layer: sum of StepRecord::context_tokens over the
  // window's step records / sum of their requests (afdsim reads prompt + decoded + 1 per request).
  double mean_context_tokens = 0;
  // Spread of the workers' token loads (StepRecord::context_tokens) within a step: the sample
  // standard deviation across the workers of each window step, as the root mean square over the
  // steps; 0 with one worker.
  double context_spread_tokens = 0;
  // Requests decoding per (worker, window step): batch_per_worker in the closed loop, whatever
  // the arrivals left in the open loop.
  double mean_batch_per_worker = 0;
};

SimulatedValues simulated_values(const EventLog& log, const Metrics& metrics);

// The batch per worker the closed forms take: workload.batch_per_worker in the closed loop; in the
// open loop (where it is only a cap) the simulated mean, rounded, at least 1.
int analytic_batch(const Scenario& scenario, const SimulatedValues& simulated);

} // namespace afdsim
