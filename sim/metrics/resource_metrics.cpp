// Network bytes and link utilisation over the window; memory held by each GPU.
#include "sim/metrics/metrics.hpp"

#include <algorithm>

namespace afdsim {

NetworkMetrics network_metrics(const EventLog& log, const std::vector<SimulationResult::LinkUse>& links,
                               const MeasurementWindow& window)
{
  NetworkMetrics n;
  for (const auto& l : links) {
    double capacity_bytes = l.bandwidth_bytes_per_s * window.duration_s();
    n.links.push_back({l.name, l.bandwidth_bytes_per_s, l.bytes, capacity_bytes > 0 ? l.bytes / capacity_bytes : 0.0});
  }
  std::sort(n.links.begin(), n.links.end(), [](const LinkMetrics& a, const LinkMetrics& b) { return a.name < b.name; });

  auto role_of = [&log](int worker) { return log.workers.at(static_cast<std::size_t>(worker)).role; };
  for (const auto& t : log.transfers) {
    if (t.step < window.first_step)
      continue;
    WorkerRole src = role_of(t.src_worker);
    WorkerRole dst = role_of(t.dst_worker);
    if (src == WorkerRole::attention && dst == WorkerRole::ffn) {
      n.a2f_bytes += t.bytes;
      n.a2f_transfers++;
    } else if (src == WorkerRole::ffn && dst == WorkerRole::attention) {
      n.f2a_bytes += t.bytes;
      n.f2a_transfers++;
    }
  }
  return n;
}

std::vector<GpuMemory> memory_metrics(const Scenario& scenario, const EventLog& log)
{
  const ModelSpec& model = scenario.model;
  const WorkloadConfig& load = scenario.workload;
  const auto ffn_gpus = std::count_if(log.workers.begin(), log.workers.end(),
                                      [](const WorkerInfo& w) { return w.role == WorkerRole::ffn; });
  // A request's KV peaks at its last token: prompt + output tokens.
  const double kv_per_worker_bytes = static_cast<double>(load.batch_per_worker) *
                                     (static_cast<double>(load.prompt_tokens) + load.output_tokens) *
                                     model.kv_bytes_per_token();

  std::vector<GpuMemory> out;
  for (const auto& w : log.workers) {
    GpuMemory g;
    g.worker = w.name;
    g.host = w.host;
    g.role = w.role;
    if (w.role == WorkerRole::ffn) {
      // Several FFN GPUs form one tensor-parallel group: they split the FFN weights.
      g.weights_bytes = model.ffn_role_weight_bytes() / static_cast<double>(ffn_gpus);
    } else {
      g.weights_bytes = model.attention_role_weight_bytes();
      if (w.role == WorkerRole::colocated)
        g.weights_bytes += model.ffn_role_weight_bytes();
      g.kv_bytes = kv_per_worker_bytes;
    }
    g.capacity_bytes = scenario.hardware.memory_gb * 1e9;
    g.free_bytes = g.capacity_bytes - g.weights_bytes - g.kv_bytes;
    out.push_back(g);
  }
  return out;
}

} // namespace afdsim
