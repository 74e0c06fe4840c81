// Where each worker's window time went. Every instant inside [t0, t1] goes to exactly one
// bucket, in priority order: compute, then the recorded waits (FFN result, first input,
// barrier, all-reduce), then the role's remainder (step boundary or other idle). So the parts
// add up to 1. The claimed seconds come from RunTotals (ClaimTimeline applies the order).
#include "sim/metrics/metrics.hpp"
#include "sim/metrics/streaming_metrics.hpp"

#include <algorithm>
#include <stdexcept>

namespace afdsim {
namespace {

WorkerMetrics split_window_time(const WorkerInfo& info, const ClaimTotals& claimed, const MeasurementWindow& window)
{
  const double window_s = window.duration_s();
  WorkerMetrics m;
  m.name = info.name;
  m.role = info.role;
  m.host = info.host;
  m.busy_s = claimed.seconds[kComputeClaim];
  m.busy_fraction = m.busy_s / window_s;
  m.bubble_fraction = 1.0 - m.busy_fraction;
  m.wait_ffn_result_fraction = claimed.seconds[wait_claim(WaitCause::ffn_result)] / window_s;
  m.wait_first_input_fraction = claimed.seconds[wait_claim(WaitCause::first_input)] / window_s;
  m.wait_barrier_fraction = claimed.seconds[wait_claim(WaitCause::barrier)] / window_s;
  m.wait_allreduce_fraction = claimed.seconds[wait_claim(WaitCause::allreduce)] / window_s;

  // Rounding can leave -1e-17 here; the remainder is a duration and cannot be negative.
  double rest = std::max(0.0, m.bubble_fraction - m.wait_ffn_result_fraction - m.wait_first_input_fraction -
                                  m.wait_barrier_fraction - m.wait_allreduce_fraction);
  if (info.role == WorkerRole::ffn)
    m.other_idle_fraction = rest;
  else
    m.step_boundary_fraction = rest;
  return m;
}

} // namespace

std::vector<WorkerMetrics> worker_metrics(const std::vector<WorkerInfo>& workers, const RunTotals& totals)
{
  if (totals.workers.size() != workers.size())
    throw std::logic_error("worker_metrics: totals for " + std::to_string(totals.workers.size()) + " workers, " +
                           std::to_string(workers.size()) + " workers");
  std::vector<WorkerMetrics> out;
  for (std::size_t i = 0; i < workers.size(); i++)
    out.push_back(split_window_time(workers[i], totals.workers[i], totals.window));
  return out;
}

std::vector<WorkerMetrics> worker_metrics(const EventLog& log, const MeasurementWindow& window)
{
  return worker_metrics(log.workers, totals_from_log(log, window));
}

} // namespace afdsim
