#include "sim/sweep/point_columns.hpp"

#include "sim/config/number_text.hpp"
#include "sim/config/scenario_enums.hpp"
#include "sim/memory/memory_plan.hpp"

#include <algorithm>

namespace afdsim {

namespace {

using nlohmann::json;

constexpr double kMsPerS = 1e3;
constexpr double kUsPerS = 1e6;

// The value at `path` of `j` ("a.b.c"), or null.
json at(const json& j, const std::string& path)
{
  const json* node = &j;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!node->is_object() || !node->contains(part))
      return nullptr;
    node = &(*node)[part];
    if (dot == std::string::npos)
      return *node;
    start = dot + 1;
  }
}

void put(Columns& c, const std::string& column, const json& value, double scale = 1.0)
{
  if (value.is_number())
    c[column] = format_number(value.get<double>() * scale);
  else if (value.is_boolean())
    c[column] = value.get<bool>() ? "true" : "false";
  else if (value.is_string())
    c[column] = value.get<std::string>();
}

void put_number(Columns& c, const std::string& column, double value) { c[column] = format_number(value); }

// Mean of a worker field over the workers of `role` ("" = all); null when there are none.
json mean_over_workers(const json& workers, const std::string& role, const std::string& field)
{
  double sum = 0;
  int n = 0;
  for (const auto& w : workers) {
    if (!role.empty() && at(w, "role") != json(role))
      continue;
    if (!w.contains(field) || !w[field].is_number())
      continue;
    sum += w[field].get<double>();
    ++n;
  }
  return n == 0 ? json(nullptr) : json(sum / n);
}

void add_afd_analytic(const json& a, Columns& c)
{
  const json& in = a["inputs"];
  put(c, "analytic_attention_layer_us", at(in, "attention_layer_s"), kUsPerS);
  put(c, "analytic_ffn_layer_us", at(in, "ffn_layer_s"), kUsPerS);
  put(c, "analytic_a2f_us", at(in, "a2f.shared_s"), kUsPerS);
  put(c, "analytic_f2a_us", at(in, "f2a.shared_s"), kUsPerS);
  const json megascale = at(a, "megascale_infer.step_s.analytic");
  const json serial = at(a, "aiconfigurator.step_serial_s.analytic");
  const json k2 = at(a, "aiconfigurator.step_k2_s.analytic");
  const json condition = at(a, "megascale_infer.condition_met");
  put(c, "megascale_step_ms", megascale, kMsPerS);
  put(c, "megascale_min_microbatches_no_bubble", at(a, "megascale_infer.min_microbatches_no_bubble"));
  put(c, "serial_step_ms", serial, kMsPerS);
  put(c, "aiconfigurator_k2_step_ms", k2, kMsPerS);
  put(c, "song_tau_ms", at(a, "song.tau_s.analytic"), kMsPerS);
  put(c, "song_tokens_per_s_per_gpu", at(a, "song.tokens_per_s_per_gpu.analytic"));
  put(c, "song_bound", at(a, "song.bound"));
  put(c, "song_r_star", at(a, "song.r_star"));

  const json r = at(in, "attention_workers");
  const json batch = at(in, "batch_per_worker");
  const json m = at(in, "microbatches");
  if (!r.is_number() || !batch.is_number() || !m.is_number() || !serial.is_number() || !megascale.is_number() ||
      !k2.is_number())
    return;
  const char* form = m.get<int>() == 1 ? "serial" : condition == json(true) ? "megascale" : "aiconfigurator_k2";
  const double step_s = m.get<int>() == 1 ? serial.get<double>()
                        : condition == json(true) ? megascale.get<double>()
                                                  : k2.get<double>();
  c["analytic_form"] = form;
  put_number(c, "analytic_step_ms", step_s * kMsPerS);
  const double workers = r.get<double>();
  put_number(c, "analytic_tokens_per_s_per_gpu", workers * batch.get<double>() / step_s / (workers + 1));
}

void add_colocated_analytic(const json& a, Columns& c)
{
  put(c, "analytic_attention_layer_us", at(a, "inputs.attention_layer_s"), kUsPerS);
  put(c, "analytic_ffn_layer_us", at(a, "inputs.ffn_layer_s"), kUsPerS);
  const json step = at(a, "closed_form.step_s.analytic");
  if (!step.is_number())
    return;
  c["analytic_form"] = "colocated";
  put(c, "analytic_step_ms", step, kMsPerS);
  put(c, "analytic_tokens_per_s_per_gpu", at(a, "closed_form.tokens_per_s_per_gpu.analytic"));
}

} // namespace

const std::vector<std::string>& metric_columns()
{
  static const std::vector<std::string> columns = {
      // the resolved scenario
      "mode", "hardware_preset", "ffn_hardware_preset", "gpus", "attention_workers", "microbatches", "tensor_parallel",
      "batch_per_worker", "prompt_tokens", "output_tokens", "max_batch_per_worker",
      // simulated (report.json)
      "tokens_per_s", "tokens_per_s_per_gpu", "tpot_ms_mean", "tpot_ms_p50", "tpot_ms_p90", "tpot_ms_p99",
      "step_ms_mean", "step_ms_p50", "step_ms_p99", "busy_fraction", "bubble_fraction", "attention_busy_fraction",
      "attention_wait_ffn_result_fraction", "attention_step_boundary_fraction", "ffn_busy_fraction",
      "ffn_wait_first_input_fraction", "ffn_wait_barrier_fraction", "allreduce_wait_fraction", "max_link_utilisation",
      "simulated_s", "activities",
      // closed forms (report.json's analytic object, or --analytic)
      "analytic_step_ms", "analytic_tokens_per_s_per_gpu", "analytic_form", "analytic_attention_layer_us",
      "analytic_ffn_layer_us", "analytic_a2f_us", "analytic_f2a_us", "megascale_step_ms",
      "megascale_min_microbatches_no_bubble", "serial_step_ms", "aiconfigurator_k2_step_ms", "song_tau_ms",
      "song_tokens_per_s_per_gpu", "song_bound", "song_r_star"};
  return columns;
}

void add_scenario_columns(const Scenario& s, Columns& c)
{
  const DeploymentConfig& d = s.deployment;
  const bool colocated = d.mode == DeploymentMode::colocated;
  c["mode"] = to_string(d.mode);
  c["hardware_preset"] = s.hardware.name;
  c["ffn_hardware_preset"] = colocated ? "" : s.ffn_gpu().name;
  c["gpus"] = std::to_string(colocated ? d.gpus : d.attention_workers + d.ffn_workers);
  c["attention_workers"] = colocated ? "" : std::to_string(d.attention_workers);
  c["microbatches"] = std::to_string(d.microbatches);
  c["tensor_parallel"] = std::to_string(d.tensor_parallel);
  c["batch_per_worker"] = std::to_string(s.workload.batch_per_worker);
  c["prompt_tokens"] = std::to_string(s.workload.prompt_tokens);
  c["output_tokens"] = std::to_string(s.workload.output_tokens);
  c["max_batch_per_worker"] = std::to_string(max_batch_per_worker(s));
}

void add_report_columns(const json& report, Columns& c)
{
  put(c, "tokens_per_s", at(report, "throughput.tokens_per_s"));
  put(c, "tokens_per_s_per_gpu", at(report, "throughput.tokens_per_s_per_gpu"));
  for (const char* p : {"mean", "p50", "p90", "p99"})
    put(c, std::string("tpot_ms_") + p, at(report, std::string("tpot_ms.") + p));
  for (const char* p : {"mean", "p50", "p99"})
    put(c, std::string("step_ms_") + p, at(report, std::string("step_ms.") + p));
  const json workers = at(report, "workers");
  if (workers.is_array()) {
    put(c, "busy_fraction", mean_over_workers(workers, "", "busy_fraction"));
    put(c, "bubble_fraction", mean_over_workers(workers, "", "bubble_fraction"));
    put(c, "attention_busy_fraction", mean_over_workers(workers, "attention", "busy_fraction"));
    put(c, "attention_wait_ffn_result_fraction", mean_over_workers(workers, "attention", "wait_ffn_result_fraction"));
    put(c, "attention_step_boundary_fraction", mean_over_workers(workers, "attention", "step_boundary_fraction"));
    put(c, "ffn_busy_fraction", mean_over_workers(workers, "ffn", "busy_fraction"));
    put(c, "ffn_wait_first_input_fraction", mean_over_workers(workers, "ffn", "wait_first_input_fraction"));
    put(c, "ffn_wait_barrier_fraction", mean_over_workers(workers, "ffn", "wait_barrier_fraction"));
    put(c, "allreduce_wait_fraction", mean_over_workers(workers, "colocated", "wait_allreduce_fraction"));
  }
  const json links = at(report, "network.links");
  if (links.is_array()) {
    double most = 0;
    for (const auto& link : links) {
      const json utilisation = at(link, "utilisation");
      if (utilisation.is_number())
        most = std::max(most, utilisation.get<double>());
    }
    put_number(c, "max_link_utilisation", most);
  }
  put(c, "simulated_s", at(report, "simulation.simulated_s"));
  put(c, "activities", at(report, "simulation.activities"));
  add_analytic_columns(at(report, "analytic"), c);
}

void add_analytic_columns(const json& analytic, Columns& c)
{
  if (at(analytic, "applicable") != json(true))
    return;
  if (at(analytic, "mode") == json("colocated"))
    add_colocated_analytic(analytic, c);
  else
    add_afd_analytic(analytic, c);
}

} // namespace afdsim
