#pragma once
// Steady-state metrics of one run (brief §6), computed without SimGrid from the step records and
// the totals the run accumulated (RunTotals; for a log that kept every record, its replay).
// docs/metrics.md states every definition; the comments here are the short form.
#include "sim/config/scenario.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/metrics/distribution.hpp"
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/measurement_window.hpp"
#include "sim/metrics/run_totals.hpp"
#include "sim/metrics/workload_metrics.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace afdsim {

struct ThroughputMetrics {
  int64_t tokens = 0;               // sum of StepRecord::requests over window steps
  double tokens_per_s = 0;          // tokens / window duration
  double tokens_per_s_per_gpu = 0;  // tokens_per_s / gpus
  int gpus = 0;                     // distinct hosts of all workers (attention + FFN)
};

// Fractions of the window duration; busy + the six wait/idle parts = 1 for every worker.
struct WorkerMetrics {
  std::string name;
  WorkerRole role = WorkerRole::attention;
  std::string host;
  double busy_s = 0;                    // compute time inside the window
  double busy_fraction = 0;
  double bubble_fraction = 0;           // 1 - busy_fraction
  double wait_ffn_result_fraction = 0;  // attention: blocked on an FFN output
  double step_boundary_fraction = 0;    // attention/colocated: the rest of its non-busy time
  double wait_first_input_fraction = 0; // FFN: waiting for the first of the r inputs
  double wait_barrier_fraction = 0;     // FFN: waiting for the slowest input after the first arrived
  double other_idle_fraction = 0;       // FFN: the rest of its non-busy time
  double wait_allreduce_fraction = 0;   // colocated TP: waiting for the group's all-reduce messages
};

struct LinkMetrics {
  std::string name;
  double bandwidth_bytes_per_s = 0;
  double bytes = 0;        // bytes of window-step transfers, as the engine counted them
  double utilisation = 0;  // bytes / (bandwidth x window duration)
};

struct NetworkMetrics {
  std::vector<LinkMetrics> links;  // sorted by name
  double a2f_bytes = 0;            // TransferRecords of window steps, attention -> FFN
  double f2a_bytes = 0;            // ... FFN -> attention
  int64_t a2f_transfers = 0;
  int64_t f2a_transfers = 0;
  double allreduce_bytes = 0;      // ... colocated TP: all-reduce messages between GPUs of a group
  int64_t allreduce_transfers = 0;
};

struct Metrics {
  MeasurementWindow window;
  ThroughputMetrics throughput;
  DistributionSummary tpot_s;  // over requests of their mean inter-token gap
  DistributionSummary step_s;  // over (worker, window step) of end - start
  std::vector<WorkerMetrics> workers;  // in EventLog::workers order
  NetworkMetrics network;
  MemoryPlan memory;                   // from the scenario (sim/memory), not from the log
  int max_batch_per_worker = 0;        // largest batch_per_worker that fits in memory
  WorkloadMetrics workload;            // theta vs measured context per slot; the FFN barrier
};

// From result.totals; a result without them (built by hand, or a run without a measurement
// window) has its log replayed (totals_from_log), which needs every record.
Metrics compute_metrics(const Scenario& scenario, const SimulationResult& result);

// The pieces, for tests (the window: measurement_window.hpp).
ThroughputMetrics throughput_metrics(const EventLog& log, const MeasurementWindow& window);
// Per request with at least two tokens of window steps: (last - first) / (count - 1); by request
// id. From a log that kept its tokens.
std::vector<double> per_request_tpot_s(const EventLog& log, const MeasurementWindow& window);
std::vector<double> step_durations_s(const EventLog& log, const MeasurementWindow& window);
std::vector<WorkerMetrics> worker_metrics(const std::vector<WorkerInfo>& workers, const RunTotals& totals);
// The same from a log that kept its computes and waits, over any window (a trace's, in tests).
std::vector<WorkerMetrics> worker_metrics(const EventLog& log, const MeasurementWindow& window);
NetworkMetrics network_metrics(const RunTotals& totals, const std::vector<SimulationResult::LinkUse>& links);

} // namespace afdsim
