#pragma once
// Runs one scenario on SimGrid and returns what happened. The only entry point into SimGrid.
#include "sim/config/scenario.hpp"
#include "sim/metrics/event_log.hpp"

#include <map>
#include <string>
#include <vector>

namespace afdsim {

struct SimulationResult {
  EventLog log;
  std::map<std::string, std::string> simgrid_config;  // resolved network settings, for the report
  // Per link that carried traffic: name, bandwidth (B/s), bytes carried.
  struct LinkUse {
    std::string name;
    double bandwidth_bytes_per_s;
    double bytes;
  };
  std::vector<LinkUse> links;
  // Per ordered pair of GPUs that exchanged window-step messages: the route the platform gives
  // (AFD: attention <-> FFN; colocated TP: within a group). The analytic estimates' Tc.
  struct RouteLink {
    std::string name;
    double bandwidth_bytes_per_s;
  };
  struct Route {
    std::string from_host;
    std::string to_host;
    double latency_s;              // sum over its links
    double bandwidth_bytes_per_s;  // the narrowest link's
    std::vector<RouteLink> links;  // in route order
  };
  std::vector<Route> routes;  // sorted by (from_host, to_host)
  double wall_s = 0;
  // False when SIGINT/SIGTERM stopped the run early (sim/util/interrupt.hpp): the log then holds
  // everything recorded until the stop, the steps in progress included, and `links` counts their
  // messages; keep_completed_steps (sim/metrics/completed_steps.hpp) trims both to whole steps.
  bool complete = true;
  int stop_signal = 0;  // the signal that stopped it
};

// `simgrid_args` are --cfg=/--log= arguments from the command line, applied after afdsim's
// network defaults (CM02, crosstraffic off, TCP-gamma 0) and the scenario's platform.simgrid_cfg.
// Throws InputError for placements the platform cannot hold; std::runtime_error on deadlock. A
// signal recorded by InterruptHandlers stops it early: the result then has complete == false.
SimulationResult simulate(const Scenario& scenario, const std::vector<std::string>& simgrid_args = {});

} // namespace afdsim
