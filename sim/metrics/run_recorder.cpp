#include "sim/metrics/run_recorder.hpp"

#include "sim/metrics/measurement_window.hpp"
#include "sim/util/errors.hpp"

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
  retention_ = TraceRetention(plan.retention, plan.stepping_workers);
  // Reserved at their final size: growing by doubling would hold the old and the new copy at once.
  const auto window_steps = static_cast<size_t>(std::max(0, plan.steps - plan.warmup_steps));
  log_.steps.reserve(static_cast<size_t>(plan.steps) * static_cast<size_t>(plan.stepping_workers));
  metrics_->expect_barriers(window_steps * static_cast<size_t>(plan.ffn_inputs_per_step));
}

void RunRecorder::step_started(int step, double time_s)
{
  metrics_->step_started(step, time_s);
  retention_.step_started(step, time_s);
}

void RunRecorder::step(const StepRecord& s)
{
  log_.steps.push_back(s);
  metrics_->step(s);
  retention_.step_ended(s);
}

void RunRecorder::compute(const ComputeRecord& c)
{
  metrics_->compute(c);
  if (retention_.keeps(c.step, c.start_s, c.end_s))
    log_.computes.push_back(c);
}

void RunRecorder::wait(const WaitRecord& w)
{
  metrics_->wait(w);
  if (retention_.keeps(w.step, w.start_s, w.end_s))
    log_.waits.push_back(w);
}

void RunRecorder::transfer(const TransferRecord& t)
{
  metrics_->transfer(t);
  if (retention_.keeps(t.step, t.start_s, t.end_s))
    log_.transfers.push_back(t);
}

void RunRecorder::token(const TokenRecord& t)
{
  metrics_->token(t);
  if (retention_.keeps_everything())
    log_.tokens.push_back(t);
}

void RunRecorder::admission(const AdmissionRecord& a)
{
  metrics_->admission(a);
  if (retention_.keeps_everything())
    log_.admissions.push_back(a);
}

std::optional<RunTotals> RunRecorder::finish()
{
  if (!metrics_)
    throw std::logic_error("RunRecorder::finish before begin");
  MeasurementWindow window;
  try {
    window = measurement_window(log_, warmup_steps_);
  } catch (const InputError&) {
    return std::nullopt;  // no step after the warm-up: compute_metrics says so, from the same log
  }
  return metrics_->finish(window);
}

} // namespace afdsim
