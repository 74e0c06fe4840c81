#include "sim/metrics/trace_retention.hpp"

#include <algorithm>

namespace afdsim {

TraceRetention::TraceRetention(const RecordRetention& retention, int stepping_workers)
    : retention_(retention), stepping_workers_(stepping_workers)
{
}

void TraceRetention::step_started(int step, double time_s)
{
  if (tracing() && step == retention_.trace_first_step && !t0_known_) {
    t0_known_ = true;
    t0_s_ = time_s;
  }
}

void TraceRetention::step_ended(const StepRecord& s)
{
  if (tracing() && s.step == retention_.trace_last_step) {
    t1_s_ = std::max(t1_s_, s.end_s);
    t1_known_ = ++last_step_ends_ == stepping_workers_;
  }
}

// A trace of steps A..B draws the records overlapping its time span [t0, t1] (t0: the first start
// of A, t1: the last end of B), and AFD's in-flight count at t0 needs every message pair of the
// steps that can be in flight then: A - 1 to B + 1 (a worker starts step s + 1 only after all its
// results of step s came back, and the FFN serves steps in order).
bool TraceRetention::keeps(int step, double start_s, double end_s) const
{
  switch (retention_.kind) {
  case RecordRetention::Kind::everything: return true;
  case RecordRetention::Kind::metrics_only: return false;
  case RecordRetention::Kind::trace_window: break;
  }
  if (step >= retention_.trace_first_step - 1 &&
      (retention_.trace_last_step < 0 || step <= retention_.trace_last_step + 1))
    return true;
  return t0_known_ && end_s >= t0_s_ && (!t1_known_ || start_s <= t1_s_);
}

} // namespace afdsim
