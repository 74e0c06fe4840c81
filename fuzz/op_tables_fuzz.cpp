// libFuzzer target: the operator-table CSV reader (CsvTable::parse and add_table_csv, the reader
// of cost_model.kind profiled, `afdsim estimate --tables` and `afdsim calibrate`), then the
// arithmetic done on what it accepts. The input is one or more tables separated by NUL bytes,
// added in turn to one OperatorTables (as calibrate adds its files: a shape measured twice across
// files is refused too). Any outcome but tables or an InputError is a finding; so is an accepted
// row outside the reader's bounds, a time that is not finite and >= 0 from the profiled cost
// model (interpolating the tables) or from calibrate's prediction of the rows, and a relative
// error of calibrate's that is not finite.
#include "sim/cost/calibration.hpp"
#include "sim/cost/decode_estimate.hpp"
#include "sim/cost/op_tables.hpp"
#include "sim/cost/profiled_cost_model.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"
#include "sim/util/errors.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

// Queries per model: the shapes of the first rows, where the tables have something to return.
constexpr size_t kRowsQueried = 8;
// The simulation asks for at most a scenario's workload.batch_per_worker requests per worker.
constexpr int64_t kMaxRequests = 65536;

int requests_of(int64_t rows_batch) { return static_cast<int>(std::min(rows_batch, kMaxRequests)); }

[[noreturn]] void finding(const std::string& what)
{
  std::fprintf(stderr, "%s\n", what.c_str());
  std::abort();
}

bool time_ok(double seconds) { return std::isfinite(seconds) && seconds >= 0; }

void check_time(double seconds, const std::string& what)
{
  if (!time_ok(seconds))
    finding(what + " took " + std::to_string(seconds) + " s");
}

void check_rows(const afdsim::OperatorTables& t)
{
  const auto in = [](int64_t v, int64_t lo, int64_t hi) { return v >= lo && v <= hi; };
  const auto time_us_ok = [](double us) { return us >= 1e-3 && us <= 1e9; };  // 1 ns to 1000 s
  for (const auto& g : t.gemm)
    if (!in(g.m, 1, 100'000'000) || !in(g.n, 1, 100'000'000) || !in(g.k, 1, 100'000'000) || !time_us_ok(g.time_us))
      finding("accepted a GEMM row outside the bounds at " + g.where);
  for (const auto& a : t.attention)
    if (!in(a.batch, 1, 100'000'000) || !in(a.context, 1, 100'000'000) || !in(a.q_heads, 1, 4096) ||
        !in(a.kv_heads, 1, 4096) || !in(a.head_dim, 1, 4096) || a.q_heads % a.kv_heads != 0 || !time_us_ok(a.time_us))
      finding("accepted an attention row outside the bounds at " + a.where);
  for (const auto& s : t.steps)
    if (!in(s.batch, 1, 100'000'000) || !in(s.layers, 1, 1024) || !time_us_ok(s.time_ms * 1e3) ||
        (s.part == afdsim::StepPart::ffn ? s.context != 0 : !in(s.context, 1, 100'000'000)))
      finding("accepted a step row outside the bounds at " + s.where);
  for (const auto& c : t.kernel_counts)
    if (c.part == afdsim::StepPart::full || !in(c.batch, 1, 100'000'000) || !(c.kernels > 0 && c.kernels <= 1e6))
      finding("accepted a kernel-count row outside the bounds at " + c.where);
}

void check_part(const afdsim::PartCost& part, const std::string& what)
{
  for (const auto& op : part.ops)
    check_time(op.time_s, what + " op " + op.name);
  check_time(part.time_s, what);
}

// The profiled model of `model` on `gpu` at the batches and contexts of the first rows.
void query(const afdsim::OperatorTables& t, const afdsim::ModelSpec& model, const afdsim::GpuSpec& gpu,
           double overhead_us)
{
  const afdsim::ProfiledCostModel cost(model, gpu, t, {overhead_us, true});
  std::vector<std::pair<int, double>> shapes = {{1, 1}, {7, 3000}};  // requests, KV tokens per request
  for (size_t i = 0; i < t.attention.size() && i < kRowsQueried; ++i)
    shapes.emplace_back(requests_of(t.attention[i].batch), static_cast<double>(t.attention[i].context) + 0.5);
  for (size_t i = 0; i < t.steps.size() && i < kRowsQueried; ++i)
    shapes.emplace_back(requests_of(t.steps[i].batch), static_cast<double>(t.steps[i].context));
  for (size_t i = 0; i < t.gemm.size() && i < kRowsQueried; ++i)
    shapes.emplace_back(requests_of(t.gemm[i].m + 1), 1);
  for (const auto& [requests, context] : shapes) {
    const std::string at = " at " + std::to_string(requests) + " requests";
    check_part(cost.attention_layer(requests, requests * std::max(context, 1.0)), "attention_layer" + at);
    check_part(cost.ffn_layer(requests), "ffn_layer" + at);
    check_part(cost.lm_head(requests), "lm_head" + at);
  }
}

void use(const afdsim::OperatorTables& t)
{
  const afdsim::GpuSpec& gpu = afdsim::gpu_preset("h100-sxm");
  afdsim::ModelSpec model = afdsim::model_preset("qwen3-32b");
  query(t, model, gpu, 0);
  // The same model with the heads of the first attention row and the layers and dtypes of the
  // first step row, so that those tables are interpolated and not only looked past.
  if (!t.attention.empty()) {
    model.q_heads = t.attention.front().q_heads;
    model.kv_heads = t.attention.front().kv_heads;
    model.head_dim = t.attention.front().head_dim;
    model.kv_cache = t.attention.front().kv;
  }
  if (!t.steps.empty()) {
    model.layers = t.steps.front().layers;
    model.weights = t.steps.front().weights;
  }
  query(t, model, gpu, 5);
  for (const auto& row : afdsim::predict_rows(t, afdsim::model_preset("qwen3-32b"), gpu, 5)) {
    check_time(row.model_s, "calibrate's prediction of " + row.where);
    check_time(row.measured_s, "calibrate's reading of " + row.where);
    if (!std::isfinite(row.error()))  // what calibrate's least squares minimises
      finding("calibrate's relative error of " + row.where + " is " + std::to_string(row.error()));
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
  const std::string input(reinterpret_cast<const char*>(data), size);
  afdsim::OperatorTables tables;
  size_t files = 0;
  try {
    size_t start = 0;
    while (true) {
      const size_t nul = input.find('\0', start);
      const std::string text = input.substr(start, nul == std::string::npos ? std::string::npos : nul - start);
      afdsim::add_table_csv(text, "fuzz-" + std::to_string(++files) + ".csv", tables);
      if (nul == std::string::npos)
        break;
      start = nul + 1;
    }
  } catch (const afdsim::InputError&) {
    return 0;  // bad input, said so: the expected outcome for most inputs
  }
  if (tables.files.size() != files)
    finding("read " + std::to_string(files) + " tables but recorded " + std::to_string(tables.files.size()));
  check_rows(tables);
  use(tables);
  return 0;
}
