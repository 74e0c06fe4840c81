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
  std::vector<std::string> sets;        // model.KEY=VALUE / hardware.KEY=VALUE: fields of the presets
  std::string tables;                   // profiled: folder of operator tables; empty: the roofline
  double op_overhead_us = 0;            // profiled: taken off op-table times
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

struct CalibrateArgs {
  std::string hardware;                   // the preset to start from (datasheet, kernel counts)
  std::string model = "qwen3-32b";        // shapes of the step rows
  std::vector<std::string> measurements;  // CSV files, or folders holding them
  std::string out_file;                   // the fitted preset as a `hardware:` section; empty: none
  std::vector<std::string> sets;          // KEY=VALUE: GPU fields of the starting preset
  std::string fit;                        // comma-separated parameters; empty: those the rows determine
  int max_tokens = 0;                     // leave out rows of more tokens (GEMM m, batch); 0: keep all
  std::optional<double> op_overhead_us;   // held at this value; unset: fitted when possible
  bool no_fit = false;                    // only evaluate the preset
  bool json = false;
};

struct ImportVidurArgs {
  std::string mlp_file;                   // Vidur mlp.csv; empty: none
  std::string attention_file;             // Vidur attention.csv; empty: none
  std::string model;
  std::string out_dir;                    // gets gemm.csv and/or decode_attention.csv
  int tensor_parallel = 1;
  std::string weights = "bf16";
  std::string kv = "bf16";
};

struct SweepArgs {
  std::string spec_file;
  std::vector<std::string> sets;         // KEY=VALUE for every point, after the spec's `set`
  std::string out_dir;
  int jobs = 0;                          // 0: the machine's cores
  std::string shard;                     // "i/N"; empty: the whole sweep
  bool analytic = false;                 // closed forms only, no simulation
  bool strict = false;                   // exit 3 when a point failed
};

struct MergeArgs {
  std::vector<std::string> dirs;
  std::string out_dir;
};

// `afdsim sweep` exits with this when --strict is given and some point failed (results written).
constexpr int kExitPointsFailed = 3;

int presets_command(bool json);
int validate_command(const std::string& scenario_file, const std::vector<std::string>& sets);
int estimate_command(const EstimateArgs& args);
int run_command(const RunArgs& args);
// run_command with the simulation passed in (run_command passes simulate()): tests inject faults.
using Simulation =
    std::function<SimulationResult(const Scenario&, const std::vector<std::string>&, const RecordRetention&)>;
int run_with(const RunArgs& args, const Simulation& simulation);
int max_batch_command(const MaxBatchArgs& args);
int compare_command(const CompareArgs& args);
int calibrate_command(const CalibrateArgs& args);
int import_vidur_command(const ImportVidurArgs& args);
int sweep_command(const SweepArgs& args);
int merge_command(const MergeArgs& args);

} // namespace afdsim::cli
