// Network bytes and link utilisation over the window.
#include "sim/metrics/metrics.hpp"

#include <algorithm>

namespace afdsim {

NetworkMetrics network_metrics(const RunTotals& totals, const std::vector<SimulationResult::LinkUse>& links)
{
  NetworkMetrics n;
  for (const auto& l : links) {
    double capacity_bytes = l.bandwidth_bytes_per_s * totals.window.duration_s();
    n.links.push_back({l.name, l.bandwidth_bytes_per_s, l.bytes, capacity_bytes > 0 ? l.bytes / capacity_bytes : 0.0});
  }
  std::sort(n.links.begin(), n.links.end(), [](const LinkMetrics& a, const LinkMetrics& b) { return a.name < b.name; });
  const MessageTotals& m = totals.messages;
  n.a2f_bytes = m.a2f_bytes;
  n.f2a_bytes = m.f2a_bytes;
  n.a2f_transfers = m.a2f_transfers;
  n.f2a_transfers = m.f2a_transfers;
  n.allreduce_bytes = m.allreduce_bytes;
  n.allreduce_transfers = m.allreduce_transfers;
  return n;
}

} // namespace afdsim
