// Throughput, TPOT and step time. The window: measurement_window.cpp; worker time and network:
// worker_time.cpp, resource_metrics.cpp; memory: sim/memory.
#include "sim/metrics/metrics.hpp"

#include "sim/metrics/streaming_metrics.hpp"

#include <set>
#include <stdexcept>
#include <string>

namespace afdsim {

ThroughputMetrics throughput_metrics(const EventLog& log, const MeasurementWindow& window)
{
  ThroughputMetrics t;
  for (const auto& s : log.steps)
    if (s.step >= window.first_step)
      t.tokens += s.requests;
  std::set<std::string> hosts;
  for (const auto& w : log.workers)
    hosts.insert(w.host);
  t.gpus = static_cast<int>(hosts.size());
  t.tokens_per_s = static_cast<double>(t.tokens) / window.duration_s();
  t.tokens_per_s_per_gpu = t.gpus > 0 ? t.tokens_per_s / t.gpus : 0.0;
  return t;
}

std::vector<double> per_request_tpot_s(const EventLog& log, const MeasurementWindow& window)
{
  return totals_from_log(log, window).tpot_s;
}

std::vector<double> step_durations_s(const EventLog& log, const MeasurementWindow& window)
{
  std::vector<double> durations_s;
  for (const auto& s : log.steps)
    if (s.step >= window.first_step)
      durations_s.push_back(s.end_s - s.start_s);
  return durations_s;
}

namespace {

bool same_window(const MeasurementWindow& a, const MeasurementWindow& b)
{
  return a.first_step == b.first_step && a.last_step == b.last_step && a.t0_s == b.t0_s && a.t1_s == b.t1_s;
}

} // namespace

Metrics compute_metrics(const Scenario& scenario, const SimulationResult& result)
{
  Metrics m;
  m.window = measurement_window(result.log, scenario.workload.warmup_steps);
  // A reference, not a copy: the totals hold one value per barrier of the window.
  RunTotals replayed;
  if (!result.totals)
    replayed = totals_from_log(result.log, m.window);
  const RunTotals& totals = result.totals ? *result.totals : replayed;
  if (!same_window(totals.window, m.window))
    throw std::logic_error("metrics: the run's totals are over steps " + std::to_string(totals.window.first_step) +
                           ".." + std::to_string(totals.window.last_step) + ", the scenario's window is steps " +
                           std::to_string(m.window.first_step) + ".." + std::to_string(m.window.last_step));
  m.throughput = throughput_metrics(result.log, m.window);
  m.tpot_s = summarize(totals.tpot_s);
  m.step_s = summarize(step_durations_s(result.log, m.window));
  m.workers = worker_metrics(result.log.workers, totals);
  m.network = network_metrics(totals, result.links);
  m.memory = plan_memory(scenario);
  m.max_batch_per_worker = max_batch_per_worker(scenario);
  m.workload = workload_metrics(scenario, result.log, totals, m.workers);
  return m;
}

} // namespace afdsim
