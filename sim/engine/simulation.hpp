#pragma once
// Runs one scenario on SimGrid and returns what happened. The only entry point into SimGrid.
#include "sim/config/scenario.hpp"
#include "sim/cost/cost_provenance.hpp"
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/record_retention.hpp"
#include "sim/metrics/run_totals.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace afdsim {

struct SimulationResult {
  EventLog log;  // the records `retention` kept (always the steps and requests)
  // The metrics' totals, accumulated as the run went; nullopt when the run has no measurement
  // window (compute_metrics reports why).
  std::optional<RunTotals> totals;
  std::map<std::string, std::string> simgrid_config;  // resolved network and CPU settings, for the report
  ComputeActivity compute = ComputeActivity::exec;    // how GPU ops ran (SimgridEngine::compute)
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
  // Profiled cost model: where its op times came from (null for the other kinds).
  std::shared_ptr<const CostProvenanceLog> cost_provenance;
  // False when SIGINT/SIGTERM stopped the run early (sim/util/interrupt.hpp): the workers finished
  // the steps in flight and started no other (StepGate), so the result is that of a run of
  // `steps_completed` steps.
  bool complete = true;
  int stop_signal = 0;      // the signal that stopped it
  int steps_completed = 0;  // when stopped: the steps every stepping worker ran
};

// `simgrid_args` are --cfg=/--log= arguments from the command line, applied after afdsim's
// network defaults (CM02, crosstraffic off, TCP-gamma 0) and the scenario's platform.simgrid_cfg.
// `retention`: which records the log keeps beyond the steps and requests (by default none: the
// metrics accumulate as the run goes, so memory grows only with the steps and requests, about
// 1.4 KB per step of the default scenario, not with the ops and messages).
// Throws InputError for placements the platform cannot hold; std::runtime_error on deadlock. A
// signal recorded by InterruptHandlers stops it early: the result then has complete == false.
SimulationResult simulate(const Scenario& scenario, const std::vector<std::string>& simgrid_args = {},
                          const RecordRetention& retention = {});

} // namespace afdsim
