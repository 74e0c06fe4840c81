#include "sim/analytic/simulated_values.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace afdsim {

SimulatedValues simulated_values(const EventLog& log, const Metrics& metrics)
{
  SimulatedValues v;
  v.step_s = metrics.step_s.mean;
  v.tokens_per_s_per_gpu = metrics.throughput.tokens_per_s_per_gpu;
  const MeasurementWindow& w = metrics.window;
  double context_tokens = 0;
  double requests = 0;
  double step_records = 0;
  std::map<int, std::vector<double>> loads_by_step;
  for (const auto& s : log.steps) {
    if (s.step < w.first_step || s.step > w.last_step)
      continue;
    context_tokens += s.context_tokens;
    requests += s.requests;
    step_records += 1;
    loads_by_step[s.step].push_back(s.context_tokens);
  }
  v.mean_batch_per_worker = step_records > 0 ? requests / step_records : 0;
  v.mean_context_tokens = requests > 0 ? context_tokens / requests : 0;
  double variance_sum = 0;
  for (const auto& [step, loads] : loads_by_step) {
    if (loads.size() < 2)
      continue;
    const auto n = static_cast<double>(loads.size());
    double mean = 0;
    for (double x : loads)
      mean += x / n;
    double squares = 0;
    for (double x : loads)
      squares += (x - mean) * (x - mean);
    variance_sum += squares / (n - 1);
  }
  if (!loads_by_step.empty())
    v.context_spread_tokens = std::sqrt(variance_sum / static_cast<double>(loads_by_step.size()));
  return v;
}

int analytic_batch(const Scenario& scenario, const SimulatedValues& simulated)
{
  if (scenario.workload.arrival == ArrivalProcess::closed)
    return scenario.workload.batch_per_worker;
  return std::max(1, static_cast<int>(std::lround(simulated.mean_batch_per_worker)));
}

} // namespace afdsim
