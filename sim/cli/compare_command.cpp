// `afdsim compare`: the scenario's AFD deployment against colocated DP and TP on the same GPUs and
// workload (docs/compare.md). Each simulation runs in its own child process (SimGrid runs one
// engine per process); progress goes to stderr, the table (or its JSON) to stdout. SIGINT/SIGTERM
// stop it between simulations (a terminal's Ctrl-C reaches the running simulation too, which
// stops at its next step boundary): the table says "complete": false, exit 128 + the signal.
#include "sim/cli/commands.hpp"

#include "sim/compare/compare_runner.hpp"
#include "sim/compare/compare_table.hpp"
#include "sim/engine/child_process.hpp"
#include "sim/engine/run_size.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/metrics/metrics.hpp"
#include "sim/util/errors.hpp"
#include "sim/util/interrupt.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

namespace afdsim::cli {
namespace {

std::shared_ptr<spdlog::logger> stderr_logger(const char* name)
{
  auto logger = spdlog::get(name);
  return logger ? logger : spdlog::stderr_color_mt(name);
}

} // namespace

int compare_command(const CompareArgs& args)
{
  const auto log = stderr_logger("afdsim");
  spdlog::set_default_logger(log);
  // The engine logs every few steps; compare prints one line per simulation instead. The children
  // inherit this logger (fork), so the engine finds it quiet.
  stderr_logger("engine")->set_level(spdlog::level::warn);

  // The forked simulations inherit the handlers: a signal to the whole process group stops the
  // running one at its next step boundary, with an incomplete result.
  const InterruptHandlers interrupts;
  const CompareOptions options{args.scenario_file, args.sets, args.tpot_bound_ms};
  const SimulateMetrics simulate_in_child = [](const Scenario& scenario) {
    check_run_size(scenario);
    SimulationResult result;
    try {
      result = run_in_child_process([&scenario] { return simulate(scenario); });
    } catch (const std::runtime_error&) {
      // A child the terminal's signal caught before afdsim's handlers (SimGrid's own exits).
      if (const int signal = interrupt_signal())
        throw RunInterrupted(signal);
      throw;
    }
    if (!result.complete)
      throw RunInterrupted(result.stop_signal);
    return compute_metrics(scenario, result);
  };
  const CompareTable table =
      run_compare(options, simulate_in_child, [&log](const std::string& line) { log->info("compare {}", line); });

  if (args.json)
    std::cout << compare_json(table).dump(2) << "\n";
  else
    print_compare_table(std::cout, table);
  std::cout.flush();
  if (!std::cout)
    throw std::runtime_error("cannot write the result to stdout");
  if (!table.complete()) {
    log->warn("interrupted by {} after {} of {} configurations: the table says so (\"complete\": false)",
              signal_name(table.stop_signal), table.rows_completed(), table.rows.size());
    return 128 + table.stop_signal;
  }
  if (const int signal = interrupt_signal()) {
    log->warn("{} arrived after the last simulation had finished: the table is complete", signal_name(signal));
    return 128 + signal;
  }
  return kExitOk;
}

} // namespace afdsim::cli
