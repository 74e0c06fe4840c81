#pragma once
// What the request lengths did to the run: the mean context per slot against Song et al.'s theta,
// and the FFN barrier (docs/metrics.md).
#include "sim/config/scenario.hpp"
#include "sim/metrics/distribution.hpp"
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/measurement_window.hpp"
#include "sim/metrics/run_totals.hpp"

#include <vector>

namespace afdsim {

struct WorkerMetrics;

struct BarrierMetrics {
  // Per (window step, layer, microbatch) at the FFN: from the first of its r inputs to the last.
  DistributionSummary wait_s;
  double share_of_ffn_idle = 0;  // barrier wait / FFN non-busy time in the window; 0 without an FFN
};

// Arrivals, queues and admission control (docs/metrics.md).
struct AdmissionMetrics {
  int64_t arrivals = 0;              // open loop: requests that arrived during the run
  int64_t admitted = 0;              // admissions inside the window
  DistributionSummary queue_delay_s; // of those admissions: admitted - arrived
  double queue_delay_max_s = 0;
  int64_t waiting_at_end = 0;        // requests still queued when the run ended, all workers
  int64_t rejected = 0;              // requests whose KV exceeds a worker's whole capacity
  double kv_capacity_tokens = 0;     // per attention worker (colocated: replica)
  double kv_peak_reserved_tokens = 0;  // the most any worker reserved at once
};

// deployment.padding at the FFN, over the window's FFN computes.
struct PaddingMetrics {
  int64_t ffn_tokens = 0;          // tokens the attention workers sent
  int64_t ffn_padding_tokens = 0;  // rows computed beyond them
  double padding_fraction = 0;     // padding / (tokens + padding)
};

struct WorkloadMetrics {
  double theta_tokens = 0;                  // sim/workload/slot_theta.hpp, from the scenario
  double mean_context_per_slot_tokens = 0;  // over window steps: sum (context - requests) / sum requests
  BarrierMetrics barrier;
  AdmissionMetrics admission;
  PaddingMetrics padding;
};

WorkloadMetrics workload_metrics(const Scenario& scenario, const EventLog& log, const RunTotals& totals,
                                 const std::vector<WorkerMetrics>& workers);

// Context read per request minus the new token, averaged over the window's (worker, step) records.
double mean_context_per_slot_tokens(const EventLog& log, const MeasurementWindow& window);
// Queue delays from the totals; arrivals and the KV state at the end from the log.
AdmissionMetrics admission_metrics(const EventLog& log, const RunTotals& totals);
PaddingMetrics padding_metrics(const RunTotals& totals);

} // namespace afdsim
