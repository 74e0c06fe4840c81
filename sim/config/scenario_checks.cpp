#include "sim/config/scenario_checks.hpp"

#include "sim/config/scenario_enums.hpp"
#include "sim/trace/trace_window.hpp"
#include "sim/util/errors.hpp"

#include <algorithm>

namespace afdsim {

namespace {

[[noreturn]] void fail(const YamlSource& source, const std::string& key, const std::string& reason)
{
  throw InputError(source.position_of(key), key, reason);
}

std::string count(const std::string& key, size_t value) { return key + " (" + std::to_string(value) + ")"; }

void check_model(const ModelSpec& model, const YamlSource& source)
{
  if (model.q_heads % model.kv_heads != 0) {
    fail(source, "model.kv_heads",
         "must divide " + count("model.q_heads", static_cast<size_t>(model.q_heads)) +
             ": each KV head serves a whole group of query heads, got " + std::to_string(model.kv_heads));
  }
}

// A TP shard holds whole KV heads and an equal slice of the FFN; replicas are whole TP groups; the
// colocated GPUs are the platform's first hosts, so the AFD placement keys have nothing to say.
void check_colocated(const Scenario& s, const YamlSource& source)
{
  const DeploymentConfig& d = s.deployment;
  if (d.mode != DeploymentMode::colocated)
    return;
  const auto divides = [&](int value, const std::string& key, const std::string& why) {
    if (value % d.tensor_parallel != 0) {
      fail(source, "deployment.tensor_parallel",
           "must divide " + count(key, static_cast<size_t>(value)) + " " + why + ", got " +
               std::to_string(d.tensor_parallel));
    }
  };
  divides(s.model.kv_heads, "model.kv_heads", "so that every GPU holds whole KV heads");
  divides(s.model.intermediate_size, "model.intermediate_size", "so that every GPU holds an equal FFN slice");
  divides(d.gpus, "deployment.gpus", "so that the GPUs form whole tensor-parallel replicas");
  const std::string placement = "colocated GPUs are the first deployment.gpus (" + std::to_string(d.gpus) +
                                ") hosts of the platform in natural order";
  if (!d.attention_hosts.empty())
    fail(source, "deployment.attention_hosts", "must be empty when deployment.mode is colocated: " + placement);
  if (!d.ffn_hosts.empty())
    fail(source, "deployment.ffn_hosts", "must be empty when deployment.mode is colocated: " + placement);
  if (!d.attention_slowdown.empty()) {
    fail(source, "deployment.attention_slowdown",
         "must be empty when deployment.mode is colocated (straggler factors apply to AFD attention workers)");
  }
  if (s.ffn_hardware) {
    fail(source, "ffn_hardware",
         "only allowed when deployment.mode is afd (a colocated GPU runs attention and FFN; it is `hardware`)");
  }
}

void check_deployment(const Scenario& s, const YamlSource& source)
{
  const DeploymentConfig& d = s.deployment;
  if (d.tensor_parallel > 1 && d.mode != DeploymentMode::colocated) {
    fail(source, "deployment.tensor_parallel",
         "must be 1 when deployment.mode is " + std::string(to_string(d.mode)) +
             " (tensor parallelism is modelled only with mode colocated), got " + std::to_string(d.tensor_parallel));
  }
  if (s.model.q_heads % d.tensor_parallel != 0) {
    fail(source, "deployment.tensor_parallel",
         "must divide " + count("model.q_heads", static_cast<size_t>(s.model.q_heads)) +
             " so that every GPU holds whole heads, got " + std::to_string(d.tensor_parallel));
  }
  check_colocated(s, source);
  auto workers = [](int n) { return static_cast<size_t>(n); };
  if (!d.attention_hosts.empty() && d.attention_hosts.size() != workers(d.attention_workers)) {
    fail(source, "deployment.attention_hosts",
         "must list " + count("deployment.attention_workers", workers(d.attention_workers)) + " hosts, got " +
             std::to_string(d.attention_hosts.size()));
  }
  if (!d.ffn_hosts.empty() && d.ffn_hosts.size() != workers(d.ffn_workers)) {
    fail(source, "deployment.ffn_hosts",
         "must list " + count("deployment.ffn_workers", workers(d.ffn_workers)) + " hosts, got " +
             std::to_string(d.ffn_hosts.size()));
  }
  for (const auto& host : d.ffn_hosts) {
    if (std::find(d.attention_hosts.begin(), d.attention_hosts.end(), host) != d.attention_hosts.end())
      fail(source, "deployment.ffn_hosts", "'" + host + "' is also in deployment.attention_hosts; a GPU has one role");
  }
  if (!d.attention_slowdown.empty() && d.attention_slowdown.size() != workers(d.attention_workers)) {
    fail(source, "deployment.attention_slowdown",
         "must have one factor per attention worker: " + count("deployment.attention_workers", workers(d.attention_workers)) +
             " numbers, got " + std::to_string(d.attention_slowdown.size()));
  }
  if (d.microbatches > s.workload.batch_per_worker) {
    fail(source, "deployment.microbatches",
         "must be at most " + count("workload.batch_per_worker", static_cast<size_t>(s.workload.batch_per_worker)) +
             ": every microbatch needs a request, got " + std::to_string(d.microbatches));
  }
}

void check_workload(const WorkloadConfig& w, const YamlSource& source)
{
  if (w.warmup_steps >= w.steps) {
    fail(source, "workload.warmup_steps",
         "must be an integer in [0, " + std::to_string(w.steps - 1) + "], below " +
             count("workload.steps", static_cast<size_t>(w.steps)) + " so that some steps are measured, got " +
             std::to_string(w.warmup_steps));
  }
}

void check_cost_model(const Scenario& s, const YamlSource& source)
{
  const CostModelConfig& c = s.cost_model;
  if (c.kind == CostModelKind::profiled && s.ffn_hardware) {
    fail(source, "ffn_hardware",
         "not allowed with cost_model.kind profiled (the tables price every op on `hardware`); use roofline");
  }
  if (c.kind == CostModelKind::fixed && !(c.attention_us + c.ffn_us > 0)) {
    fail(source, "cost_model.attention_us",
         "with cost_model.kind fixed, cost_model.attention_us + cost_model.ffn_us must be > 0 (a step must take time), "
         "got both 0");
  }
}

// Steps are numbered 0 .. workload.steps - 1; a trace of steps the run never makes would be empty.
void check_outputs(const Scenario& s, const YamlSource& source)
{
  const auto range = parse_step_range(s.outputs.trace_steps);
  if (range && !range->all && range->last >= s.workload.steps) {
    fail(source, "outputs.trace_steps",
         "the last step must be below " + count("workload.steps", static_cast<size_t>(s.workload.steps)) +
             " (steps are numbered from 0), got '" + s.outputs.trace_steps + "'");
  }
}

} // namespace

void check_scenario(const Scenario& scenario, const YamlSource& source)
{
  check_model(scenario.model, source);
  check_workload(scenario.workload, source);
  check_deployment(scenario, source);
  check_cost_model(scenario, source);
  check_outputs(scenario, source);
}

} // namespace afdsim
