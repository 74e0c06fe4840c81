#pragma once
// Where the stepping workers of a run stop before workload.steps: when an open-loop run has
// nothing left to serve, or at the end of the steps in flight when SIGINT or SIGTERM arrives
// (sim/util/interrupt.hpp). Every stepping worker asks before each step, so all of them stop
// before the same step, no barrier or all-reduce waits on a worker that left, and an interrupted
// run is a whole run of fewer steps: its records and metrics need no trimming. Colocated replicas
// are not in lockstep: after a signal the ones behind run up to the step the first one reached
// (in an open loop, a replica that idled is behind by the steps it idled). Plain C++.
#include <limits>

namespace afdsim {

class StepGate {
public:
  // Before `step` (and again after idling): false when the run stops before it. An interrupt
  // recorded since the last ask stops the run before the first step no worker has started.
  bool may_start(int step);
  // Some worker began `step`: every other stepping worker must run it too.
  void started(int step);
  bool started_by_another(int step) const { return started_steps_ > step; }
  // Open loop, nothing decoding, queued or to come: stop before `step`.
  void stop_before(int step);

  // The signal that stopped the run early, or 0.
  int stop_signal() const { return stop_signal_; }
  // The steps every stepping worker ran when an interrupt stopped the run.
  int steps_run() const { return stop_before_step_; }

private:
  int started_steps_ = 0;
  int stop_before_step_ = std::numeric_limits<int>::max();
  int stop_signal_ = 0;
};

} // namespace afdsim
