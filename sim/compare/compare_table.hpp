#pragma once
// The result of `afdsim compare`: one row per configuration, the best baseline, AFD's speedup per
// GPU over it; printed as a console table or as JSON (docs/compare.md). Plain C++.
#include "sim/compare/batch_search.hpp"
#include "sim/compare/compare_configurations.hpp"
#include "sim/metrics/metrics.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace afdsim {

enum class RowStatus {
  ran,                         // simulated; the numbers below are set
  does_not_fit,                // the batch (or, under a TPOT bound, the smallest batch) exceeds GPU memory
  no_batch_within_tpot_bound,  // the smallest batch already has TPOT p50 above the bound
  interrupted,                 // SIGINT/SIGTERM came before its simulations finished (or started)
};
const char* to_string(RowStatus status);

struct CompareRow {
  CompareConfiguration config;
  RowStatus status = RowStatus::ran;
  std::string reason;                 // why it did not run (empty when it ran)
  int batch_per_worker = 0;           // the batch simulated (the searched one under a TPOT bound)
  int max_batch_per_worker = 0;       // the largest that fits in memory
  double tokens_per_s = 0;
  double tokens_per_s_per_gpu = 0;
  double tpot_p50_ms = 0;
  double tpot_p99_ms = 0;
  double mean_bubble_fraction = 0;    // mean over the deployment's GPUs
  std::vector<BatchProbe> probes;     // the TPOT search, under a bound
  int simulations = 0;                // simulations this row cost (search + final run)
  double wall_s = 0;                  // their wall time
};

struct CompareTable {
  std::string scenario;               // name of the AFD scenario
  int gpus = 0;
  WorkloadConfig workload;            // shared by every configuration, apart from batch_per_worker
  std::optional<double> tpot_bound_ms;
  int search_steps = 0;               // steps (and warm-up) of the search simulations, under a bound
  int search_warmup_steps = 0;
  std::vector<CompareRow> rows;       // the AFD configuration first
  int stop_signal = 0;                // the signal that interrupted the comparison; 0: complete
  bool complete() const { return stop_signal == 0; }
  size_t rows_completed() const;      // rows not interrupted
};

// Fills the measured columns of `row` from a run's metrics and marks it as ran.
void fill_measured(CompareRow& row, const Metrics& metrics);

// The baseline (colocated row that ran) with the most tokens/s per GPU, and AFD's per-GPU
// throughput over it; empty when AFD or every baseline did not run, or the table is incomplete
// (the best of the baselines that ran may not be the best).
struct CompareVerdict {
  std::optional<size_t> best_baseline;  // index into rows
  std::optional<double> afd_speedup_per_gpu;
};
CompareVerdict compare_verdict(const CompareTable& table);

nlohmann::json compare_json(const CompareTable& table);
void print_compare_table(std::ostream& out, const CompareTable& table);

} // namespace afdsim
