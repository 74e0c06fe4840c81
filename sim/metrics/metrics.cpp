// Window, throughput, TPOT and step time. Worker time and network: worker_time.cpp,
// resource_metrics.cpp; memory: sim/memory.
#include "sim/metrics/metrics.hpp"

#include "sim/metrics/streaming_metrics.hpp"
#include "sim/util/errors.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>

namespace afdsim {

StepSpan step_span(const EventLog& log, int first_step, int last_step)
{
  StepSpan span{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (const auto& s : log.steps) {
    if (s.step == first_step)
      span.t0_s = std::min(span.t0_s, s.start_s);
    if (s.step == last_step)
      span.t1_s = std::max(span.t1_s, s.end_s);
  }
  return span;
}

MeasurementWindow measurement_window(const EventLog& log, int warmup_steps)
{
  MeasurementWindow w;
  w.first_step = warmup_steps;
  w.last_step = -1;
  for (const auto& s : log.steps)
    w.last_step = std::max(w.last_step, s.step);
  if (w.last_step < warmup_steps)
    throw InputError("", "workload.warmup_steps",
                     "no decode step left to measure: " + std::to_string(warmup_steps) + " warm-up steps, last step " +
                         std::to_string(w.last_step));
  w.steps = w.last_step - w.first_step + 1;
  const StepSpan span = step_span(log, w.first_step, w.last_step);
  w.t0_s = span.t0_s;
  w.t1_s = span.t1_s;
  if (!(w.t1_s > w.t0_s))
    throw std::runtime_error("event log: step " + std::to_string(w.first_step) + " has no record, or the window "
                             "is empty (t0 >= t1)");
  return w;
}

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
