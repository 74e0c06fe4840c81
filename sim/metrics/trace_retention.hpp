#pragma once
// The retention policy of a run's records (RecordRetention) as the run goes: which compute, wait
// and message records to keep, learning a trace's time span from the step records as they come.
// The records themselves are kept by RunRecorder.
#include "sim/metrics/event_log.hpp"
#include "sim/metrics/record_retention.hpp"

namespace afdsim {

class TraceRetention {
public:
  TraceRetention() = default;
  // `stepping_workers`: the workers that write step records (the trace's end is the last of
  // their ends of its last step).
  TraceRetention(const RecordRetention& retention, int stepping_workers);

  // A stepping worker starts `step`; a stepping worker's step record.
  void step_started(int step, double time_s);
  void step_ended(const StepRecord& s);

  // Keep this compute, wait or message record?
  bool keeps(int step, double start_s, double end_s) const;
  // Keep the token and admission records (only every-record runs do)?
  bool keeps_everything() const { return retention_.kind == RecordRetention::Kind::everything; }

private:
  bool tracing() const { return retention_.kind == RecordRetention::Kind::trace_window; }

  RecordRetention retention_;
  int stepping_workers_ = 0;
  // The trace's time span, as it becomes known: t0 when its first step starts, t1 once every
  // stepping worker ended its last step.
  bool t0_known_ = false;
  double t0_s_ = 0;
  int last_step_ends_ = 0;
  bool t1_known_ = false;
  double t1_s_ = 0;
};

} // namespace afdsim
