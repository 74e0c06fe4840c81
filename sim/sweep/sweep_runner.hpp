#pragma once
// `afdsim sweep`: expand a spec into points, settle the ones that need no simulation (filtered,
// refused by the loader, already finished in an earlier run), run the others as child processes
// `afdsim run BASE --set ... --out DIR/points/<id>`, N at a time, and write results.csv,
// sweep.json and wall_times.csv (sweep_files.hpp). A point that fails is recorded with its
// error; the others go on. After SIGINT or SIGTERM (InterruptHandlers, installed by the command)
// no point starts, the running ones are passed the signal and stop, and the results say which
// points are `unfinished`: the next run of the same sweep runs those. With `analytic`, no simulation: the closed forms of every point
// (screening.hpp), the platform's routes looked up once per platform and placement.
#include "sim/sweep/sweep_points.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace afdsim {

struct SweepOptions {
  std::string spec_file;
  std::vector<std::string> sets;  // --set, after the spec's own
  std::string out_dir;
  size_t jobs = 1;                // simulations at once
  Shard shard;
  bool analytic = false;
  std::string program;            // the afdsim binary the points run (the command passes /proc/self/exe)
  std::string program_name;       // its path as shown in command.txt
  bool terminal = false;          // progress as a bar (stderr is a terminal)
};

struct SweepSummary {
  std::string name;
  size_t points = 0;       // of the whole sweep
  size_t selected = 0;     // of this shard
  size_t ok = 0;
  size_t failed = 0;
  size_t skipped = 0;
  size_t unfinished = 0;   // not run, or stopped by a signal: the next run of the sweep runs them
  size_t reused = 0;       // ok points finished by an earlier run
  size_t run = 0;          // points run now (ok, failed, or stopped by a signal: unfinished)
  bool analytic = false;
  std::string results_file;
  int interrupt_signal = 0;  // the signal that came during the sweep, else 0
};

// Throws InputError (nothing written) when the spec, --shard or --out is invalid.
SweepSummary run_sweep(const SweepOptions& options, std::ostream& progress);

// "sweep NAME: 12 points: 9 ok, 2 skipped, 1 failed (7 simulated now, 3 finished earlier) -> DIR/results.csv";
// after a signal, ", N unfinished" and how to finish them.
std::string summary_text(const SweepSummary& summary);

} // namespace afdsim
