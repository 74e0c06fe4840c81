// Where each worker's window time went. Every instant inside [t0, t1] goes to exactly one
// bucket, in priority order: compute, then the recorded waits (FFN result, first input,
// barrier, all-reduce), then the role's remainder (step boundary or other idle). So the parts
// add up to 1.
#include "sim/metrics/interval_set.hpp"
#include "sim/metrics/metrics.hpp"

#include <algorithm>
#include <array>

namespace afdsim {
namespace {

struct WorkerIntervals {
  IntervalSet compute;
  std::array<IntervalSet, kWaitClaimOrder.size()> waits;  // indexed like kWaitClaimOrder
};

std::vector<WorkerIntervals> collect_intervals(const EventLog& log)
{
  std::vector<WorkerIntervals> per_worker(log.workers.size());
  for (const auto& c : log.computes)
    per_worker.at(static_cast<std::size_t>(c.worker)).compute.add(c.start_s, c.end_s);
  for (const auto& w : log.waits)
    per_worker.at(static_cast<std::size_t>(w.worker)).waits.at(wait_claim_index(w.cause)).add(w.start_s, w.end_s);
  return per_worker;
}

WorkerMetrics split_window_time(const WorkerInfo& info, const WorkerIntervals& intervals, const MeasurementWindow& window)
{
  const double window_s = window.duration_s();
  WorkerMetrics m;
  m.name = info.name;
  m.role = info.role;
  m.host = info.host;

  IntervalSet claimed = intervals.compute.clipped(window.t0_s, window.t1_s);
  m.busy_s = claimed.length_s();
  m.busy_fraction = m.busy_s / window_s;
  m.bubble_fraction = 1.0 - m.busy_fraction;

  std::array<double, kWaitClaimOrder.size()> wait_fraction{};
  for (std::size_t i = 0; i < kWaitClaimOrder.size(); i++) {
    IntervalSet own = intervals.waits[i].clipped(window.t0_s, window.t1_s).minus(claimed);
    wait_fraction[i] = own.length_s() / window_s;
    claimed = claimed.united(own);
  }
  m.wait_ffn_result_fraction = wait_fraction[wait_claim_index(WaitCause::ffn_result)];
  m.wait_first_input_fraction = wait_fraction[wait_claim_index(WaitCause::first_input)];
  m.wait_barrier_fraction = wait_fraction[wait_claim_index(WaitCause::barrier)];
  m.wait_allreduce_fraction = wait_fraction[wait_claim_index(WaitCause::allreduce)];

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

std::vector<WorkerMetrics> worker_metrics(const EventLog& log, const MeasurementWindow& window)
{
  std::vector<WorkerIntervals> intervals = collect_intervals(log);
  std::vector<WorkerMetrics> out;
  for (std::size_t i = 0; i < log.workers.size(); i++)
    out.push_back(split_window_time(log.workers[i], intervals[i], window));
  return out;
}

} // namespace afdsim
