// `afdsim run`: load -> simulate -> metrics -> report. With --json, stdout carries the JSON report
// and nothing else: every log line goes to stderr.
#include "sim/cli/commands.hpp"

#include "sim/config/scenario_loader.hpp"
#include "sim/config/scenario_yaml.hpp"
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

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

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

} // namespace

int run_command(const RunArgs& args)
{
  log_to_stderr();
  Scenario scenario = load_scenario(args.scenario_file, args.sets);
  check_memory_fits(scenario);  // a batch that does not fit is bad input (exit 2), not a result
  const TraceRequest traces = resolve_trace_request(scenario, args.paje_file, args.chrome_file, args.trace_steps);
  spdlog::info("simulating {}: {} steps", scenario.name, scenario.workload.steps);
  // A profiled cost model records where each op time the simulation asks for comes from.
  std::shared_ptr<CostProvenanceLog> provenance;
  if (scenario.cost_model.kind == CostModelKind::profiled)
    scenario.cost_model.provenance = provenance = std::make_shared<CostProvenanceLog>();
  const SimulationResult result = simulate(scenario, args.simgrid_args);
  scenario.cost_model.provenance.reset();  // the analytic estimates' own lookups are not the run's
  const Metrics metrics = compute_metrics(scenario, result);
  nlohmann::json report =
      build_report(scenario, metrics, result, to_json(scenario), analytic_json(scenario, metrics, result));
  report["cost_model_provenance"] = cost_provenance_json(scenario.cost_model, provenance.get());

  // --out wins over the scenario's outputs.dir; a relative path is relative to the current directory.
  const std::string out_dir = args.out_dir.empty() ? scenario.outputs.dir : args.out_dir;
  if (!out_dir.empty()) {
    write_output_files(out_dir, RunOutputs{report, to_yaml(scenario), result.log, metrics});
    spdlog::info("wrote report.json, scenario.yaml, steps.csv, workers.csv to {}", out_dir);
  }

  if (traces.any())
    spdlog::info("{}", write_traces(traces, result.log));

  if (args.json) {
    std::cout << report_text(report);
  } else {
    print_console_summary(std::cout, scenario, metrics, result);
    print_cost_provenance(std::cout, report["cost_model_provenance"]);
  }
  std::cout.flush();
  if (!std::cout)
    throw std::runtime_error("cannot write the result to stdout");
  return kExitOk;
}

} // namespace afdsim::cli
