#include "sim/config/scenario_sections.hpp"

#include "sim/config/key_suggestion.hpp"
#include "sim/config/scenario_enums.hpp"
#include "sim/config/serving_policies.hpp"
#include "sim/config/workload_lengths.hpp"
#include "sim/cost/op_tables.hpp"
#include "sim/cost/profiled_cost_model.hpp"
#include "sim/trace/trace_window.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <type_traits>
#include <variant>

namespace afdsim {

namespace {

template <class Spec>
std::vector<std::string> spec_section_keys(const std::vector<SpecField<Spec>>& fields)
{
  std::vector<std::string> keys{"preset"};
  for (const auto& field : fields)
    keys.push_back(field.key);
  return keys;
}

// Any field of the spec's table overrides the preset's value, within the table's bounds.
template <class Spec>
void read_spec_fields(const MapReader& section, const std::vector<SpecField<Spec>>& fields, Spec& spec)
{
  for (const auto& field : fields) {
    std::visit(
        [&](auto member) {
          auto& value = spec.*member;
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, int>)
            section.read(field.key, value, static_cast<int>(field.min), static_cast<int>(field.max));
          else if constexpr (std::is_same_v<T, double>)
            section.read(field.key, value, NumberRange{field.min, field.max});
          else
            section.read(field.key, value);  // bool, Dtype
        },
        field.member);
  }
}

// The preset named by `section.preset`, with the section's overrides applied.
template <class Spec>
Spec read_spec_section(const MapReader& section, const std::vector<Spec>& presets,
                       const std::vector<SpecField<Spec>>& fields)
{
  std::vector<std::string> names;
  for (const auto& preset : presets)
    names.push_back(preset.name);
  section.require("preset", "the preset to start from: one of " + join(names));
  std::string name;
  section.read_choice("preset", name, names);
  Spec spec = *std::find_if(presets.begin(), presets.end(), [&](const Spec& p) { return p.name == name; });
  read_spec_fields(section, fields, spec);
  return spec;
}

void check_readable_file(const MapReader& section, const std::string& key, const std::string& resolved)
{
  std::error_code ec;
  if (std::filesystem::is_directory(resolved, ec))
    throw section.error(key, "'" + resolved + "' is a directory, not a platform file");
  std::FILE* file = std::fopen(resolved.c_str(), "rb");
  if (!file)
    throw section.error(key, "cannot read '" + resolved + "': " + std::strerror(errno));
  std::fclose(file);
}

PlatformConfig read_platform(const MapReader& top, const std::string& base_dir)
{
  MapReader section = top.section("platform", {"file", "simgrid_cfg", "compute"});
  section.require("file", "path of the SimGrid platform XML, relative to the scenario's folder");
  PlatformConfig platform;
  section.read("file", platform.file, false);
  platform.resolved_file = resolve_path(platform.file, base_dir);
  check_readable_file(section, "file", platform.resolved_file);
  section.read("simgrid_cfg", platform.simgrid_cfg);
  for (size_t i = 0; i < platform.simgrid_cfg.size(); i++) {
    const std::string& setting = platform.simgrid_cfg[i];
    size_t colon = setting.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == setting.size()) {
      throw InputError(section.element_where("simgrid_cfg", i), section.key_path("simgrid_cfg") + "[" + std::to_string(i) + "]",
                       "must be a SimGrid setting 'key:value' such as 'network/model:CM02', got '" + setting + "'");
    }
  }
  std::string compute = to_string(platform.compute);
  section.read_choice("compute", compute, {"sleep", "exec"});
  platform.compute = compute == "exec" ? ComputeActivity::exec : ComputeActivity::sleep;
  return platform;
}

DeploymentConfig read_deployment(const MapReader& top)
{
  MapReader section = top.section("deployment", {"mode", "attention_workers", "ffn_workers", "microbatches",
                                                 "tensor_parallel", "gpus", "allreduce", "attention_hosts",
                                                 "ffn_hosts", "a2f_dtype", "f2a_dtype", "attention_slowdown", "padding",
                                                 "cuda_graph_sizes"});
  DeploymentConfig d;
  std::string mode = to_string(d.mode);
  section.read_choice("mode", mode, {"afd", "colocated"});
  d.mode = *parse_deployment_mode(mode);
  const bool colocated = d.mode == DeploymentMode::colocated;
  section.read("attention_workers", d.attention_workers, 1, 1024);
  section.read("ffn_workers", d.ffn_workers, 1, 1024);
  if (d.ffn_workers != 1)
    throw section.error("ffn_workers", "only 1 FFN worker is supported, got " + std::to_string(d.ffn_workers));
  // A colocated GPU runs its whole batch at once: one microbatch, unless the key says otherwise.
  if (colocated)
    d.microbatches = 1;
  section.read("microbatches", d.microbatches, 1, 64);
  if (colocated && d.microbatches != 1) {
    throw section.error("microbatches", "must be 1 when deployment.mode is colocated (a colocated GPU decodes its "
                                        "batch as one microbatch), got " + std::to_string(d.microbatches));
  }
  section.read("tensor_parallel", d.tensor_parallel, 1, 64);
  if (!colocated && section.has("gpus")) {
    throw section.error("gpus", "only allowed when deployment.mode is colocated; AFD uses deployment.attention_workers "
                                "+ deployment.ffn_workers GPUs");
  }
  d.gpus = d.attention_workers + d.ffn_workers;  // switching the mode keeps the GPU count
  section.read("gpus", d.gpus, 1, 4096);
  if (!colocated && section.has("allreduce"))
    throw section.error("allreduce", "only allowed when deployment.mode is colocated (AFD has no all-reduce)");
  std::string allreduce = to_string(d.allreduce);
  section.read_choice("allreduce", allreduce, {"ring", "one_shot"});
  d.allreduce = *parse_allreduce_algorithm(allreduce);
  section.read_distinct_names("attention_hosts", d.attention_hosts);
  section.read_distinct_names("ffn_hosts", d.ffn_hosts);
  section.read("a2f_dtype", d.a2f_dtype);
  section.read("f2a_dtype", d.f2a_dtype);
  section.read("attention_slowdown", d.attention_slowdown, NumberRange{0, 1000, true});
  read_padding(section, d);
  return d;
}

WorkloadConfig read_workload(const MapReader& top, const std::string& base_dir)
{
  MapReader section = top.section("workload", {"batch_per_worker", "prompt_tokens", "output_tokens", "trace", "steps",
                                               "warmup_steps", "seed", "arrival", "arrival_rate_per_s", "routing"});
  WorkloadConfig w;
  section.read("batch_per_worker", w.batch_per_worker, 1, 65536);
  read_workload_lengths(section, base_dir, w);
  read_arrivals(section, w);
  section.read("steps", w.steps, 1, 10'000'000);
  section.read("warmup_steps", w.warmup_steps, 0, 10'000'000 - 1);  // below steps: scenario_checks
  section.read("seed", w.seed);
  return w;
}

CostModelConfig read_cost_model(const MapReader& top, const std::string& base_dir)
{
  const std::vector<std::string> fixed_keys = {"attention_us", "ffn_us", "lm_head_us"};
  const std::vector<std::string> profiled_keys = {"tables", "op_overhead_us"};
  std::vector<std::string> keys{"kind"};
  keys.insert(keys.end(), fixed_keys.begin(), fixed_keys.end());
  keys.insert(keys.end(), profiled_keys.begin(), profiled_keys.end());
  MapReader section = top.section("cost_model", keys);
  CostModelConfig c;
  std::string kind = to_string(c.kind);
  section.read_choice("kind", kind, {"roofline", "fixed", "profiled"});
  c.kind = *parse_cost_model_kind(kind);
  for (const auto& [only_for, only_keys] : {std::make_pair(CostModelKind::fixed, fixed_keys),
                                            std::make_pair(CostModelKind::profiled, profiled_keys)}) {
    for (const auto& key : only_keys) {
      if (c.kind != only_for && section.has(key))
        throw section.error(key, std::string("only allowed when cost_model.kind is ") + to_string(only_for) +
                                     " (it is " + kind + ")");
    }
  }
  const NumberRange microseconds{0, 1e9};
  section.read("attention_us", c.attention_us, microseconds);
  section.read("ffn_us", c.ffn_us, microseconds);
  section.read("lm_head_us", c.lm_head_us, microseconds);
  if (c.kind == CostModelKind::profiled) {
    section.require("tables", "the folder of the operator tables (gemm.csv, decode_attention.csv, decode_step.csv), "
                              "relative to the scenario's folder");
    section.read("tables", c.tables, false);
    c.tables = resolve_path(c.tables, base_dir);
    c.profile = std::make_shared<const OperatorTables>(
        load_operator_tables(c.tables, section.where("tables"), section.key_path("tables")));
    section.read("op_overhead_us", c.op_overhead_us, NumberRange{0, 1e6});
  }
  return c;
}

} // namespace

const std::vector<std::string>& scenario_top_keys()
{
  static const std::vector<std::string> keys = {"name",     "description", "model",      "hardware",
                                                "ffn_hardware", "platform", "deployment", "workload",
                                                "cost_model", "outputs"};
  return keys;
}

std::string resolve_path(const std::string& file, const std::string& base_dir)
{
  std::filesystem::path path(file);
  if (path.is_relative())
    path = std::filesystem::path(base_dir.empty() ? "." : base_dir) / path;
  return std::filesystem::absolute(path).lexically_normal().string();
}

void read_scenario_sections(const MapReader& top, const std::string& base_dir, Scenario& scenario)
{
  top.read("name", scenario.name, false);
  top.read("description", scenario.description, true);
  top.require("model", "a section naming the model preset");
  scenario.model = read_spec_section(top.section("model", spec_section_keys(model_fields())), model_presets(), model_fields());
  top.require("hardware", "a section naming the GPU preset");
  scenario.hardware = read_spec_section(top.section("hardware", spec_section_keys(gpu_fields())), gpu_presets(), gpu_fields());
  // Optional, same keys as hardware; null (e.g. --set ffn_hardware=null) is the same as absent.
  const MapReader ffn_hardware = top.section("ffn_hardware", spec_section_keys(gpu_fields()));
  if (top.has_map("ffn_hardware"))
    scenario.ffn_hardware = read_spec_section(ffn_hardware, gpu_presets(), gpu_fields());
  top.require("platform", "a section naming the platform file");
  scenario.platform = read_platform(top, base_dir);
  scenario.deployment = read_deployment(top);
  scenario.workload = read_workload(top, base_dir);
  scenario.cost_model = read_cost_model(top, base_dir);
  if (scenario.cost_model.kind == CostModelKind::profiled)  // the step table carries no shapes: it is the model's
    scenario.cost_model.step_model_key = step_model_key(scenario.model);
  MapReader outputs = top.section("outputs", {"dir", "paje", "chrome", "trace_steps"});
  outputs.read("dir", scenario.outputs.dir, true);
  outputs.read("paje", scenario.outputs.paje, true);
  outputs.read("chrome", scenario.outputs.chrome, true);
  outputs.read("trace_steps", scenario.outputs.trace_steps, true);
  if (!scenario.outputs.trace_steps.empty() && !parse_step_range(scenario.outputs.trace_steps))
    throw outputs.error("trace_steps", "must be 'A:B' (whole steps, A <= B) or 'all', got '" +
                                           scenario.outputs.trace_steps + "'");
}

} // namespace afdsim
