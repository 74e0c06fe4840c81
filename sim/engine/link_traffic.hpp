#pragma once
// Bytes carried by each link: every message is charged to each link of its route. The routes
// seen are kept too, for the analytic estimates.
#include "sim/engine/simulation.hpp"

#include <simgrid/forward.h>

#include <map>
#include <utility>
#include <vector>

namespace afdsim {

class LinkTraffic {
public:
  void add(const simgrid::s4u::Host* src, const simgrid::s4u::Host* dst, double bytes);
  // Links that carried traffic, sorted by name.
  std::vector<SimulationResult::LinkUse> usage() const;
  // Every route a message took, sorted by (from_host, to_host).
  std::vector<SimulationResult::Route> routes() const;

private:
  struct RouteLinks {
    std::vector<size_t> links;  // indices into links_, in route order
    double latency_s = 0;
  };
  const RouteLinks& route(const simgrid::s4u::Host* src, const simgrid::s4u::Host* dst);

  std::vector<SimulationResult::LinkUse> links_;                     // every link seen on a route
  std::map<const simgrid::s4u::Link*, size_t> link_index_;
  std::map<std::pair<const simgrid::s4u::Host*, const simgrid::s4u::Host*>, RouteLinks> routes_;
};

} // namespace afdsim
