#include "sim/analytic/transfer_estimate.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace afdsim {

TransferEstimate estimate_transfer(const std::vector<SimulationResult::Route>& routes, double bytes)
{
  if (routes.empty())
    throw std::invalid_argument("estimate_transfer: no route");
  std::map<std::string, int> messages_on_link;
  for (const auto& route : routes) {
    if (route.links.empty())
      throw std::invalid_argument("estimate_transfer: route " + route.from_host + " -> " + route.to_host +
                                  " has no link");
    for (const auto& link : route.links)
      ++messages_on_link[link.name];
  }
  TransferEstimate t;
  t.bytes = bytes;
  t.routes = static_cast<int>(routes.size());
  for (const auto& route : routes) {
    const double single_s = route.latency_s + bytes / route.bandwidth_bytes_per_s;
    if (single_s > t.single_s || t.links.empty()) {
      t.single_s = single_s;
      t.slowest_from_host = route.from_host;
      t.slowest_to_host = route.to_host;
      t.latency_s = route.latency_s;
      t.bandwidth_bytes_per_s = route.bandwidth_bytes_per_s;
      t.links.clear();
      for (const auto& link : route.links)
        t.links.push_back(link.name);
    }
    double drain_s = 0;  // the route's most loaded link, all messages starting together
    for (const auto& link : route.links) {
      const int messages = messages_on_link[link.name];
      t.max_messages_per_link = std::max(t.max_messages_per_link, messages);
      drain_s = std::max(drain_s, messages * bytes / link.bandwidth_bytes_per_s);
    }
    t.shared_s = std::max(t.shared_s, route.latency_s + drain_s);
  }
  return t;
}

} // namespace afdsim
