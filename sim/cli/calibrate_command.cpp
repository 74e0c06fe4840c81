// `afdsim calibrate`: fits a GPU preset's cost-model parameters to measured op and step times
// (sim/cost/calibration.hpp), prints the error of every row and overall, and writes the fitted
// preset as a scenario `hardware:` section.
#include "sim/cli/commands.hpp"
#include "sim/cli/preset_flags.hpp"

#include "sim/config/csv_table.hpp"
#include "sim/config/number_text.hpp"
#include "sim/config/scenario_yaml.hpp"
#include "sim/cost/calibration.hpp"
#include "sim/specs/spec_override.hpp"
#include "sim/trace/atomic_file.hpp"
#include "sim/util/errors.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace afdsim::cli {

namespace {

// A folder stands for the measurement files it holds.
OperatorTables read_measurements(const std::vector<std::string>& paths)
{
  OperatorTables tables;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
      add_table_csv(read_table_file(path, "--measurements", ""), path, tables);
      continue;
    }
    const size_t before = tables.files.size();
    for (const char* name : {"decode_step.csv", "gemm.csv", "decode_attention.csv", "kernels_per_layer.csv"}) {
      const std::string file = (std::filesystem::path(path) / name).string();
      if (std::filesystem::exists(file, ec))
        add_table_csv(read_table_file(file, "--measurements", ""), file, tables);
    }
    if (tables.files.size() == before)
      throw InputError("--measurements", "", "'" + path + "' holds none of decode_step.csv, gemm.csv, "
                                                          "decode_attention.csv, kernels_per_layer.csv");
  }
  return tables;
}

// The decode range: rows of at most `max_tokens` tokens (0: all).
OperatorTables without_rows_above(OperatorTables t, int max_tokens)
{
  if (max_tokens == 0)
    return t;
  const auto above = [max_tokens](int64_t tokens) { return tokens > max_tokens; };
  t.gemm.erase(std::remove_if(t.gemm.begin(), t.gemm.end(), [&](const auto& g) { return above(g.m); }), t.gemm.end());
  t.attention.erase(std::remove_if(t.attention.begin(), t.attention.end(), [&](const auto& a) { return above(a.batch); }),
                    t.attention.end());
  t.steps.erase(std::remove_if(t.steps.begin(), t.steps.end(), [&](const auto& s) { return above(s.batch); }),
                t.steps.end());
  return t;
}

std::vector<std::string> split_list(const std::string& text)
{
  std::vector<std::string> items;
  std::stringstream ss(text);
  for (std::string item; std::getline(ss, item, ',');) {
    if (!item.empty())
      items.push_back(item);
  }
  return items;
}

std::string percent(double fraction)
{
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * fraction);
  return buf;
}

std::string abs_percent(double fraction)
{
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * fraction);
  return buf;
}

// Steps in ms, ops in us: the units the measurements are written in.
double shown(const CalibrationRow& r, double seconds) { return r.kind == "step" ? seconds * 1e3 : seconds * 1e6; }

nlohmann::json result_json(const CalibrateArgs& args, const CalibrationResult& c, const OperatorTables& t)
{
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& p : c.parameters)
    parameters.push_back({{"name", p.name}, {"start", p.start}, {"fitted", p.fitted}});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : c.rows)
    rows.push_back({{"kind", r.kind},
                    {"label", r.label},
                    {"where", r.where},
                    {"measured_us", r.measured_s * 1e6},
                    {"model_us", r.model_s * 1e6},
                    {"error", r.error()}});
  nlohmann::json summaries = nlohmann::json::object();
  for (const auto& s : c.summaries)
    summaries[s.kind] = {{"rows", s.rows},
                         {"median_abs_error", s.median_abs_error},
                         {"max_abs_error", s.max_abs_error},
                         {"rms_error", s.rms_error}};
  return {{"hardware", args.hardware},
          {"model", args.model},
          {"files", t.files},
          {"max_tokens", args.max_tokens},
          {"fitted", args.no_fit ? false : true},
          {"parameters", parameters},
          {"op_overhead_us", c.op_overhead_us},
          {"kernel_counts", c.kernel_count_sources},
          {"fit", {{"iterations", c.iterations}, {"converged", c.converged}, {"start_cost", c.start_cost}, {"cost", c.cost}}},
          {"summary", summaries},
          {"rows", rows}};
}

void print_result(const CalibrateArgs& args, const CalibrationResult& c, const OperatorTables& t)
{
  std::printf("afdsim calibrate: %s, model %s, %zu files: %zu step, %zu GEMM, %zu attention rows%s\n",
              args.hardware.c_str(), args.model.c_str(), t.files.size(), t.steps.size(), t.gemm.size(),
              t.attention.size(), args.max_tokens ? (" (at most " + std::to_string(args.max_tokens) + " tokens)").c_str() : "");
  for (const auto& s : c.kernel_count_sources)
    std::printf("  %s\n", s.c_str());
  if (args.no_fit) {
    std::printf("not fitted (--no-fit): the preset as it is, op_overhead_us %s\n",
                format_number(c.op_overhead_us).c_str());
  } else {
    std::printf("least squares: %d iterations, %s, weighted cost %.6g -> %.6g\n\n", c.iterations,
                c.converged ? "converged" : "NOT converged (iteration limit)", c.start_cost, c.cost);
    std::printf("| parameter | start | fitted |\n|---|---|---|\n");
    for (const auto& p : c.parameters)
      std::printf("| %s | %.6g | %.6g |\n", p.name.c_str(), p.start, p.fitted);
  }
  std::printf("\n| row | where | measured | model | error |\n|---|---|---|---|---|\n");
  for (const auto& r : c.rows) {
    const char* unit = r.kind == "step" ? "ms" : "us";
    std::printf("| %s %s | %s | %.2f %s | %.2f %s | %s |\n", r.kind.c_str(), r.label.c_str(), r.where.c_str(),
                shown(r, r.measured_s), unit, shown(r, r.model_s), unit, percent(r.error()).c_str());
  }
  std::printf("\n| rows | count | median abs error | worst | rms |\n|---|---|---|---|---|\n");
  for (const auto& s : c.summaries)
    std::printf("| %s | %zu | %s | %s | %s |\n", s.kind.c_str(), s.rows, abs_percent(s.median_abs_error).c_str(),
                abs_percent(s.max_abs_error).c_str(), abs_percent(s.rms_error).c_str());
}

std::string preset_yaml(const CalibrateArgs& args, const CalibrationResult& c, const OperatorTables& t)
{
  std::string text = "# Written by afdsim calibrate --hardware " + args.hardware + " --model " + args.model +
                     (args.max_tokens ? " --max-tokens " + std::to_string(args.max_tokens) : "") + "\n";
  text += "# from";
  for (const auto& f : t.files)
    text += " " + f;
  text += "\n# fitted:";
  for (const auto& p : c.parameters)
    text += " " + p.name + "=" + format_number(p.fitted);
  text += "\n";
  for (const auto& s : c.summaries)
    text += "# " + s.kind + ": " + std::to_string(s.rows) + " rows, median |error| " + abs_percent(s.median_abs_error) +
            ", worst " + abs_percent(s.max_abs_error) + "\n";
  text += "# Use it as the hardware section of a scenario (op_overhead_us is a property of the timing\n"
          "# harness, not of the GPU, and is not part of it).\n";
  return text + hardware_section_yaml(c.gpu);
}

} // namespace

int calibrate_command(const CalibrateArgs& args)
{
  if (args.measurements.empty())
    throw InputError("--measurements", "", "give at least one measurement file or folder");
  GpuSpec start = preset_for_flag("--hardware", gpu_preset, args.hardware);
  for (const auto& s : args.sets)
    set_spec_field(start, gpu_fields(), s, "--set");
  const ModelSpec model = preset_for_flag("--model", model_preset, args.model);
  if (args.op_overhead_us && !(*args.op_overhead_us >= 0 && *args.op_overhead_us <= 1e3))
    throw InputError("--op-overhead-us", "", "must be in [0, 1000] us, got " + format_number(*args.op_overhead_us));
  if (args.max_tokens < 0)
    throw InputError("--max-tokens", "", "must be >= 0 (0 keeps every row), got " + std::to_string(args.max_tokens));
  const OperatorTables tables = without_rows_above(read_measurements(args.measurements), args.max_tokens);

  FitOptions options;
  options.parameters = split_list(args.fit);
  options.op_overhead_us = args.op_overhead_us;
  options.fit = !args.no_fit;
  if (args.no_fit && !options.parameters.empty())
    throw InputError("--fit", "", "cannot be combined with --no-fit");
  const CalibrationResult result = calibrate(tables, model, start, options);

  if (!args.out_file.empty()) {
    AtomicFile file(args.out_file, "--out");
    file.out() << preset_yaml(args, result, tables);
    file.commit();
  }
  if (args.json)
    std::cout << result_json(args, result, tables).dump(2) << "\n";
  else
    print_result(args, result, tables);
  if (!args.out_file.empty())
    std::fprintf(stderr, "afdsim calibrate: wrote %s\n", args.out_file.c_str());
  return kExitOk;
}

} // namespace afdsim::cli
