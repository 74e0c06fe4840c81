#include "sim/config/scenario_yaml.hpp"

#include "sim/config/length_fields.hpp"
#include "sim/config/number_text.hpp"
#include "sim/config/scenario_enums.hpp"
#include "sim/specs/spec_json.hpp"

#include <yaml-cpp/yaml.h>

#include <type_traits>
#include <variant>

namespace afdsim {

namespace {

// Doubles as their shortest exact text, so that reloading gives the same bits.
void emit_value(YAML::Emitter& out, double value) { out << format_number(value); }
void emit_value(YAML::Emitter& out, int value) { out << value; }
void emit_value(YAML::Emitter& out, uint64_t value) { out << value; }
void emit_value(YAML::Emitter& out, bool value) { out << (value ? "true" : "false"); }
void emit_value(YAML::Emitter& out, Dtype value) { out << to_string(value); }
void emit_value(YAML::Emitter& out, const std::string& value) { out << value; }

template <class T>
void emit_value(YAML::Emitter& out, const std::vector<T>& values)
{
  out << YAML::Flow << YAML::BeginSeq;
  for (const auto& v : values)
    emit_value(out, v);
  out << YAML::EndSeq;
}

template <class T>
void emit(YAML::Emitter& out, const std::string& key, const T& value)
{
  out << YAML::Key << key << YAML::Value;
  emit_value(out, value);
}

template <class Spec>
void emit_spec(YAML::Emitter& out, const std::string& key, const Spec& spec, const std::vector<SpecField<Spec>>& fields)
{
  out << YAML::Key << key << YAML::Value << YAML::BeginMap;
  emit(out, "preset", spec.name);
  for (const auto& field : fields)
    std::visit([&](auto member) { emit(out, field.key, spec.*member); }, field.member);
  out << YAML::EndMap;
}

template <class Spec>
nlohmann::json spec_json(const Spec& spec, const std::vector<SpecField<Spec>>& fields)
{
  nlohmann::json j = spec_fields_json(spec, fields);
  j["preset"] = spec.name;
  return j;
}

} // namespace

std::string to_yaml(const Scenario& s)
{
  YAML::Emitter out;
  out << YAML::BeginMap;
  emit(out, "name", s.name);
  emit(out, "description", s.description);
  emit_spec(out, "model", s.model, model_fields());
  emit_spec(out, "hardware", s.hardware, gpu_fields());
  if (s.ffn_hardware)
    emit_spec(out, "ffn_hardware", *s.ffn_hardware, gpu_fields());

  out << YAML::Key << "platform" << YAML::Value << YAML::BeginMap;
  emit(out, "file", s.platform.resolved_file);
  emit(out, "simgrid_cfg", s.platform.simgrid_cfg);
  emit(out, "compute", std::string(to_string(s.platform.compute)));
  out << YAML::EndMap;

  const DeploymentConfig& d = s.deployment;
  out << YAML::Key << "deployment" << YAML::Value << YAML::BeginMap;
  emit(out, "mode", std::string(to_string(d.mode)));
  emit(out, "attention_workers", d.attention_workers);
  emit(out, "ffn_workers", d.ffn_workers);
  emit(out, "microbatches", d.microbatches);
  emit(out, "tensor_parallel", d.tensor_parallel);
  if (d.mode == DeploymentMode::colocated) {  // refused with mode afd
    emit(out, "gpus", d.gpus);
    emit(out, "allreduce", std::string(to_string(d.allreduce)));
  }
  emit(out, "attention_hosts", d.attention_hosts);
  emit(out, "ffn_hosts", d.ffn_hosts);
  emit(out, "a2f_dtype", d.a2f_dtype);
  emit(out, "f2a_dtype", d.f2a_dtype);
  emit(out, "attention_slowdown", d.attention_slowdown);
  if (d.mode == DeploymentMode::afd)  // refused with mode colocated
    emit(out, "padding", std::string(to_string(d.padding)));
  if (d.padding == PaddingPolicy::cuda_graph)
    emit(out, "cuda_graph_sizes", d.cuda_graph_sizes);
  out << YAML::EndMap;

  const WorkloadConfig& w = s.workload;
  out << YAML::Key << "workload" << YAML::Value << YAML::BeginMap;
  emit(out, "batch_per_worker", w.batch_per_worker);
  if (!w.trace.file.empty()) {  // the lengths come from the trace (the loader refuses both)
    emit(out, "trace", w.trace.resolved_file);
  } else {
    // Fixed lengths are the ints (what --set and the tests change), written as plain numbers.
    const auto fixed = LengthDistribution::fixed_at;
    emit_length(out, "prompt_tokens", w.prompt_length.is_fixed() ? fixed(w.prompt_tokens) : w.prompt_length);
    emit_length(out, "output_tokens", w.output_length.is_fixed() ? fixed(w.output_tokens) : w.output_length);
  }
  emit(out, "steps", w.steps);
  emit(out, "warmup_steps", w.warmup_steps);
  emit(out, "seed", w.seed);
  emit(out, "arrival", std::string(to_string(w.arrival)));
  if (w.arrival == ArrivalProcess::poisson)
    emit(out, "arrival_rate_per_s", w.arrival_rate_per_s);
  if (w.arrival != ArrivalProcess::closed)
    emit(out, "routing", std::string(to_string(w.routing)));
  out << YAML::EndMap;

  const CostModelConfig& c = s.cost_model;
  out << YAML::Key << "cost_model" << YAML::Value << YAML::BeginMap;
  emit(out, "kind", std::string(to_string(c.kind)));
  if (c.kind == CostModelKind::fixed) {  // the per-op times are refused with any other kind
    emit(out, "attention_us", c.attention_us);
    emit(out, "ffn_us", c.ffn_us);
    emit(out, "lm_head_us", c.lm_head_us);
  }
  if (c.kind == CostModelKind::profiled) {
    emit(out, "tables", c.tables);
    emit(out, "op_overhead_us", c.op_overhead_us);
  }
  out << YAML::EndMap;

  out << YAML::Key << "outputs" << YAML::Value << YAML::BeginMap;
  emit(out, "dir", s.outputs.dir);
  emit(out, "paje", s.outputs.paje);
  emit(out, "chrome", s.outputs.chrome);
  emit(out, "trace_steps", s.outputs.trace_steps);
  out << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string hardware_section_yaml(const GpuSpec& gpu)
{
  YAML::Emitter out;
  out << YAML::BeginMap;
  emit_spec(out, "hardware", gpu, gpu_fields());
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

nlohmann::json to_json(const Scenario& s)
{
  nlohmann::json j;
  j["name"] = s.name;
  j["description"] = s.description;
  j["model"] = spec_json(s.model, model_fields());
  j["hardware"] = spec_json(s.hardware, gpu_fields());
  if (s.ffn_hardware)
    j["ffn_hardware"] = spec_json(*s.ffn_hardware, gpu_fields());
  j["platform"] = {{"file", s.platform.resolved_file},
                   {"simgrid_cfg", s.platform.simgrid_cfg},
                   {"compute", to_string(s.platform.compute)}};
  const DeploymentConfig& d = s.deployment;
  j["deployment"] = {{"mode", to_string(d.mode)},
                     {"attention_workers", d.attention_workers},
                     {"ffn_workers", d.ffn_workers},
                     {"microbatches", d.microbatches},
                     {"tensor_parallel", d.tensor_parallel},
                     {"attention_hosts", d.attention_hosts},
                     {"ffn_hosts", d.ffn_hosts},
                     {"a2f_dtype", to_string(d.a2f_dtype)},
                     {"f2a_dtype", to_string(d.f2a_dtype)},
                     {"attention_slowdown", d.attention_slowdown}};
  if (d.mode == DeploymentMode::afd)
    j["deployment"]["padding"] = to_string(d.padding);
  if (d.padding == PaddingPolicy::cuda_graph)
    j["deployment"]["cuda_graph_sizes"] = d.cuda_graph_sizes;
  if (d.mode == DeploymentMode::colocated) {
    j["deployment"]["gpus"] = d.gpus;
    j["deployment"]["allreduce"] = to_string(d.allreduce);
  }
  const WorkloadConfig& w = s.workload;
  j["workload"] = {{"batch_per_worker", w.batch_per_worker}, {"prompt_tokens", w.prompt_tokens},
                   {"output_tokens", w.output_tokens},       {"steps", w.steps},
                   {"warmup_steps", w.warmup_steps},         {"seed", w.seed},
                   {"arrival", to_string(w.arrival)}};
  if (w.arrival == ArrivalProcess::poisson)
    j["workload"]["arrival_rate_per_s"] = w.arrival_rate_per_s;
  if (w.arrival != ArrivalProcess::closed)
    j["workload"]["routing"] = to_string(w.routing);
  if (!w.trace.file.empty()) {  // prompt_tokens/output_tokens above are then the trace's means
    j["workload"]["trace"] = w.trace.resolved_file;
    j["workload"]["trace_requests"] = w.trace.requests.size();
  }
  if (!w.prompt_length.is_fixed())  // prompt_tokens above is then the mean, rounded
    j["workload"]["prompt_tokens_distribution"] = length_json(w.prompt_length);
  if (!w.output_length.is_fixed())
    j["workload"]["output_tokens_distribution"] = length_json(w.output_length);
  const CostModelConfig& c = s.cost_model;
  j["cost_model"] = {{"kind", to_string(c.kind)}};
  if (c.kind == CostModelKind::fixed) {
    j["cost_model"]["attention_us"] = c.attention_us;
    j["cost_model"]["ffn_us"] = c.ffn_us;
    j["cost_model"]["lm_head_us"] = c.lm_head_us;
  }
  if (c.kind == CostModelKind::profiled) {
    j["cost_model"]["tables"] = c.tables;
    j["cost_model"]["op_overhead_us"] = c.op_overhead_us;
  }
  j["outputs"] = {{"dir", s.outputs.dir},
                  {"paje", s.outputs.paje},
                  {"chrome", s.outputs.chrome},
                  {"trace_steps", s.outputs.trace_steps}};
  return j;
}

} // namespace afdsim
