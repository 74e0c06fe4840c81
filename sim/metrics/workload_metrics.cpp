#include "sim/metrics/workload_metrics.hpp"

#include "sim/metrics/metrics.hpp"
#include "sim/workload/slot_theta.hpp"

#include <algorithm>

namespace afdsim {

namespace {

bool in_window(int step, const MeasurementWindow& w) { return step >= w.first_step && step <= w.last_step; }

} // namespace

double mean_context_per_slot_tokens(const EventLog& log, const MeasurementWindow& window)
{
  double context = 0;
  double requests = 0;
  for (const auto& s : log.steps) {
    if (!in_window(s.step, window))
      continue;
    context += s.context_tokens - s.requests;  // Song's theta counts the context before the new token
    requests += s.requests;
  }
  return requests > 0 ? context / requests : 0;
}

AdmissionMetrics admission_metrics(const EventLog& log, const RunTotals& totals)
{
  AdmissionMetrics m;
  m.arrivals = log.arrivals;
  for (double delay_s : totals.queue_delays_s)
    m.queue_delay_max_s = std::max(m.queue_delay_max_s, delay_s);
  m.admitted = static_cast<int64_t>(totals.queue_delays_s.size());
  m.queue_delay_s = summarize_sorted(totals.queue_delays_s);
  for (const auto& kv : log.kv) {
    m.waiting_at_end += kv.queued_at_end;
    m.rejected += kv.rejected;
    m.kv_capacity_tokens = kv.capacity_tokens;
    m.kv_peak_reserved_tokens = std::max(m.kv_peak_reserved_tokens, kv.peak_reserved_tokens);
  }
  return m;
}

PaddingMetrics padding_metrics(const RunTotals& totals)
{
  PaddingMetrics m;
  m.ffn_tokens = totals.ffn_tokens;
  m.ffn_padding_tokens = totals.ffn_padding_tokens;
  const int64_t rows = m.ffn_tokens + m.ffn_padding_tokens;
  m.padding_fraction = rows > 0 ? static_cast<double>(m.ffn_padding_tokens) / static_cast<double>(rows) : 0.0;
  return m;
}

WorkloadMetrics workload_metrics(const Scenario& scenario, const EventLog& log, const RunTotals& totals,
                                 const std::vector<WorkerMetrics>& workers)
{
  WorkloadMetrics m;
  m.theta_tokens = theta_tokens(scenario.workload);
  m.mean_context_per_slot_tokens = mean_context_per_slot_tokens(log, totals.window);
  m.barrier.wait_s = summarize_sorted(totals.barrier_waits_s);
  m.admission = admission_metrics(log, totals);
  m.padding = padding_metrics(totals);
  for (const auto& w : workers)
    if (w.role == WorkerRole::ffn && w.bubble_fraction > 0)
      m.barrier.share_of_ffn_idle = w.wait_barrier_fraction / w.bubble_fraction;
  return m;
}

} // namespace afdsim
