#include "sim/compare/compare_runner.hpp"

#include "sim/config/scenario_enums.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/util/errors.hpp"
#include "sim/util/interrupt.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace afdsim {

namespace {

std::string ms(double seconds)
{
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f ms", seconds * 1e3);
  return buffer;
}

std::vector<std::string> with(std::vector<std::string> sets, const std::vector<std::string>& more)
{
  sets.insert(sets.end(), more.begin(), more.end());
  return sets;
}

// Runs the configurations of one table, in order, counting simulations and their wall time.
class CompareRun {
public:
  CompareRun(const CompareOptions& options, const SimulateMetrics& simulate_metrics, const ProgressLine& progress)
      : options_(options), simulate_metrics_(simulate_metrics), progress_(progress)
  {
  }

  CompareTable run()
  {
    const Scenario afd = load_scenario(options_.scenario_file, options_.sets);
    if (afd.deployment.mode != DeploymentMode::afd) {
      throw InputError(options_.scenario_file, "deployment.mode",
                       "afdsim compare starts from an AFD scenario and builds the colocated baselines itself; got "
                       "colocated (set deployment.mode: afd)");
    }
    if (options_.tpot_bound_ms && !(*options_.tpot_bound_ms > 0 && std::isfinite(*options_.tpot_bound_ms)))
      throw InputError("--tpot-ms", "", "must be a finite number of milliseconds > 0, got " +
                                            std::to_string(*options_.tpot_bound_ms));
    table_.scenario = afd.name;
    table_.gpus = afd.deployment.attention_workers + afd.deployment.ffn_workers;
    table_.workload = afd.workload;
    table_.tpot_bound_ms = options_.tpot_bound_ms;
    table_.search_steps = std::min(afd.workload.steps, kSearchMaxSteps);
    table_.search_warmup_steps = std::min(afd.workload.warmup_steps, kSearchMaxWarmupSteps);

    const std::vector<CompareConfiguration> configs = compare_configurations(afd);
    for (size_t i = 0; i < configs.size(); ++i) {
      label_ = "[" + std::to_string(i + 1) + "/" + std::to_string(configs.size()) + "] " + configs[i].name;
      if (table_.stop_signal == 0)
        table_.stop_signal = interrupt_signal();
      if (table_.stop_signal != 0) {
        table_.rows.push_back(interrupted(configs[i], "not run: the comparison was interrupted by " +
                                                          signal_name(table_.stop_signal)));
        continue;
      }
      try {
        table_.rows.push_back(run_row(configs[i]));
      } catch (const RunInterrupted& e) {
        table_.stop_signal = e.signal();
        progress_(label_ + ": " + e.what());
        table_.rows.push_back(interrupted(configs[i], std::string(e.what()) + " before its simulations finished"));
      }
    }
    return table_;
  }

private:
  Scenario load(const CompareConfiguration& config, const std::vector<std::string>& more) const
  {
    return load_scenario(options_.scenario_file, with(with(options_.sets, config.sets), more));
  }

  // Between two simulations is the safe point: a signal that came stops the comparison here.
  Metrics simulate(CompareRow& row, const Scenario& s)
  {
    if (const int signal = interrupt_signal())
      throw RunInterrupted(signal);
    const auto start = std::chrono::steady_clock::now();
    Metrics m = simulate_metrics_(s);
    row.wall_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    row.simulations++;
    return m;
  }

  CompareRow run_row(const CompareConfiguration& config)
  {
    CompareRow row;
    row.config = config;
    const Scenario scenario = load(config, {});
    row.max_batch_per_worker = max_batch_per_worker(scenario);
    row.batch_per_worker = scenario.workload.batch_per_worker;
    if (options_.tpot_bound_ms) {
      const int min_batch = config.mode == DeploymentMode::afd ? scenario.deployment.microbatches : 1;
      if (row.max_batch_per_worker < min_batch)
        return not_fitting(row, load(config, {batch_override(min_batch)}));
      if (!search(row, min_batch))
        return row;
      return final_run(row, load(config, {batch_override(row.batch_per_worker)}));
    }
    return final_run(row, scenario);
  }

  static CompareRow interrupted(const CompareConfiguration& config, const std::string& reason)
  {
    CompareRow row;
    row.config = config;
    row.status = RowStatus::interrupted;
    row.reason = reason;
    return row;
  }

  CompareRow not_fitting(CompareRow& row, const Scenario& s)
  {
    row.status = RowStatus::does_not_fit;
    try {
      check_memory_fits(s);
      row.reason = "does not fit in memory";  // max_batch_per_worker said so; the check should agree
    } catch (const InputError& e) {
      row.reason = e.what();
    }
    progress_(label_ + ": does not fit in GPU memory at batch " + std::to_string(s.workload.batch_per_worker));
    return row;
  }

  CompareRow final_run(CompareRow& row, const Scenario& s)
  {
    try {
      check_memory_fits(s);
    } catch (const InputError&) {
      return not_fitting(row, s);
    }
    progress_(label_ + ": " + std::to_string(row.config.gpus) + " GPUs, batch " +
              std::to_string(s.workload.batch_per_worker) + ", " + std::to_string(s.workload.steps) + " steps ...");
    fill_measured(row, simulate(row, s));
    row.batch_per_worker = s.workload.batch_per_worker;
    char line[160];
    std::snprintf(line, sizeof line, ": %.1f tokens/s, %.1f per GPU, TPOT p50 %.3f ms", row.tokens_per_s,
                  row.tokens_per_s_per_gpu, row.tpot_p50_ms);
    progress_(label_ + line);
    return row;
  }

  // Sets row.batch_per_worker to the largest batch within the bound; false (row says why) if none.
  bool search(CompareRow& row, int min_batch)
  {
    const double bound_s = *options_.tpot_bound_ms * 1e-3;
    const std::vector<std::string> short_run = {"workload.steps=" + std::to_string(table_.search_steps),
                                                "workload.warmup_steps=" + std::to_string(table_.search_warmup_steps)};
    const auto tpot_s_at = [&](int batch) {
      const Scenario s = load(row.config, with(short_run, {batch_override(batch)}));
      const Metrics m = simulate(row, s);
      const double tpot_s = m.tpot_s.count > 0 ? m.tpot_s.p50 : std::nan("");
      progress_(label_ + " search: batch " + std::to_string(batch) + " -> TPOT p50 " + ms(tpot_s) +
                (tpot_s <= bound_s ? " (within)" : " (beyond)"));
      return tpot_s;
    };
    const BatchSearchResult found = largest_batch_within(min_batch, row.max_batch_per_worker, bound_s, tpot_s_at);
    row.probes = found.probes;
    if (found.best_batch == 0) {
      row.status = RowStatus::no_batch_within_tpot_bound;
      row.reason = "TPOT p50 at the smallest batch (" + std::to_string(min_batch) + " per " +
                   (row.config.mode == DeploymentMode::afd ? "attention worker" : "replica") + ") is " +
                   ms(found.probes.front().tpot_s) + ", above the bound of " + ms(bound_s);
      return false;
    }
    row.batch_per_worker = found.best_batch;
    return true;
  }

  const CompareOptions& options_;
  const SimulateMetrics& simulate_metrics_;
  const ProgressLine& progress_;
  CompareTable table_;
  std::string label_;  // "[i/n] name" of the row being run, for progress lines
};

} // namespace

CompareTable run_compare(const CompareOptions& options, const SimulateMetrics& simulate_metrics,
                         const ProgressLine& progress)
{
  return CompareRun(options, simulate_metrics, progress).run();
}

} // namespace afdsim
