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
  // The route from src to dst, registered on first use (routes() lists it even if it carries
  // nothing). Callers keep the number: the lookup by hosts is a map search.
  size_t route_number(const simgrid::s4u::Host* src, const simgrid::s4u::Host* dst);
  // Charges a message of `bytes` to every link of the route.
  void add(size_t route, double bytes);
  // Links that carried traffic, sorted by name.
  std::vector<SimulationResult::LinkUse> usage() const;
  // Every route a message took, sorted by (from_host, to_host).
  std::vector<SimulationResult::Route> routes() const;

private:
  struct RouteLinks {
    std::vector<size_t> links;  // indices into links_, in route order
    double latency_s = 0;
  };
  std::vector<SimulationResult::LinkUse> links_;                     // every link seen on a route
  std::map<const simgrid::s4u::Link*, size_t> link_index_;
  std::vector<RouteLinks> route_links_;                              // index = route number
  std::map<std::pair<const simgrid::s4u::Host*, const simgrid::s4u::Host*>, size_t> routes_;
};

} // namespace afdsim
