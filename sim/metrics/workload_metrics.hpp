#pragma once
// What the request lengths did to the run: the mean context per slot against Song et al.'s theta,
// and the FFN barrier (docs/metrics.md).
#include "sim/config/scenario.hpp"
#include "sim/metrics/distribution.hpp"
#include "sim/metrics/event_log.hpp"

#include <vector>

namespace afdsim {

struct MeasurementWindow;
struct WorkerMetrics;

struct BarrierMetrics {
  // Per (window step, layer, microbatch) at the FFN: from the first of its r inputs to the last.
  DistributionSummary wait_s;
  double share_of_ffn_idle = 0;  // barrier wait / FFN non-busy time in the window; 0 without an FFN
};

struct WorkloadMetrics {
  double theta_tokens = 0;                  // sim/workload/slot_theta.hpp, from the scenario
  double mean_context_per_slot_tokens = 0;  // over window steps: sum (context - requests) / sum requests
  BarrierMetrics barrier;
};

WorkloadMetrics workload_metrics(const Scenario& scenario, const EventLog& log, const MeasurementWindow& window,
                                 const std::vector<WorkerMetrics>& workers);

// Context read per request minus the new token, averaged over the window's (worker, step) records.
double mean_context_per_slot_tokens(const EventLog& log, const MeasurementWindow& window);
// Per (window step, layer, microbatch) with inputs to an FFN worker: last arrival - first arrival.
std::vector<double> barrier_waits_s(const EventLog& log, const MeasurementWindow& window);

} // namespace afdsim
