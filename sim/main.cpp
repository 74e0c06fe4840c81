// afdsim: a thin main. Parses the command line, dispatches to a subcommand, maps failures to
// exit codes (2 bad input, 1 internal error).
#include "sim/cli/commands.hpp"
#include "sim/util/errors.hpp"

#include <CLI/CLI.hpp>

#include <cstring>
#include <iostream>

namespace {

bool is_simgrid_arg(const char* a) { return std::strncmp(a, "--cfg=", 6) == 0 || std::strncmp(a, "--log=", 6) == 0; }

} // namespace

int main(int argc, char** argv)
{
  using namespace afdsim;
  // SimGrid's own --cfg=/--log= flags pass through untouched to the engine of `run`.
  std::vector<std::string> simgrid_args;
  std::vector<char*> own_args;
  for (int i = 0; i < argc; i++) {
    if (i > 0 && is_simgrid_arg(argv[i]))
      simgrid_args.emplace_back(argv[i]);
    else
      own_args.push_back(argv[i]);
  }

  CLI::App app{"afdsim: discrete-event simulator of Attention-FFN Disaggregated LLM decode (SimGrid)"};
  app.set_version_flag("--version", std::string(AFDSIM_VERSION));
  app.require_subcommand(1);

  bool presets_json = false;
  auto* presets = app.add_subcommand("presets", "List model and GPU presets with their parameters");
  presets->add_flag("--json", presets_json, "Print as JSON");

  std::string validate_file;
  std::vector<std::string> validate_sets;
  auto* validate = app.add_subcommand("validate", "Check a scenario without simulating; print it resolved");
  validate->add_option("scenario", validate_file, "Scenario YAML")->required();
  validate->add_option("--set", validate_sets, "Override a key: --set dotted.key=value (repeatable)")->allow_extra_args(false);

  cli::EstimateArgs est;
  auto* estimate = app.add_subcommand("estimate", "Cost-model time of one decode step part on one GPU, all layers");
  estimate->add_option("--hardware", est.hardware, "GPU preset")->required();
  estimate->add_option("--model", est.model, "Model preset")->required();
  estimate->add_option("--part", est.part, "attn | ffn | full")->required();
  estimate->add_option("--batch", est.batch, "Decode tokens (requests) in the batch")->required();
  estimate->add_option("--context", est.context, "KV length of every request, tokens")->capture_default_str();
  estimate->add_option("--weights", est.weights, "Linear-layer weights: fp8 | bf16")->capture_default_str();
  estimate->add_option("--kv", est.kv, "KV cache: bf16 | fp8")->capture_default_str();
  estimate->add_option("--set", est.sets, "Set a preset field: --set model.hidden_size=4096, --set hardware.gemm_mfu=0.8")
      ->allow_extra_args(false);
  estimate->add_option("--tables", est.tables, "Profiled cost model: folder of operator tables (gemm.csv, ...)");
  estimate->add_option("--op-overhead-us", est.op_overhead_us, "Profiled: launch latency taken off op-table times, us")
      ->capture_default_str();
  estimate->add_flag("--json", est.json, "Print as JSON, with the per-op breakdown");

  cli::RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario and report throughput, TPOT and bubbles");
  run_cmd->add_option("scenario", run.scenario_file, "Scenario YAML")->required();
  run_cmd->add_option("--set", run.sets, "Override a key: --set dotted.key=value (repeatable)")->allow_extra_args(false);
  run_cmd->add_option("--out", run.out_dir,
                      "Write report.json, scenario.yaml, steps.csv, requests.csv, workers.csv here (new or empty)");
  run_cmd->add_flag("--force", run.force,
                    "Let --out (or outputs.dir) name a non-empty directory; afdsim's files there are replaced");
  run_cmd->add_flag("--json", run.json, "Print the report as JSON on stdout (logs go to stderr)");
  run_cmd->add_option("--paje", run.paje_file, "Write a Paje trace (ViTE, PajeNG) of --trace-steps here");
  run_cmd->add_option("--chrome", run.chrome_file, "Write a Chrome trace JSON (Perfetto UI) of --trace-steps here");
  run_cmd->add_option("--trace-steps", run.trace_steps, "Steps A:B (inclusive) or all; default: 3 after warm-up");
  run_cmd->footer("SimGrid settings pass through: --cfg=network/model:CM02, --log=...");

  cli::MaxBatchArgs max_batch;
  auto* max_batch_cmd = app.add_subcommand("max-batch", "Largest workload.batch_per_worker that fits in GPU memory");
  max_batch_cmd->add_option("scenario", max_batch.scenario_file, "Scenario YAML")->required();
  max_batch_cmd->add_option("--set", max_batch.sets, "Override a key: --set dotted.key=value (repeatable)")
      ->allow_extra_args(false);
  max_batch_cmd->add_flag("--json", max_batch.json, "Print as JSON, with the memory of every GPU");

  cli::CompareArgs compare;
  double compare_tpot_ms = 0;
  auto* compare_cmd = app.add_subcommand("compare", "AFD vs colocated DP/TP on the same GPUs and workload");
  compare_cmd->add_option("scenario", compare.scenario_file, "AFD scenario YAML")->required();
  compare_cmd->add_option("--set", compare.sets, "Override a key: --set dotted.key=value (repeatable)")
      ->allow_extra_args(false);
  compare_cmd->add_flag("--json", compare.json, "Print the table as JSON on stdout (progress goes to stderr)");
  auto* tpot_option = compare_cmd->add_option("--tpot-ms", compare_tpot_ms,
                                              "Run each configuration at its largest batch with TPOT p50 <= this (ms)");

  cli::CalibrateArgs calibrate;
  double calibrate_overhead_us = 0;
  auto* calibrate_cmd =
      app.add_subcommand("calibrate", "Fit a GPU preset's cost-model parameters to measured op and step times");
  calibrate_cmd->add_option("--hardware", calibrate.hardware, "GPU preset to start from")->required();
  calibrate_cmd->add_option("--measurements", calibrate.measurements,
                            "Measurement CSVs (gemm, decode_attention, decode_step, kernels_per_layer) or folders")
      ->required();
  calibrate_cmd->add_option("--model", calibrate.model, "Model preset of the step rows")->capture_default_str();
  calibrate_cmd->add_option("--out", calibrate.out_file, "Write the fitted preset as a scenario hardware section");
  calibrate_cmd->add_option("--set", calibrate.sets, "Set a field of the starting preset: --set gemm_mfu=0.7 (repeatable)")
      ->allow_extra_args(false);
  calibrate_cmd->add_option("--max-tokens", calibrate.max_tokens,
                            "Leave out rows with more tokens than this (GEMM m, attention and step batch)");
  calibrate_cmd->add_option("--fit", calibrate.fit, "Comma-separated parameters to fit (default: what the rows determine)");
  auto* overhead_option = calibrate_cmd->add_option(
      "--op-overhead-us", calibrate_overhead_us, "Launch latency of standalone op timings, us (default: fitted)");
  calibrate_cmd->add_flag("--no-fit", calibrate.no_fit, "Only print the preset's error on every row");
  calibrate_cmd->add_flag("--json", calibrate.json, "Print the parameters and rows as JSON");

  cli::ImportVidurArgs vidur;
  auto* vidur_cmd = app.add_subcommand("import-vidur", "Convert Vidur mlp.csv/attention.csv profiles to operator tables");
  vidur_cmd->add_option("--mlp", vidur.mlp_file, "Vidur mlp.csv");
  vidur_cmd->add_option("--attention", vidur.attention_file, "Vidur attention.csv");
  vidur_cmd->add_option("--model", vidur.model, "Model preset whose shapes to take")->required();
  vidur_cmd->add_option("--out", vidur.out_dir, "Folder for gemm.csv and decode_attention.csv")->required();
  vidur_cmd->add_option("--tensor-parallel", vidur.tensor_parallel, "Rows of this tensor-parallel degree")
      ->capture_default_str();
  vidur_cmd->add_option("--weights", vidur.weights, "Dtype the profile's linear layers ran in")->capture_default_str();
  vidur_cmd->add_option("--kv", vidur.kv, "Dtype of the profile's KV cache")->capture_default_str();
  cli::SweepArgs sweep;
  auto* sweep_cmd = app.add_subcommand("sweep", "Run a what-if study: every point of a sweep spec, N at a time");
  sweep_cmd->add_option("spec", sweep.spec_file, "Sweep spec YAML (docs/sweep.md)")->required();
  sweep_cmd->add_option("--out", sweep.out_dir, "Folder for results.csv and the points' reports")->required();
  sweep_cmd->add_option("-j,--jobs", sweep.jobs, "Simulations at once (default: the machine's cores)");
  sweep_cmd->add_option("--shard", sweep.shard, "Run slice i/N of the points only (join with afdsim merge)");
  sweep_cmd->add_option("--set", sweep.sets, "Override a key of every point: --set dotted.key=value (repeatable)")
      ->allow_extra_args(false);
  sweep_cmd->add_flag("--analytic", sweep.analytic, "Closed forms only, no simulation (screening)");
  sweep_cmd->add_flag("--strict", sweep.strict, "Exit 3 when a point failed");

  cli::MergeArgs merge;
  auto* merge_cmd = app.add_subcommand("merge", "Join the output folders of sharded sweeps into one");
  merge_cmd->add_option("dirs", merge.dirs, "Sweep output folders")->required();
  merge_cmd->add_option("--out", merge.out_dir, "Folder of the merged results.csv")->required();

  try {
    app.parse(static_cast<int>(own_args.size()), own_args.data());
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitInput;
  }
  run.simgrid_args = simgrid_args;
  if (!simgrid_args.empty() && !run_cmd->parsed()) {
    std::cerr << "afdsim: --cfg= and --log= are only accepted by `afdsim run`\n";
    return kExitInput;
  }

  try {
    if (presets->parsed())
      return cli::presets_command(presets_json);
    if (validate->parsed())
      return cli::validate_command(validate_file, validate_sets);
    if (estimate->parsed())
      return cli::estimate_command(est);
    if (max_batch_cmd->parsed())
      return cli::max_batch_command(max_batch);
    if (calibrate_cmd->parsed()) {
      if (overhead_option->count() > 0)
        calibrate.op_overhead_us = calibrate_overhead_us;
      return cli::calibrate_command(calibrate);
    }
    if (vidur_cmd->parsed())
      return cli::import_vidur_command(vidur);
    if (compare_cmd->parsed()) {
      if (tpot_option->count() > 0)
        compare.tpot_bound_ms = compare_tpot_ms;
      return cli::compare_command(compare);
    }
    if (sweep_cmd->parsed())
      return cli::sweep_command(sweep);
    if (merge_cmd->parsed())
      return cli::merge_command(merge);
    return cli::run_command(run);
  } catch (const InputError& e) {
    std::cerr << "afdsim: error: " << e.what() << "\n";
    return kExitInput;
  } catch (const std::exception& e) {
    std::cerr << "afdsim: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}
