// `afdsim sweep` and `afdsim merge` (docs/sweep.md): progress on stderr, the one-line summary on
// stdout. The points run as child processes of this same binary. SIGINT/SIGTERM stop the sweep:
// no new point, the running ones stop, results.csv marks what is unfinished, exit 128 + signal.
#include "sim/cli/commands.hpp"

#include "sim/sweep/sweep_merge.hpp"
#include "sim/sweep/sweep_runner.hpp"
#include "sim/util/errors.hpp"
#include "sim/util/interrupt.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

namespace afdsim::cli {

namespace {

// This binary's path, for the points' command.txt. The points execute /proc/self/exe itself: the
// same binary even when a rebuild replaces the file during a long sweep.
std::string this_program()
{
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw std::runtime_error("cannot find this program's path (/proc/self/exe): " + ec.message());
  return self.string();
}

int finish(const std::string& summary)
{
  std::cout << summary << "\n";
  std::cout.flush();
  if (!std::cout)
    throw std::runtime_error("cannot write the result to stdout");
  return kExitOk;
}

} // namespace

int sweep_command(const SweepArgs& args)
{
  // The route probes of --analytic fork this process; keep the engine's progress lines quiet there.
  auto engine_log = spdlog::get("engine");
  (engine_log ? engine_log : spdlog::stderr_color_mt("engine"))->set_level(spdlog::level::warn);
  SweepOptions options;
  options.spec_file = args.spec_file;
  options.sets = args.sets;
  options.out_dir = args.out_dir;
  if (args.jobs < 0)
    throw InputError("-j", std::to_string(args.jobs), "must be the number of simulations at once, at least 1");
  const unsigned cores = std::thread::hardware_concurrency();
  options.jobs = args.jobs > 0 ? static_cast<size_t>(args.jobs) : (cores > 0 ? cores : 1);
  if (!args.shard.empty())
    options.shard = parse_shard(args.shard);
  options.analytic = args.analytic;
  options.program = "/proc/self/exe";
  options.program_name = this_program();
  options.terminal = ::isatty(STDERR_FILENO) == 1;
  const InterruptHandlers interrupts;
  const SweepSummary summary = run_sweep(options, std::cerr);
  finish(summary_text(summary));
  if (summary.interrupt_signal != 0)
    return 128 + summary.interrupt_signal;
  return args.strict && summary.failed > 0 ? kExitPointsFailed : kExitOk;
}

int merge_command(const MergeArgs& args)
{
  const MergeSummary summary = merge_sweeps({args.dirs, args.out_dir});
  return finish("merged " + std::to_string(summary.folders) + " folders of sweep " + summary.name + ": " +
                std::to_string(summary.points) + " points -> " + summary.results_file);
}

} // namespace afdsim::cli
