#include "sim/cli/commands.hpp"
#include "sim/specs/gpu_spec.hpp"
#include "sim/specs/model_spec.hpp"
#include "sim/specs/spec_json.hpp"
#include "sim/util/errors.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <sstream>

namespace afdsim::cli {

namespace {

template <class Spec>
nlohmann::json spec_json(const Spec& spec, const std::vector<SpecField<Spec>>& fields)
{
  nlohmann::json j = spec_fields_json(spec, fields);
  j["name"] = spec.name;
  return j;
}

nlohmann::json model_derived_json(const ModelSpec& m)
{
  return {{"attention_params_per_layer", m.attention_params_per_layer()},
          {"ffn_params_per_layer", m.ffn_params_per_layer()},
          {"attention_role_weight_bytes", m.attention_role_weight_bytes()},
          {"ffn_role_weight_bytes", m.ffn_role_weight_bytes()},
          {"kv_bytes_per_token", m.kv_bytes_per_token()},
          {"activation_bytes_per_token_bf16", m.activation_bytes_per_token(Dtype::bf16)}};
}

// One row per field, one column per preset.
template <class Spec>
void print_table(const std::vector<Spec>& specs, const std::vector<SpecField<Spec>>& fields)
{
  std::printf("%-24s", "");
  for (const auto& s : specs)
    std::printf(" %12s", s.name.c_str());
  std::printf("  meaning\n");
  for (const auto& f : fields) {
    std::printf("%-24s", f.key.c_str());
    for (const auto& s : specs) {
      std::ostringstream cell;
      const nlohmann::json v = spec_field_json(s, f);
      cell << (v.is_string() ? v.get<std::string>() : v.dump());
      std::printf(" %12s", cell.str().c_str());
    }
    std::printf("  %s\n", f.doc.c_str());
  }
}

} // namespace

int presets_command(bool json)
{
  if (json) {
    nlohmann::json out = {{"models", nlohmann::json::array()}, {"hardware", nlohmann::json::array()}};
    for (const auto& m : model_presets()) {
      auto j = spec_json(m, model_fields());
      j["derived"] = model_derived_json(m);
      out["models"].push_back(j);
    }
    for (const auto& g : gpu_presets())
      out["hardware"].push_back(spec_json(g, gpu_fields()));
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("Models (model.preset; every field can be overridden under model:)\n");
  print_table(model_presets(), model_fields());
  std::printf("\nHardware (hardware.preset; every field can be overridden under hardware:)\n");
  print_table(gpu_presets(), gpu_fields());
  std::printf("\nSources and fits: docs/cost-model.md. GB = 1e9 B.\n");
  return kExitOk;
}

} // namespace afdsim::cli
