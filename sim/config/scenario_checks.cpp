#include "sim/config/scenario_checks.hpp"

#include "sim/config/scenario_enums.hpp"
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

void check_cost_model(const CostModelConfig& c, const YamlSource& source)
{
  if (c.kind == CostModelKind::fixed && !(c.attention_us + c.ffn_us > 0)) {
    fail(source, "cost_model.attention_us",
         "with cost_model.kind fixed, cost_model.attention_us + cost_model.ffn_us must be > 0 (a step must take time), "
         "got both 0");
  }
}

} // namespace

void check_scenario(const Scenario& scenario, const YamlSource& source)
{
  check_model(scenario.model, source);
  check_workload(scenario.workload, source);
  check_deployment(scenario, source);
  check_cost_model(scenario.cost_model, source);
}

} // namespace afdsim
