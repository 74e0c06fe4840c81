#include "sim/cost/calibration.hpp"

#include "sim/config/number_text.hpp"
#include "sim/cost/least_squares.hpp"
#include "sim/cost/roofline_cost_model.hpp"
#include "sim/util/errors.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace afdsim {

namespace {

const char* const kOverhead = "op_overhead_us";
const char* const kKinds[] = {"step", "gemm", "attention"};

const SpecField<GpuSpec>& gpu_field(const std::string& name)
{
  for (const auto& f : gpu_fields()) {
    if (f.key == name)
      return f;
  }
  throw std::logic_error("no GPU field " + name);
}

double& gpu_value(GpuSpec& gpu, const std::string& name) { return gpu.*std::get<double GpuSpec::*>(gpu_field(name).member); }

// What the rows determine: GEMM parameters from GEMM or step rows, attention ones from attention
// or step rows (the efficiency of each KV dtype measured), small-kernel ones from step rows.
std::vector<std::string> default_parameters(const OperatorTables& t)
{
  const bool steps = !t.steps.empty();
  bool attention_steps = false;
  bool kv[2] = {false, false};  // fp8, bf16
  for (const auto& s : t.steps) {
    if (s.part != StepPart::ffn) {
      attention_steps = true;
      kv[s.kv == Dtype::bf16] = true;
    }
  }
  for (const auto& a : t.attention)
    kv[a.kv == Dtype::bf16] = true;
  std::vector<std::string> p;
  if (!t.gemm.empty() || steps)
    p.insert(p.end(), {"gemm_mfu", "gemm_fill_rows", "gemm_mbu", "gemm_fixed_us"});
  if (!t.attention.empty() || attention_steps) {
    if (kv[1])
      p.push_back("attention_mbu_bf16_kv");
    if (kv[0])
      p.push_back("attention_mbu_fp8_kv");
    p.insert(p.end(), {"attention_half_ctas", "attention_fixed_us"});
  }
  if (steps)
    p.insert(p.end(), {"elementwise_mbu", "kernel_fixed_us"});
  return p;
}

// The profiler's count at the smallest batch, where fixed costs weigh most.
void take_kernel_counts(const OperatorTables& t, GpuSpec& gpu, std::vector<std::string>& sources)
{
  for (const StepPart part : {StepPart::attn, StepPart::ffn}) {
    const KernelCount* best = nullptr;
    for (const auto& c : t.kernel_counts) {
      if (c.part == part && (!best || c.batch < best->batch))
        best = &c;
    }
    if (!best)
      continue;
    int& count = part == StepPart::attn ? gpu.attention_kernels : gpu.ffn_kernels;
    count = static_cast<int>(std::lround(best->kernels));
    sources.push_back(std::string(part == StepPart::attn ? "attention_kernels" : "ffn_kernels") + " = " +
                      std::to_string(count) + " (" + best->where + ")");
  }
}

double median(std::vector<double> v)
{
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

ErrorSummary summarize(const std::string& kind, const std::vector<double>& errors)
{
  ErrorSummary s;
  s.kind = kind;
  s.rows = errors.size();
  std::vector<double> abs;
  double squares = 0;
  for (const double e : errors) {
    abs.push_back(std::fabs(e));
    squares += e * e;
  }
  s.median_abs_error = median(abs);
  s.max_abs_error = *std::max_element(abs.begin(), abs.end());
  s.rms_error = std::sqrt(squares / static_cast<double>(errors.size()));
  return s;
}

} // namespace

const std::vector<std::string>& fittable_parameters()
{
  static const std::vector<std::string> names = {
      "gemm_mfu",           "gemm_fill_rows",     "gemm_mbu",        "gemm_fixed_us",  "attention_mbu_bf16_kv",
      "attention_mbu_fp8_kv", "attention_half_ctas", "attention_fixed_us", "elementwise_mbu", "kernel_fixed_us"};
  return names;
}

std::vector<CalibrationRow> predict_rows(const OperatorTables& t, const ModelSpec& model, const GpuSpec& gpu,
                                         double op_overhead_us)
{
  std::vector<CalibrationRow> rows;
  rows.reserve(t.steps.size() + t.gemm.size() + t.attention.size());
  const double overhead_s = op_overhead_us * 1e-6;
  for (const auto& s : t.steps) {
    ModelSpec m = model;
    m.weights = s.weights;
    m.kv_cache = s.kv;
    m.layers = s.layers;
    const RooflineCostModel cost(m, gpu);
    const int context = s.part == StepPart::ffn ? 1 : static_cast<int>(s.context);
    const DecodeEstimate e = estimate_decode(cost, s.part, static_cast<int>(s.batch), context);
    std::string label = std::string(to_string(s.part)) + " batch " + std::to_string(s.batch);
    if (s.part != StepPart::ffn)
      label += " context " + std::to_string(s.context);
    label += std::string(" ") + to_string(s.weights) + "/" + to_string(s.kv);
    rows.push_back({"step", label, s.where, s.time_ms * 1e-3, e.time_s});
  }
  for (const auto& g : t.gemm) {
    ModelSpec m = model;
    m.weights = g.weights;
    const OpCost op = RooflineCostModel(m, gpu).gemm(g.op, static_cast<int>(g.m), g.k, g.n, g.weights);
    rows.push_back({"gemm", g.op + " " + to_string(g.weights) + " m=" + std::to_string(g.m), g.where, g.time_us * 1e-6,
                    op.time_s + overhead_s});
  }
  for (const auto& a : t.attention) {
    ModelSpec m = model;
    m.q_heads = a.q_heads;
    m.kv_heads = a.kv_heads;
    m.head_dim = a.head_dim;
    m.kv_cache = a.kv;
    const double context_tokens = static_cast<double>(a.batch) * static_cast<double>(a.context);
    const OpCost op = RooflineCostModel(m, gpu).decode_attention(static_cast<int>(a.batch), context_tokens);
    rows.push_back({"attention",
                    std::string(to_string(a.kv)) + " kv " + std::to_string(a.q_heads) + "/" + std::to_string(a.kv_heads) +
                        " heads batch " + std::to_string(a.batch) + " context " + std::to_string(a.context),
                    a.where, a.time_us * 1e-6, op.time_s + overhead_s});
  }
  return rows;
}

std::vector<ErrorSummary> summarize_errors(const std::vector<CalibrationRow>& rows)
{
  std::vector<ErrorSummary> out;
  std::vector<double> all;
  for (const char* kind : kKinds) {
    std::vector<double> errors;
    for (const auto& r : rows) {
      if (r.kind == kind)
        errors.push_back(r.error());
    }
    if (errors.empty())
      continue;
    out.push_back(summarize(kind, errors));
    all.insert(all.end(), errors.begin(), errors.end());
  }
  if (!all.empty())
    out.push_back(summarize("all", all));
  return out;
}

CalibrationResult calibrate(const OperatorTables& t, const ModelSpec& model, const GpuSpec& start,
                            const FitOptions& options)
{
  if (t.steps.empty() && t.gemm.empty() && t.attention.empty())
    throw InputError("--measurements", "", "no step, GEMM or attention rows to calibrate against");
  CalibrationResult out;
  out.gpu = start;
  take_kernel_counts(t, out.gpu, out.kernel_count_sources);

  std::vector<std::string> names = options.parameters.empty() ? default_parameters(t) : options.parameters;
  for (const auto& name : names) {
    const auto& known = fittable_parameters();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string list;
      for (const auto& k : known)
        list += (list.empty() ? "" : ", ") + k;
      throw InputError("--fit", "", "unknown parameter '" + name + "'; the fittable ones are: " + list);
    }
  }
  const bool op_rows = !t.gemm.empty() || !t.attention.empty();
  const bool fit_overhead = !options.op_overhead_us && op_rows && !t.steps.empty();
  out.op_overhead_us = options.op_overhead_us.value_or(0.0);

  std::vector<double> x0;
  LeastSquaresProblem problem;
  for (const auto& name : names) {
    const auto& f = gpu_field(name);
    x0.push_back(gpu_value(out.gpu, name));
    problem.lower.push_back(f.min);
    problem.upper.push_back(f.max);
  }
  if (fit_overhead) {
    names.push_back(kOverhead);
    x0.push_back(out.op_overhead_us);
    problem.lower.push_back(0);
    problem.upper.push_back(1e3);
  }
  // Each kind of row weighs the same in total.
  std::map<std::string, double> weight;
  for (const auto& r : predict_rows(t, model, out.gpu, out.op_overhead_us))
    weight[r.kind] += 1;
  for (auto& [kind, w] : weight)
    w = 1.0 / std::sqrt(w);

  const auto apply = [&](const std::vector<double>& x, GpuSpec& gpu, double& overhead_us) {
    for (size_t j = 0; j < names.size(); ++j) {
      if (names[j] == kOverhead)
        overhead_us = x[j];
      else
        gpu_value(gpu, names[j]) = x[j];
    }
  };
  problem.residuals = [&](const std::vector<double>& x) {
    GpuSpec gpu = out.gpu;
    double overhead_us = out.op_overhead_us;
    apply(x, gpu, overhead_us);
    std::vector<double> r;
    for (const auto& row : predict_rows(t, model, gpu, overhead_us))
      r.push_back(weight[row.kind] * row.error());
    return r;
  };
  const LeastSquaresResult fit = options.fit ? least_squares(problem, x0) : LeastSquaresResult{x0, 0, 0, 0, true};
  out.iterations = fit.iterations;
  out.converged = fit.converged;
  out.start_cost = options.fit ? fit.start_cost : 0;
  for (size_t j = 0; j < names.size(); ++j)
    out.parameters.push_back({names[j], x0[j], fit.x[j]});
  apply(fit.x, out.gpu, out.op_overhead_us);
  out.rows = predict_rows(t, model, out.gpu, out.op_overhead_us);
  out.summaries = summarize_errors(out.rows);
  double cost = 0;
  for (const auto& row : out.rows)
    cost += weight[row.kind] * weight[row.kind] * row.error() * row.error();
  out.cost = cost;
  if (!options.fit)
    out.start_cost = cost;
  return out;
}

} // namespace afdsim
