#pragma once
// The subcommands of `afdsim`. Each returns the process exit code; InputError escapes to main,
// which prints it and exits 2.
#include "sim/engine/simulation.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace afdsim::cli {

struct RunArgs {
  std::string scenario_file;
  std::vector<std::string> sets;        // KEY=VALUE overrides, in order
  std::string out_dir;                  // empty: no files
  std::string paje_file;                // --paje; empty: the scenario's outputs.paje
  std::string chrome_file;              // --chrome; empty: the scenario's outputs.chrome
  std::string trace_steps;              // --trace-steps A:B | all; empty: the scenario's
  bool json = false;                    // report as JSON on stdout, nothing else there
  bool force = false;                   // --force: write into a non-empty output directory
  std::vector<std::string> simgrid_args; // --cfg=... and --log=... passed through to SimGrid
};

struct EstimateArgs {
  std::string hardware;
  std::string model;
  std::string part;                     // attn | ffn | full
  int batch = 1;
  int context = 2048;
  std::string weights = "fp8";
  std::string kv = "bf16";
  bool json = false;
};

struct MaxBatchArgs {
  std::string scenario_file;
  std::vector<std::string> sets;        // KEY=VALUE overrides, in order
  bool json = false;
};

struct CompareArgs {
  std::string scenario_file;             // an AFD scenario
  std::vector<std::string> sets;         // KEY=VALUE overrides, in order
  bool json = false;                     // the table as JSON on stdout, nothing else there
  std::optional<double> tpot_bound_ms;   // --tpot-ms: compare each at its largest batch within it
};

int presets_command(bool json);
int validate_command(const std::string& scenario_file, const std::vector<std::string>& sets);
int estimate_command(const EstimateArgs& args);
int run_command(const RunArgs& args);
// run_command with the simulation passed in (run_command passes simulate()): tests inject faults.
int run_with(const RunArgs& args,
             const std::function<SimulationResult(const Scenario&, const std::vector<std::string>&)>& simulation);
int max_batch_command(const MaxBatchArgs& args);
int compare_command(const CompareArgs& args);

} // namespace afdsim::cli
