// Network bytes and link utilisation over the window.
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
    } else if (src == WorkerRole::colocated && dst == WorkerRole::colocated) {
      n.allreduce_bytes += t.bytes;
      n.allreduce_transfers++;
    }
  }
  return n;
}

} // namespace afdsim
