#pragma once
// What every actor of one simulation writes into, whatever the deployment: its records (which
// feed the metrics as they come), the bytes each link carried, where the stepping workers stop,
// and the first exception an actor raised.
#include "sim/config/scenario.hpp"
#include "sim/cost/cost_provenance.hpp"
#include "sim/engine/link_traffic.hpp"
#include "sim/engine/step_gate.hpp"
#include "sim/metrics/run_recorder.hpp"

#include <exception>
#include <memory>

namespace afdsim {

struct RunState {
  // How GPU ops run, from the engine (SimgridEngine::compute): sleeps, except those shorter than
  // shortest_sleep_s, or execs.
  ComputeActivity compute_activity = ComputeActivity::exec;
  double shortest_sleep_s = 0;
  RunRecorder record;
  LinkTraffic traffic;
  StepGate gate;
  // Profiled cost model: where its op times came from (the report lists it); null otherwise.
  std::shared_ptr<CostProvenanceLog> cost_provenance;
  std::exception_ptr failure;  // the first exception an actor caught; the run stops on it
};

} // namespace afdsim
