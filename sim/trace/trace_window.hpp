#pragma once
// Which part of a run a trace shows: decode steps A..B (inclusive), from the first start of step A
// to the last end of step B over all workers; the same rule as the measurement window, so a trace
// of the measured steps and the report agree.
#include "sim/metrics/event_log.hpp"

#include <optional>
#include <string>

namespace afdsim {

struct StepRange {
  bool all = false;  // every step of the run
  int first = 0;
  int last = 0;
};

// "A:B" (0 <= A <= B, integers) or "all"; nullopt for anything else.
std::optional<StepRange> parse_step_range(const std::string& text);

// The default: the 3 steps after warm-up (fewer if the run has fewer).
StepRange default_trace_steps(int warmup_steps, int steps);

struct TraceWindow {
  int first_step = 0;
  int last_step = 0;
  double t0_s = 0;
  double t1_s = 0;
};

// Throws InputError (key "--trace-steps") when the log has no record of the range's steps.
TraceWindow trace_window(const EventLog& log, const StepRange& range);

} // namespace afdsim
