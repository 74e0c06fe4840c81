#pragma once
// The steady-state window the metrics measure over (brief §6, docs/metrics.md).
#include "sim/metrics/event_log.hpp"

namespace afdsim {

// Steps first_step..last_step. t0_s: earliest start of step first_step over the workers that
// record steps (attention/colocated); t1_s: latest end of step last_step over those workers.
struct MeasurementWindow {
  int first_step = 0;  // = workload.warmup_steps
  int last_step = 0;   // largest step index in the log
  int steps = 0;       // last_step - first_step + 1
  double t0_s = 0;
  double t1_s = 0;
  double duration_s() const { return t1_s - t0_s; }
};

// The window of a log's step records. Throws InputError (workload.warmup_steps) when no step is
// left after the warm-up, std::runtime_error when the window is empty (t0 >= t1).
MeasurementWindow measurement_window(const EventLog& log, int warmup_steps);

// From the earliest start of `first_step` to the latest end of `last_step` over the step records
// ({+inf, -inf} when a step has no record): the span of a measurement or trace window.
struct StepSpan {
  double t0_s;
  double t1_s;
};
StepSpan step_span(const EventLog& log, int first_step, int last_step);

} // namespace afdsim
