#include "sim/engine/step_gate.hpp"

#include "sim/util/interrupt.hpp"

#include <algorithm>
#include <limits>

namespace afdsim {

bool StepGate::may_start(int step)
{
  // A run already ending (open loop served) ends complete; the signal is then for `run` to see.
  if (stop_signal_ == 0 && stop_before_step_ == std::numeric_limits<int>::max())
    if (const int signal = interrupt_signal()) {
      stop_signal_ = signal;
      stop_before_step_ = started_steps_;
    }
  return step < stop_before_step_;
}

void StepGate::started(int step) { started_steps_ = std::max(started_steps_, step + 1); }

void StepGate::stop_before(int step) { stop_before_step_ = std::min(stop_before_step_, step); }

} // namespace afdsim
