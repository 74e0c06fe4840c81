#include "sim/metrics/workload_metrics.hpp"

#include "sim/metrics/metrics.hpp"
#include "sim/workload/slot_theta.hpp"

#include <algorithm>
#include <map>
#include <tuple>

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

std::vector<double> barrier_waits_s(const EventLog& log, const MeasurementWindow& window)
{
  // From the arrivals, not the FFN's wait records: an FFN still busy when the inputs arrive
  // records no wait, yet the inputs' spread is the same barrier.
  std::map<std::tuple<int, int, int>, std::pair<double, double>> arrivals;  // first, last
  for (const auto& t : log.transfers) {
    if (!in_window(t.step, window) || log.workers.at(static_cast<size_t>(t.dst_worker)).role != WorkerRole::ffn)
      continue;
    const auto key = std::make_tuple(t.step, t.layer, t.microbatch);
    auto it = arrivals.find(key);
    if (it == arrivals.end())
      arrivals.emplace(key, std::make_pair(t.end_s, t.end_s));
    else
      it->second = {std::min(it->second.first, t.end_s), std::max(it->second.second, t.end_s)};
  }
  std::vector<double> spreads;
  spreads.reserve(arrivals.size());
  for (const auto& entry : arrivals)
    spreads.push_back(entry.second.second - entry.second.first);
  return spreads;
}

AdmissionMetrics admission_metrics(const EventLog& log, const MeasurementWindow& window)
{
  AdmissionMetrics m;
  m.arrivals = log.arrivals;
  std::vector<double> delays_s;
  for (const auto& a : log.admissions) {
    if (a.admitted_s < window.t0_s || a.admitted_s > window.t1_s)
      continue;
    delays_s.push_back(a.arrival_s >= 0 ? a.admitted_s - a.arrival_s : 0.0);
    m.queue_delay_max_s = std::max(m.queue_delay_max_s, delays_s.back());
  }
  m.admitted = static_cast<int64_t>(delays_s.size());
  m.queue_delay_s = summarize(std::move(delays_s));
  for (const auto& kv : log.kv) {
    m.waiting_at_end += kv.queued_at_end;
    m.rejected += kv.rejected;
    m.kv_capacity_tokens = kv.capacity_tokens;
    m.kv_peak_reserved_tokens = std::max(m.kv_peak_reserved_tokens, kv.peak_reserved_tokens);
  }
  return m;
}

PaddingMetrics padding_metrics(const EventLog& log, const MeasurementWindow& window)
{
  PaddingMetrics m;
  for (const auto& c : log.computes) {
    if (c.kind != ComputeKind::ffn || !in_window(c.step, window) ||
        log.workers.at(static_cast<size_t>(c.worker)).role != WorkerRole::ffn)
      continue;
    m.ffn_tokens += c.tokens;
    m.ffn_padding_tokens += c.padding_tokens;
  }
  const int64_t rows = m.ffn_tokens + m.ffn_padding_tokens;
  m.padding_fraction = rows > 0 ? static_cast<double>(m.ffn_padding_tokens) / static_cast<double>(rows) : 0.0;
  return m;
}

WorkloadMetrics workload_metrics(const Scenario& scenario, const EventLog& log, const MeasurementWindow& window,
                                 const std::vector<WorkerMetrics>& workers)
{
  WorkloadMetrics m;
  m.theta_tokens = theta_tokens(scenario.workload);
  m.mean_context_per_slot_tokens = mean_context_per_slot_tokens(log, window);
  m.barrier.wait_s = summarize(barrier_waits_s(log, window));
  m.admission = admission_metrics(log, window);
  m.padding = padding_metrics(log, window);
  for (const auto& w : workers)
    if (w.role == WorkerRole::ffn && w.bubble_fraction > 0)
      m.barrier.share_of_ffn_idle = w.wait_barrier_fraction / w.bubble_fraction;
  return m;
}

} // namespace afdsim
