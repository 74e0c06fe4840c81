#pragma once
// Fitting a GPU preset's cost-model parameters to measured times (`afdsim calibrate`).
//
// Each measured row (sim/cost/op_tables.hpp) is predicted by the roofline cost model:
//   step rows:      estimate_decode over the row's layers (CUDA graphs: nothing added);
//   GEMM rows:      one GEMM of the row's m, n, k and weight dtype, + op_overhead_us;
//   attention rows: one decode-attention kernel with the row's heads and KV dtype, + op_overhead_us;
// op_overhead_us being the launch latency a kernel timed alone pays and a graph hides.
// The fit minimises sum over rows of w (model / measured - 1)^2 by bounded least squares, each
// kind of row (step, GEMM, attention) weighing the same in total (w = 1 / its row count), so
// 38 whole steps count as much as 104 GEMMs. Kernel counts are not fitted: the step data only
// sees (kernels x per-kernel cost), so they come from kernels_per_layer.csv when given (the count
// at the smallest batch) and stay the preset's otherwise.
#include "sim/cost/op_tables.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace afdsim {

struct CalibrationRow {
  std::string kind;   // "step", "gemm", "attention"
  std::string label;  // "attn batch 8 context 2048 fp8/bf16", "qkv fp8 m=16", ...
  std::string where;  // file:line
  double measured_s = 0;
  double model_s = 0;
  double error() const { return model_s / measured_s - 1.0; }
};

struct ErrorSummary {
  std::string kind;  // "step", "gemm", "attention" or "all"
  size_t rows = 0;
  double median_abs_error = 0;
  double max_abs_error = 0;
  double rms_error = 0;
};

struct FitOptions {
  std::vector<std::string> parameters;   // GPU fields to fit; empty: those the rows determine
  std::optional<double> op_overhead_us;  // held at this value; nullopt: fitted when there are both op
                                         // and step rows, 0 otherwise
  bool fit = true;                       // false: evaluate the starting preset only
};

struct FitParameter {
  std::string name;  // a GPU field, or op_overhead_us
  double start = 0;
  double fitted = 0;
};

struct CalibrationResult {
  GpuSpec gpu;                       // the starting preset with the fitted values (and kernel counts)
  double op_overhead_us = 0;
  std::vector<FitParameter> parameters;  // what was fitted, in order
  std::vector<std::string> kernel_count_sources;  // "attention_kernels = 20 (file:line)", ...
  std::vector<CalibrationRow> rows;  // under the fitted values
  std::vector<ErrorSummary> summaries;  // per kind, then "all"
  int iterations = 0;
  bool converged = false;
  double start_cost = 0;
  double cost = 0;
};

// The GPU fields that can be fitted (the efficiency and fixed-cost parameters of the roofline).
const std::vector<std::string>& fittable_parameters();

// Predicts every row under `gpu` (model shapes from `model`, overridden per row by the row's
// dtypes, heads and layer count).
std::vector<CalibrationRow> predict_rows(const OperatorTables& measurements, const ModelSpec& model,
                                         const GpuSpec& gpu, double op_overhead_us);

std::vector<ErrorSummary> summarize_errors(const std::vector<CalibrationRow>& rows);

// Throws InputError (key "--fit") for an unknown parameter name, and when there are no rows.
CalibrationResult calibrate(const OperatorTables& measurements, const ModelSpec& model, const GpuSpec& start,
                            const FitOptions& options);

} // namespace afdsim
