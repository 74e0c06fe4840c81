#include "sim/metrics/measurement_window.hpp"

#include "sim/util/errors.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace afdsim {

StepSpan step_span(const EventLog& log, int first_step, int last_step)
{
  StepSpan span{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (const auto& s : log.steps) {
    if (s.step == first_step)
      span.t0_s = std::min(span.t0_s, s.start_s);
    if (s.step == last_step)
      span.t1_s = std::max(span.t1_s, s.end_s);
  }
  return span;
}

MeasurementWindow measurement_window(const EventLog& log, int warmup_steps)
{
  MeasurementWindow w;
  w.first_step = warmup_steps;
  w.last_step = -1;
  for (const auto& s : log.steps)
    w.last_step = std::max(w.last_step, s.step);
  if (w.last_step < warmup_steps)
    throw InputError("", "workload.warmup_steps",
                     "no decode step left to measure: " + std::to_string(warmup_steps) + " warm-up steps, last step " +
                         std::to_string(w.last_step));
  w.steps = w.last_step - w.first_step + 1;
  const StepSpan span = step_span(log, w.first_step, w.last_step);
  w.t0_s = span.t0_s;
  w.t1_s = span.t1_s;
  if (!(w.t1_s > w.t0_s))
    throw std::runtime_error("event log: step " + std::to_string(w.first_step) + " has no record, or the window "
                             "is empty (t0 >= t1)");
  return w;
}

} // namespace afdsim
