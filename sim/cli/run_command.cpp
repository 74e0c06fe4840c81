// `afdsim run`: load -> check -> simulate -> metrics -> report. With --json, stdout carries the JSON
// report and nothing else: every log line goes to stderr. SIGINT/SIGTERM stop the simulation at
// a step boundary (StepGate); what the completed steps measured is still written, marked
// "complete": false, and the exit code is 128 + the signal (docs/robustness.md).
#include "sim/cli/commands.hpp"

#include "sim/config/scenario_loader.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/engine/run_size.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/memory/memory_plan.hpp"
#include "sim/metrics/metrics.hpp"
#include "sim/report/analytic_json.hpp"
#include "sim/report/console_summary.hpp"
#include "sim/report/cost_provenance_report.hpp"
#include "sim/report/output_files.hpp"
#include "sim/report/report.hpp"
#include "sim/trace/trace_outputs.hpp"
#include "sim/util/errors.hpp"
#include "sim/util/interrupt.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <optional>

namespace afdsim::cli {
namespace {

// spdlog's default logger writes to stdout; `run` owns stdout for its result.
void log_to_stderr()
{
  const char* name = "afdsim";
  auto logger = spdlog::get(name);
  if (!logger)
    logger = spdlog::stderr_color_mt(name);
  spdlog::set_default_logger(logger);
}

// "interrupted by SIGINT after 57 of 200 steps": what an incomplete run says first, everywhere.
std::string stop_text(const Scenario& scenario, const SimulationResult& result, int steps_done)
{
  return "interrupted by " + signal_name(result.stop_signal) + " after " + std::to_string(steps_done) + " of " +
         std::to_string(scenario.workload.steps) + " steps";
}

// A trace window past the completed steps of an interrupted run has nothing to show.
bool traces_fit(const TraceRequest& traces, int steps_done)
{
  return steps_done > 0 && (traces.steps.all || traces.steps.last < steps_done);
}

} // namespace

int run_command(const RunArgs& args)
{
  return run_with(args, [](const Scenario& scenario, const std::vector<std::string>& simgrid_args,
                           const RecordRetention& retention) { return simulate(scenario, simgrid_args, retention); });
}

int run_with(const RunArgs& args, const Simulation& simulation)
{
  log_to_stderr();
  const InterruptHandlers interrupts;
  const Scenario scenario = load_scenario(args.scenario_file, args.sets);
  check_memory_fits(scenario);  // a batch that does not fit is bad input (exit 2), not a result
  const TraceRequest traces = resolve_trace_request(scenario, args.paje_file, args.chrome_file, args.trace_steps);
  // Only a trace needs records beyond the metrics' running totals: those of its window.
  const RecordRetention retention = !traces.any() ? RecordRetention{}
                                    : traces.steps.all ? RecordRetention::for_trace(0, -1)
                                                       : RecordRetention::for_trace(traces.steps.first, traces.steps.last);
  check_run_size(scenario, retention);
  // --out wins over the scenario's outputs.dir; a relative path is relative to the current directory.
  const std::string out_dir = args.out_dir.empty() ? scenario.outputs.dir : args.out_dir;
  if (!out_dir.empty())
    prepare_output_dir(out_dir, args.force, args.out_dir.empty() ? "outputs.dir" : "--out");

  spdlog::info("simulating {}: {} steps", scenario.name, scenario.workload.steps);
  const SimulationResult result = simulation(scenario, args.simgrid_args, retention);
  const int steps_done = result.complete ? scenario.workload.steps : result.steps_completed;
  const bool measured = steps_done > scenario.workload.warmup_steps;
  if (!result.complete)
    spdlog::warn("{}: the results cover the completed steps only and say \"complete\": false",
                 stop_text(scenario, result, steps_done));
  std::optional<Metrics> metrics;
  if (measured)
    metrics = compute_metrics(scenario, result);
  nlohmann::json report =
      measured ? build_report(scenario, *metrics, result, to_json(scenario), analytic_json(scenario, *metrics, result))
               : build_unmeasured_report(result, steps_done, to_json(scenario));
  report["cost_model_provenance"] = cost_provenance_json(scenario.cost_model, result.cost_provenance.get());

  if (traces.any() && (result.complete || traces_fit(traces, steps_done)))
    spdlog::info("{}", write_traces(traces, result.log));
  else if (traces.any())
    spdlog::warn("no trace written: the run stopped before the end of the trace window");
  if (!out_dir.empty()) {
    const Metrics no_window;  // workers.csv then has its header only
    write_output_files(out_dir, RunOutputs{report, to_yaml(scenario), result.log, measured ? *metrics : no_window});
    spdlog::info("wrote report.json, scenario.yaml, steps.csv, requests.csv, workers.csv to {}", out_dir);
  }

  if (args.json) {
    std::cout << report_text(report);
  } else {
    if (!result.complete)
      std::cout << "INCOMPLETE: " << stop_text(scenario, result, steps_done)
                << (measured ? "; the figures below cover the completed steps\n"
                             : "; no step past warm-up: nothing measured\n");
    if (measured)
      print_console_summary(std::cout, scenario, *metrics, result);
    print_cost_provenance(std::cout, report["cost_model_provenance"]);
  }
  std::cout.flush();
  if (!std::cout)
    throw std::runtime_error("cannot write the result to stdout");
  if (!result.complete)
    return 128 + result.stop_signal;
  if (const int signal = interrupt_signal()) {
    spdlog::warn("{} arrived after the simulation had finished: the results are complete", signal_name(signal));
    return 128 + signal;
  }
  return kExitOk;
}

} // namespace afdsim::cli
