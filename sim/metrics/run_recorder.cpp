#include "sim/metrics/run_recorder.hpp"

#include "sim/metrics/metrics.hpp"

#include <algorithm>
#include <stdexcept>

namespace afdsim {

void RunRecorder::begin(const RecordingPlan& plan)
{
  if (metrics_)
    throw std::logic_error("RunRecorder::begin called twice");
  std::vector<WorkerRole> roles;
  for (const auto& w : log_.workers)
    roles.push_back(w.role);
  metrics_ = std::make_unique<StreamingMetrics>(std::move(roles), plan.warmup_steps);
  warmup_steps_ = plan.warmup_steps;
  retention_ = plan.retention;
  stepping_workers_ = plan.stepping_workers;
  // Reserved at their final size: growing by doubling would hold the old and the new copy at once.
  const auto window_steps = static_cast<size_t>(std::max(0, plan.steps - plan.warmup_steps));
  log_.steps.reserve(static_cast<size_t>(plan.steps) * static_cast<size_t>(plan.stepping_workers));
  metrics_->expect_barriers(window_steps * static_cast<size_t>(plan.ffn_inputs_per_step));
}

// A trace of steps A..B draws the records overlapping its time span [t0, t1] (t0: the first start
// of A, t1: the last end of B), and AFD's in-flight count at t0 needs every message pair of the
// steps that can be in flight then: A - 1 to B + 1 (a worker starts step s + 1 only after all its
// results of step s came back, and the FFN serves steps in order).
bool RunRecorder::keep(int step, double start_s, double end_s) const
{
  if (retention_.everything)
    return true;
  if (!retention_.trace)
    return false;
  if (step >= retention_.trace_first_step - 1 &&
      (retention_.trace_last_step < 0 || step <= retention_.trace_last_step + 1))
    return true;
  return trace_t0_known_ && end_s >= trace_t0_s_ && (!trace_t1_known_ || start_s <= trace_t1_s_);
}

void RunRecorder::step_started(int step, double time_s)
{
  metrics_->step_started(step, time_s);
  if (retention_.trace && step == retention_.trace_first_step && !trace_t0_known_) {
    trace_t0_known_ = true;
    trace_t0_s_ = time_s;
  }
}

void RunRecorder::step(const StepRecord& s)
{
  log_.steps.push_back(s);
  metrics_->step(s);
  if (retention_.trace && s.step == retention_.trace_last_step) {
    trace_t1_s_ = std::max(trace_t1_s_, s.end_s);
    trace_t1_known_ = ++trace_last_step_ends_ == stepping_workers_;
  }
}

void RunRecorder::compute(const ComputeRecord& c)
{
  metrics_->compute(c);
  if (keep(c.step, c.start_s, c.end_s))
    log_.computes.push_back(c);
}

void RunRecorder::wait(const WaitRecord& w)
{
  metrics_->wait(w);
  if (keep(w.step, w.start_s, w.end_s))
    log_.waits.push_back(w);
}

void RunRecorder::transfer(const TransferRecord& t)
{
  metrics_->transfer(t);
  if (keep(t.step, t.start_s, t.end_s))
    log_.transfers.push_back(t);
}

void RunRecorder::token(const TokenRecord& t)
{
  metrics_->token(t);
  if (retention_.everything)
    log_.tokens.push_back(t);
}

void RunRecorder::admission(const AdmissionRecord& a)
{
  metrics_->admission(a);
  if (retention_.everything)
    log_.admissions.push_back(a);
}

std::optional<RunTotals> RunRecorder::finish()
{
  if (!metrics_)
    throw std::logic_error("RunRecorder::finish before begin");
  MeasurementWindow window;
  try {
    window = measurement_window(log_, warmup_steps_);
  } catch (const std::exception&) {
    return std::nullopt;  // compute_metrics says why, from the same log
  }
  return metrics_->finish(window);
}

} // namespace afdsim
