#pragma once
// One-way time of an activation message on the platform's routes, in the two forms the analytic
// estimates use (SimGrid CM02: a lone flow takes latency + bytes / bottleneck bandwidth; flows
// sharing a link split its bandwidth evenly):
// - single: one message alone on its route, the slowest of the given routes;
// - shared: every route carries one message at the same instant (r attention workers sending
//   to the FFN GPU, or the FFN GPU answering all of them): the last arrival,
//     max over routes of latency + max over its links of (messages on the link x bytes / link bandwidth),
//   which on a star (every route through the FFN GPU's own link) is latency + r x bytes / bandwidth.
#include "sim/engine/simulation.hpp"

#include <string>
#include <vector>

namespace afdsim {

struct TransferEstimate {
  double bytes = 0;                  // one message
  int routes = 0;                    // messages sent at once (one per route)
  std::string slowest_from_host;     // the route with the largest single time
  std::string slowest_to_host;
  double latency_s = 0;              // of that route
  double bandwidth_bytes_per_s = 0;  // of that route's narrowest link
  std::vector<std::string> links;    // of that route, in order
  int max_messages_per_link = 0;     // the most messages any link carries in the shared form
  double single_s = 0;
  double shared_s = 0;
};

// Throws std::invalid_argument when `routes` is empty or a route has no links.
TransferEstimate estimate_transfer(const std::vector<SimulationResult::Route>& routes, double bytes);

} // namespace afdsim
